package io.fapilog;

import io.fapilog.internal.event.LogEvent;
import io.fapilog.internal.event.Placeholders;
import io.fapilog.spi.LogBridge;

import java.util.List;

/** {@link FapilogRuntime#bridge()}: events of other logging frameworks into the runtime's engine. */
final class RuntimeLogBridge implements LogBridge {

    private final FapilogRuntime runtime;

    RuntimeLogBridge(FapilogRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean isEnabled(String loggerName, Level level) {
        return runtime.isEnabled(loggerName, level);
    }

    @Override
    public void submit(long timestampMillis, Level level, String loggerName, String message, Throwable throwable,
                       String threadName, Object[] context, Object[] data, List<String> tags) {
        LogEvent event = new LogEvent(timestampMillis, level, loggerName, message, throwable, threadName, context, data)
                .tags(tags)
                .argumentsAreFields()  // the framework formatted the message; its key/value pairs are fields
                .callContext(runtime.callContext().captureWithoutMdc()); // the bridged event brings its own MDC
        runtime.engine().submit(event, runtime.syncMode());
    }

    @Override
    public void submitUnformatted(long timestampMillis, Level level, String loggerName, String pattern, Object[] arguments,
                                  Throwable throwable, String threadName, Object[] context, Object[] data, List<String> tags) {
        if (pattern == null || arguments == null) {
            submit(timestampMillis, level, loggerName, pattern, throwable, threadName, context, data, tags);
            return;
        }
        // The placeholders' values first, then the fields: the worker fills exactly as many placeholders.
        int placeholders = Placeholders.count(pattern);
        int fields = data == null ? 0 : data.length;
        Object[] values = new Object[placeholders + fields];
        for (int i = 0; i < placeholders; i++) {
            values[i] = i < arguments.length ? copied(arguments[i]) : UNFILLED;
        }
        if (fields > 0) {
            System.arraycopy(data, 0, values, placeholders, fields);
        }
        LogEvent event = new LogEvent(timestampMillis, level, loggerName, pattern, throwable, threadName, context, values)
                .tags(tags)
                .callContext(runtime.callContext().captureWithoutMdc());
        runtime.engine().submit(event, runtime.syncMode());
    }

    /** What a placeholder without an argument writes, as SLF4J leaves it. */
    private static final String UNFILLED = "{}";

    /**
     * Arrays as they are at the call: the application may refill its buffer before the worker reads
     * it. An {@code Object[]}'s own byte and char arrays are copied too (one level: it may hold itself).
     */
    private static Object copied(Object argument) {
        if (argument instanceof Object[] nested) {
            Object[] copy = nested.clone();
            for (int i = 0; i < copy.length; i++) {
                copy[i] = copiedArray(copy[i]);
            }
            return copy;
        }
        return copiedArray(argument);
    }

    private static Object copiedArray(Object argument) {
        if (argument instanceof byte[] bytes) {
            return bytes.clone();
        }
        return argument instanceof char[] chars ? chars.clone() : argument;
    }
}
