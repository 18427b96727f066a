package io.fapilog;

import io.fapilog.internal.event.LogEvent;
import io.fapilog.internal.event.Placeholders;
import io.fapilog.spi.LogBridge;

import java.util.Arrays;
import java.util.List;

/** {@link FapilogRuntime#bridge()}: events of other logging frameworks into the runtime's engine. */
final class RuntimeLogBridge implements LogBridge {

    private final FapilogRuntime runtime;
    /** Whether the framework's events read their throwables' stacks at the call (see {@link #stacksReadAtTheCall}). */
    private final boolean stacksRead;
    private final RuntimeLogBridge readAtTheCall;

    RuntimeLogBridge(FapilogRuntime runtime) {
        this.runtime = runtime;
        this.stacksRead = false;
        this.readAtTheCall = new RuntimeLogBridge(this);
    }

    private RuntimeLogBridge(RuntimeLogBridge unread) {
        this.runtime = unread.runtime;
        this.stacksRead = true;
        this.readAtTheCall = this;
    }

    @Override
    public LogBridge stacksReadAtTheCall() {
        return readAtTheCall;
    }

    @Override
    public boolean isEnabled(String loggerName, Level level) {
        return runtime.isEnabled(loggerName, level);
    }

    @Override
    public void submit(long timestampMillis, Level level, String loggerName, String message, Throwable throwable,
                       String threadName, Object[] context, Object[] data, List<String> tags) {
        // The framework formatted the message; its key/value pairs are fields.
        submit(new LogEvent(timestampMillis, level, loggerName, message, throwable, threadName, context, data)
                .argumentsAreFields(), tags);
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
        Object[] values = Arrays.copyOf(arguments, placeholders + fields);
        Arrays.fill(values, Math.min(placeholders, arguments.length), placeholders, UNFILLED);
        if (fields > 0) {
            System.arraycopy(data, 0, values, placeholders, fields);
        }
        submit(new LogEvent(timestampMillis, level, loggerName, pattern, throwable, threadName, context, values), tags);
    }

    /** What a placeholder without an argument writes, as SLF4J leaves it. */
    private static final String UNFILLED = "{}";

    /** Takes the event's message and values as they are at the call, as fapilog's own loggers do, and submits it. */
    private void submit(LogEvent event, List<String> tags) {
        event.captureCall(runtime.maxStringLength()).tags(tags)
                .callContext(runtime.callContext().captureWithoutMdc()); // the bridged event brings its own MDC
        if (stacksRead && event.hasThrowable()) {
            event.weighStacks(); // read already: weighing them copies each trace
        }
        runtime.engine().submit(event, runtime.syncMode());
    }
}
