package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.DrainResult;
import io.fapilog.ExecutionMode;
import io.fapilog.Level;
import io.fapilog.Logger;
import io.fapilog.spring.web.HttpRequestContext;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The request's logger in the exchange and the Reactor {@code Context}: {@code logger} bound to the
 * request's fields, bound only when it is first used. Most requests never use it (controllers get
 * a logger of their own), so the filter costs no bound logger per request.
 */
final class RequestAsyncLogger implements AsyncLogger {

    private final AsyncLogger logger;
    private final HttpRequestContext request;
    // Racy on purpose: two threads that bind at once make equal loggers, and a logger's fields are final.
    private AsyncLogger bound;

    RequestAsyncLogger(AsyncLogger logger, HttpRequestContext request) {
        this.logger = logger;
        this.request = request;
    }

    private AsyncLogger bound() {
        AsyncLogger current = bound;
        if (current == null) {
            current = logger.bind(request.keyValues());
            bound = current;
        }
        return current;
    }

    /** Whether the bound logger was made (a test seam). */
    boolean isBound() {
        return bound != null;
    }

    @Override
    public String name() {
        return logger.name();
    }

    @Override
    public ExecutionMode executionMode() {
        return ExecutionMode.ASYNC;
    }

    @Override
    public boolean isEnabled(Level level) {
        return logger.isEnabled(level);
    }

    @Override
    public Mono<Void> log(Level level, String message, Throwable error, Object[] keyValues) {
        return logger.isEnabled(level) ? bound().log(level, message, error, keyValues) : Mono.empty();
    }

    /** Passed on as a map, so that the engine knows its entries are fields only (a {@code {}} takes none of them). */
    @Override
    public Mono<Void> log(Level level, String message, Throwable error, Map<String, ?> fields) {
        return logger.isEnabled(level) ? bound().log(level, message, error, fields) : Mono.empty();
    }

    @Override
    public AsyncLogger bind(Object... keyValues) {
        return bound().bind(keyValues);
    }

    @Override
    public Logger toLogger() {
        return bound().toLogger();
    }

    @Override
    public CompletableFuture<DrainResult> stopAndDrain() {
        return logger.stopAndDrain();
    }

    @Override
    public String toString() {
        return logger.toString();
    }
}
