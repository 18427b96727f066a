package io.fapilog;

import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The non-blocking logger of ASYNC mode, for WebFlux and other Reactor code. Each call enqueues
 * the event at once, subscribed or not, and returns a {@code Mono} that completes when the event
 * was accepted; when the queue is full under the {@code wait} policy the {@code Mono} completes
 * once there is room, or after {@code queue.wait-timeout} with the event dropped and counted. No
 * thread is ever blocked. The {@code Mono} never errors.
 *
 * <p>Needs {@code io.projectreactor:reactor-core} on the classpath.
 */
public interface AsyncLogger {

    String name();

    /** Always {@link ExecutionMode#ASYNC}. */
    ExecutionMode executionMode();

    boolean isEnabled(Level level);

    /** Enqueues unless {@code level} is disabled; {@code keyValues} may be null. */
    Mono<Void> log(Level level, String message, Throwable error, Object[] keyValues);

    default Mono<Void> log(Level level, String message, Map<String, ?> fields) {
        return isEnabled(level) ? log(level, message, null, KeyValues.of(fields)) : Mono.empty();
    }

    /** A logger whose events all carry these pairs in {@code context}; this logger is unchanged. */
    AsyncLogger bind(Object... keyValues);

    /** The same engine and context, through the synchronous API (BOUND_LOOP on an event loop). */
    Logger toLogger();

    CompletableFuture<DrainResult> stopAndDrain();

    default Mono<Void> trace(String message, Object... keyValues) {
        return log(Level.TRACE, message, null, keyValues);
    }

    default Mono<Void> trace(String message, Throwable error, Object... keyValues) {
        return log(Level.TRACE, message, error, keyValues);
    }

    default Mono<Void> debug(String message, Object... keyValues) {
        return log(Level.DEBUG, message, null, keyValues);
    }

    default Mono<Void> debug(String message, Throwable error, Object... keyValues) {
        return log(Level.DEBUG, message, error, keyValues);
    }

    default Mono<Void> info(String message, Object... keyValues) {
        return log(Level.INFO, message, null, keyValues);
    }

    default Mono<Void> info(String message, Throwable error, Object... keyValues) {
        return log(Level.INFO, message, error, keyValues);
    }

    default Mono<Void> warn(String message, Object... keyValues) {
        return log(Level.WARN, message, null, keyValues);
    }

    default Mono<Void> warn(String message, Throwable error, Object... keyValues) {
        return log(Level.WARN, message, error, keyValues);
    }

    default Mono<Void> error(String message, Object... keyValues) {
        return log(Level.ERROR, message, null, keyValues);
    }

    default Mono<Void> error(String message, Throwable error, Object... keyValues) {
        return log(Level.ERROR, message, error, keyValues);
    }

    default Mono<Void> critical(String message, Object... keyValues) {
        return log(Level.CRITICAL, message, null, keyValues);
    }

    default Mono<Void> critical(String message, Throwable error, Object... keyValues) {
        return log(Level.CRITICAL, message, error, keyValues);
    }

    default Mono<Void> audit(String message, Object... keyValues) {
        return log(Level.AUDIT, message, null, keyValues);
    }

    default Mono<Void> audit(String message, Throwable error, Object... keyValues) {
        return log(Level.AUDIT, message, error, keyValues);
    }

    default Mono<Void> security(String message, Object... keyValues) {
        return log(Level.SECURITY, message, null, keyValues);
    }

    default Mono<Void> security(String message, Throwable error, Object... keyValues) {
        return log(Level.SECURITY, message, error, keyValues);
    }
}
