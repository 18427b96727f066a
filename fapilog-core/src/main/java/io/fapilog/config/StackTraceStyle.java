package io.fapilog.config;

/**
 * How the {@code ecs}, {@code logstash} and {@code gelf} layouts print a stack trace as text when
 * Spring Boot's {@code logging.structured.json.stacktrace.*} options are set: the layout of Boot's
 * standard stack trace printer, line for line ({@code "\n"} after each line). Without a style the
 * layouts print as {@link Throwable#printStackTrace()} does, within {@link EncodingLimits}.
 *
 * <pre>{@code
 * StackTraceStyle style = StackTraceStyle.ROOT_LAST.withRootFirst(true).withMaxLength(2048);
 * }</pre>
 *
 * @param rootFirst the root cause first, each throwable that wraps it after it as {@code Wrapped by: }
 *                  ({@code root=first}); else the outermost first, its causes as {@code Caused by: }
 * @param maxLength characters printed at most, the last line cut and ending in {@code ...}
 *                  ({@code max-length}); 0: no limit but the line's
 * @param maxFramesPerThrowable frames printed per throwable, the rest counted in one
 *                  {@code ... N filtered} line ({@code max-throwable-depth}); 0: {@link EncodingLimits#maxStackFrames()}
 * @param commonFrames print the frames a cause shares with the trace enclosing it instead of
 *                  {@code ... N more} ({@code include-common-frames})
 * @param hashes put a hash of each throwable's trace and causes before it, {@code <#1a2b3c4d> }
 *                  ({@code include-hashes}): the same failure has the same hash in every line
 */
public record StackTraceStyle(boolean rootFirst, int maxLength, int maxFramesPerThrowable, boolean commonFrames,
                              boolean hashes) {

    /** Boot's standard printer with no option: root last, every limit fapilog's own. */
    public static final StackTraceStyle ROOT_LAST = new StackTraceStyle(false, 0, 0, false, false);

    public StackTraceStyle {
        InvalidSettingException.require(maxLength >= 0, "logging.structured.json.stacktrace.max-length", maxLength,
                "a number > 0");
        InvalidSettingException.require(maxFramesPerThrowable >= 0,
                "logging.structured.json.stacktrace.max-throwable-depth", maxFramesPerThrowable, "a number > 0");
    }

    public StackTraceStyle withRootFirst(boolean rootFirst) {
        return new StackTraceStyle(rootFirst, maxLength, maxFramesPerThrowable, commonFrames, hashes);
    }

    public StackTraceStyle withMaxLength(int maxLength) {
        return new StackTraceStyle(rootFirst, maxLength, maxFramesPerThrowable, commonFrames, hashes);
    }

    public StackTraceStyle withMaxFramesPerThrowable(int maxFramesPerThrowable) {
        return new StackTraceStyle(rootFirst, maxLength, maxFramesPerThrowable, commonFrames, hashes);
    }

    public StackTraceStyle withCommonFrames(boolean commonFrames) {
        return new StackTraceStyle(rootFirst, maxLength, maxFramesPerThrowable, commonFrames, hashes);
    }

    public StackTraceStyle withHashes(boolean hashes) {
        return new StackTraceStyle(rootFirst, maxLength, maxFramesPerThrowable, commonFrames, hashes);
    }
}
