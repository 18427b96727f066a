package io.fapilog.config;

/**
 * Bounds that keep one event line small whatever the caller passes. Values past a bound are
 * truncated with a marker, never dropped silently.
 *
 * @param maxStringLength characters kept of one string value (the rest replaced by a marker)
 * @param maxCollectionSize elements kept of one collection, array or map
 * @param maxDepth nesting depth of maps/collections/beans written before a placeholder
 * @param maxStackFrames stack frames written per exception in the cause chain
 * @param maxLineBytes the line's budget: since the other limits multiply with nesting, containers and
 *        top-level fields stop, with a marker, once the line passes it, and a string gets at most the
 *        budget left (at least 1,024 characters); so a line ends within a few KiB of it. A sink whose
 *        transport caps a record (Kafka's {@code max.request.size}) lowers it
 */
public record EncodingLimits(int maxStringLength, int maxCollectionSize, int maxDepth, int maxStackFrames,
                             int maxLineBytes) {

    /** The smallest line budget: room for the envelope, a message and a stack trace's head. */
    public static final int MIN_LINE_BYTES = 16 * 1024;

    public static final EncodingLimits DEFAULT = new EncodingLimits(8192, 256, 16, 64);

    public EncodingLimits {
        if (maxStringLength < 16 || maxCollectionSize < 1 || maxDepth < 1 || maxStackFrames < 0
                || maxLineBytes < MIN_LINE_BYTES) {
            throw new IllegalArgumentException("encoding limits too small: " + maxStringLength + ", "
                    + maxCollectionSize + ", " + maxDepth + ", " + maxStackFrames + ", " + maxLineBytes
                    + " (a line's budget is at least " + MIN_LINE_BYTES + " bytes)");
        }
    }

    /** With the default line budget: 1 MiB, or 16 strings of the longest kept if that is more. */
    public EncodingLimits(int maxStringLength, int maxCollectionSize, int maxDepth, int maxStackFrames) {
        this(maxStringLength, maxCollectionSize, maxDepth, maxStackFrames,
                (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1 << 20, 16L * maxStringLength)));
    }

    /** These limits with a line budget of at most {@code bytes}. */
    public EncodingLimits withLineBudgetAtMost(int bytes) {
        return bytes >= maxLineBytes ? this
                : new EncodingLimits(maxStringLength, maxCollectionSize, maxDepth, maxStackFrames, bytes);
    }
}
