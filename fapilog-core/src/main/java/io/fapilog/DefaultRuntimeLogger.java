package io.fapilog;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link Fapilog#getLogger(String)}'s logger: it writes through the default runtime at the call ({@link DefaultRuntimeTarget}). */
final class DefaultRuntimeLogger implements Logger {

    private final String name;
    private final DefaultRuntimeTarget<Logger> target;

    DefaultRuntimeLogger(String name, DefaultRuntimeTarget<Logger> target) {
        this.name = name;
        this.target = target;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecutionMode executionMode() {
        return target.current().executionMode();
    }

    @Override
    public boolean isEnabled(Level level) {
        return target.current().isEnabled(level);
    }

    @Override
    public void log(Level level, String message, Throwable error, Object[] keyValues) {
        target.current().log(level, message, error, keyValues);
    }

    @Override
    public void log(Level level, String message, Throwable error, Map<String, ?> fields) {
        target.current().log(level, message, error, fields);
    }

    @Override
    public LogBuilder atLevel(Level level) {
        return target.current().atLevel(level);
    }

    @Override
    public Logger bind(Object... keyValues) {
        Object[] pairs = KeyValues.bind(null, keyValues); // the values as at this call, as a runtime's logger takes them
        return new DefaultRuntimeLogger(name, target.then(logger -> logger.bind(pairs)));
    }

    @Override
    public CompletableFuture<DrainResult> stopAndDrain() {
        return target.current().stopAndDrain();
    }

    @Override
    public String toString() {
        return target.current().toString();
    }
}
