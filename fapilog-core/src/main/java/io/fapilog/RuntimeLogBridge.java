package io.fapilog;

import io.fapilog.internal.event.LogEvent;
import io.fapilog.spi.LogBridge;

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
    public boolean submit(long timestampMillis, Level level, String loggerName, String message, Throwable throwable,
                          String threadName, Object[] context, Object[] data) {
        if (runtime.isStopped()) {
            return false;
        }
        runtime.engine().submit(new LogEvent(timestampMillis, level, loggerName, message, throwable, threadName,
                context, data), runtime.syncMode());
        return true;
    }
}
