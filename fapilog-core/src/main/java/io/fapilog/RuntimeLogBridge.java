package io.fapilog;

import io.fapilog.internal.event.LogEvent;
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
}
