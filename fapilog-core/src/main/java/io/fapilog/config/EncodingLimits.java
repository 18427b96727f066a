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

    /** The largest line budget (256 MiB): a worker's buffers grow to a line, and no transport takes more. */
    public static final int MAX_LINE_BYTES = 256 << 20;

    public EncodingLimits {
        within("maxStringLength", maxStringLength, 16, MAX_LINE_BYTES);
        within("maxCollectionSize", maxCollectionSize, 1, 1 << 20);
        within("maxDepth", maxDepth, 1, 256); // the walk nests one frame a level: deeper risks the worker's stack
        within("maxStackFrames", maxStackFrames, 0, 4096);
        within("maxLineBytes", maxLineBytes, MIN_LINE_BYTES, MAX_LINE_BYTES);
    }

    private static void within(String limit, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("encoding limit " + limit + " must be from " + min + " to " + max
                    + ", was " + value);
        }
    }

    /** With the default line budget: 1 MiB, or 16 strings of the longest kept if that is more. */
    public EncodingLimits(int maxStringLength, int maxCollectionSize, int maxDepth, int maxStackFrames) {
        this(maxStringLength, maxCollectionSize, maxDepth, maxStackFrames,
                (int) Math.min(MAX_LINE_BYTES, Math.max(1 << 20, 16L * maxStringLength)));
    }

    /** These limits with a line budget of at most {@code bytes}. */
    public EncodingLimits withLineBudgetAtMost(int bytes) {
        return bytes >= maxLineBytes ? this
                : new EncodingLimits(maxStringLength, maxCollectionSize, maxDepth, maxStackFrames, bytes);
    }
}
