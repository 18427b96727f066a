package io.fapilog;

import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link Fapilog#getAsyncLogger(String)}'s logger: it writes through the default runtime at the call ({@link DefaultRuntimeTarget}). */
final class DefaultRuntimeAsyncLogger implements AsyncLogger {

    private final String name;
    private final DefaultRuntimeTarget<AsyncLogger> target;

    DefaultRuntimeAsyncLogger(String name, DefaultRuntimeTarget<AsyncLogger> target) {
        this.name = name;
        this.target = target;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecutionMode executionMode() {
        return ExecutionMode.ASYNC;
    }

    @Override
    public boolean isEnabled(Level level) {
        return target.current().isEnabled(level);
    }

    @Override
    public Mono<Void> log(Level level, String message, Throwable error, Object[] keyValues) {
        return target.current().log(level, message, error, keyValues);
    }

    @Override
    public Mono<Void> log(Level level, String message, Throwable error, Map<String, ?> fields) {
        return target.current().log(level, message, error, fields);
    }

    @Override
    public AsyncLogger bind(Object... keyValues) {
        Object[] pairs = KeyValues.bind(null, keyValues);
        return new DefaultRuntimeAsyncLogger(name, target.then(logger -> logger.bind(pairs)));
    }

    @Override
    public Logger toLogger() {
        return new DefaultRuntimeLogger(name, target.then(AsyncLogger::toLogger));
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
