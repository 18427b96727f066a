package io.fapilog.config;

/**
 * Bounds that keep one event line small whatever the caller passes. Values past a bound are
 * truncated with a marker, never dropped silently.
 *
 * @param maxStringLength characters kept of one string value (the rest replaced by a marker)
 * @param maxCollectionSize elements kept of one collection, array or map
 * @param maxDepth nesting depth of maps/collections/beans written before a placeholder
 * @param maxStackFrames stack frames written per exception in the cause chain
 */
public record EncodingLimits(int maxStringLength, int maxCollectionSize, int maxDepth, int maxStackFrames) {

    public static final EncodingLimits DEFAULT = new EncodingLimits(8192, 256, 16, 64);

    public EncodingLimits {
        if (maxStringLength < 16 || maxCollectionSize < 1 || maxDepth < 1 || maxStackFrames < 0) {
            throw new IllegalArgumentException("encoding limits too small: " + maxStringLength + ", "
                    + maxCollectionSize + ", " + maxDepth + ", " + maxStackFrames);
        }
    }
}
