package io.fapilog.spring.disabled;

import io.fapilog.AsyncLogger;
import io.fapilog.DrainResult;
import io.fapilog.ExecutionMode;
import io.fapilog.Level;
import io.fapilog.Logger;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

/**
 * The {@link AsyncLogger} a WebFlux controller gets with {@code fapilog.enabled=false}: a
 * {@link Slf4jLogger} that logs when called and returns a completed {@link Mono}.
 */
public final class Slf4jAsyncLogger implements AsyncLogger {

    private final Logger logger;

    public Slf4jAsyncLogger(Logger logger) {
        this.logger = logger;
    }

    @Override
    public String name() {
        return logger.name();
    }

    @Override
    public ExecutionMode executionMode() {
        return ExecutionMode.THREAD;
    }

    @Override
    public boolean isEnabled(Level level) {
        return logger.isEnabled(level);
    }

    @Override
    public Mono<Void> log(Level level, String message, Throwable error, Object[] keyValues) {
        logger.log(level, message, error, keyValues);
        return Mono.empty();
    }

    @Override
    public AsyncLogger bind(Object... keyValues) {
        return new Slf4jAsyncLogger(logger.bind(keyValues));
    }

    @Override
    public Logger toLogger() {
        return logger;
    }

    @Override
    public CompletableFuture<DrainResult> stopAndDrain() {
        return logger.stopAndDrain();
    }
}
