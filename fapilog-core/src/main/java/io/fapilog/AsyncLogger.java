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
 * <p>The same overloads as {@link Logger}: fixed arity up to two pairs (nothing allocated when the
 * level is disabled), varargs, {@code Map}, and {@code {}} placeholders in messages.
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
        return log(level, message, null, fields);
    }

    /** Enqueues {@code fields} as the event's data (copied now, insertion order kept). */
    default Mono<Void> log(Level level, String message, Throwable error, Map<String, ?> fields) {
        return isEnabled(level) ? log(level, message, error, KeyValues.of(fields)) : Mono.empty();
    }

    /** A logger whose events all carry these pairs in {@code context}; this logger is unchanged. */
    AsyncLogger bind(Object... keyValues);

    /**
     * The same engine and context, through the synchronous API: BOUND_LOOP (the event loop's mode),
     * or the mode {@code fapilog.mode} forces ({@code async} gives BOUND_LOOP: a synchronous call
     * cannot return a {@code Mono}).
     */
    Logger toLogger();

    CompletableFuture<DrainResult> stopAndDrain();

    default Mono<Void> trace(String message) {
        return isEnabled(Level.TRACE) ? log(Level.TRACE, message, null, (Object[]) null) : Mono.empty();
    }

    default Mono<Void> trace(String message, String key, Object value) {
        return isEnabled(Level.TRACE) ? log(Level.TRACE, message, null, new Object[] {key, value}) : Mono.empty();
    }

    default Mono<Void> trace(String message, String key1, Object value1, String key2, Object value2) {
        return isEnabled(Level.TRACE)
                ? log(Level.TRACE, message, null, new Object[] {key1, value1, key2, value2})
                : Mono.empty();
    }

    default Mono<Void> trace(String message, Object... keyValues) {
        return log(Level.TRACE, message, null, keyValues);
    }

    default Mono<Void> trace(String message, Throwable error, Object... keyValues) {
        return log(Level.TRACE, message, error, keyValues);
    }

    default Mono<Void> trace(String message, Map<String, ?> fields) {
        return log(Level.TRACE, message, fields);
    }

    /** The map's entries are the event's fields, {@code error} its exception. */
    default Mono<Void> trace(String message, Throwable error, Map<String, ?> fields) {
        return log(Level.TRACE, message, error, fields);
    }

    default Mono<Void> debug(String message) {
        return isEnabled(Level.DEBUG) ? log(Level.DEBUG, message, null, (Object[]) null) : Mono.empty();
    }

    default Mono<Void> debug(String message, String key, Object value) {
        return isEnabled(Level.DEBUG) ? log(Level.DEBUG, message, null, new Object[] {key, value}) : Mono.empty();
    }

    default Mono<Void> debug(String message, String key1, Object value1, String key2, Object value2) {
        return isEnabled(Level.DEBUG)
                ? log(Level.DEBUG, message, null, new Object[] {key1, value1, key2, value2})
                : Mono.empty();
    }

    default Mono<Void> debug(String message, Object... keyValues) {
        return log(Level.DEBUG, message, null, keyValues);
    }

    default Mono<Void> debug(String message, Throwable error, Object... keyValues) {
        return log(Level.DEBUG, message, error, keyValues);
    }

    default Mono<Void> debug(String message, Map<String, ?> fields) {
        return log(Level.DEBUG, message, fields);
    }

    default Mono<Void> debug(String message, Throwable error, Map<String, ?> fields) {
        return log(Level.DEBUG, message, error, fields);
    }

    default Mono<Void> info(String message) {
        return isEnabled(Level.INFO) ? log(Level.INFO, message, null, (Object[]) null) : Mono.empty();
    }

    default Mono<Void> info(String message, String key, Object value) {
        return isEnabled(Level.INFO) ? log(Level.INFO, message, null, new Object[] {key, value}) : Mono.empty();
    }

    default Mono<Void> info(String message, String key1, Object value1, String key2, Object value2) {
        return isEnabled(Level.INFO)
                ? log(Level.INFO, message, null, new Object[] {key1, value1, key2, value2})
                : Mono.empty();
    }

    default Mono<Void> info(String message, Object... keyValues) {
        return log(Level.INFO, message, null, keyValues);
    }

    default Mono<Void> info(String message, Throwable error, Object... keyValues) {
        return log(Level.INFO, message, error, keyValues);
    }

    default Mono<Void> info(String message, Map<String, ?> fields) {
        return log(Level.INFO, message, fields);
    }

    default Mono<Void> info(String message, Throwable error, Map<String, ?> fields) {
        return log(Level.INFO, message, error, fields);
    }

    default Mono<Void> warn(String message) {
        return isEnabled(Level.WARN) ? log(Level.WARN, message, null, (Object[]) null) : Mono.empty();
    }

    default Mono<Void> warn(String message, String key, Object value) {
        return isEnabled(Level.WARN) ? log(Level.WARN, message, null, new Object[] {key, value}) : Mono.empty();
    }

    default Mono<Void> warn(String message, String key1, Object value1, String key2, Object value2) {
        return isEnabled(Level.WARN)
                ? log(Level.WARN, message, null, new Object[] {key1, value1, key2, value2})
                : Mono.empty();
    }

    default Mono<Void> warn(String message, Object... keyValues) {
        return log(Level.WARN, message, null, keyValues);
    }

    default Mono<Void> warn(String message, Throwable error, Object... keyValues) {
        return log(Level.WARN, message, error, keyValues);
    }

    default Mono<Void> warn(String message, Map<String, ?> fields) {
        return log(Level.WARN, message, fields);
    }

    default Mono<Void> warn(String message, Throwable error, Map<String, ?> fields) {
        return log(Level.WARN, message, error, fields);
    }

    default Mono<Void> error(String message) {
        return isEnabled(Level.ERROR) ? log(Level.ERROR, message, null, (Object[]) null) : Mono.empty();
    }

    default Mono<Void> error(String message, String key, Object value) {
        return isEnabled(Level.ERROR) ? log(Level.ERROR, message, null, new Object[] {key, value}) : Mono.empty();
    }

    default Mono<Void> error(String message, String key1, Object value1, String key2, Object value2) {
        return isEnabled(Level.ERROR)
                ? log(Level.ERROR, message, null, new Object[] {key1, value1, key2, value2})
                : Mono.empty();
    }

    default Mono<Void> error(String message, Object... keyValues) {
        return log(Level.ERROR, message, null, keyValues);
    }

    default Mono<Void> error(String message, Throwable error, Object... keyValues) {
        return log(Level.ERROR, message, error, keyValues);
    }

    default Mono<Void> error(String message, Map<String, ?> fields) {
        return log(Level.ERROR, message, fields);
    }

    default Mono<Void> error(String message, Throwable error, Map<String, ?> fields) {
        return log(Level.ERROR, message, error, fields);
    }

    default Mono<Void> critical(String message) {
        return isEnabled(Level.CRITICAL) ? log(Level.CRITICAL, message, null, (Object[]) null) : Mono.empty();
    }

    default Mono<Void> critical(String message, String key, Object value) {
        return isEnabled(Level.CRITICAL) ? log(Level.CRITICAL, message, null, new Object[] {key, value}) : Mono.empty();
    }

    default Mono<Void> critical(String message, String key1, Object value1, String key2, Object value2) {
        return isEnabled(Level.CRITICAL)
                ? log(Level.CRITICAL, message, null, new Object[] {key1, value1, key2, value2})
                : Mono.empty();
    }

    default Mono<Void> critical(String message, Object... keyValues) {
        return log(Level.CRITICAL, message, null, keyValues);
    }

    default Mono<Void> critical(String message, Throwable error, Object... keyValues) {
        return log(Level.CRITICAL, message, error, keyValues);
    }

    default Mono<Void> critical(String message, Map<String, ?> fields) {
        return log(Level.CRITICAL, message, fields);
    }

    default Mono<Void> critical(String message, Throwable error, Map<String, ?> fields) {
        return log(Level.CRITICAL, message, error, fields);
    }

    default Mono<Void> audit(String message) {
        return isEnabled(Level.AUDIT) ? log(Level.AUDIT, message, null, (Object[]) null) : Mono.empty();
    }

    default Mono<Void> audit(String message, String key, Object value) {
        return isEnabled(Level.AUDIT) ? log(Level.AUDIT, message, null, new Object[] {key, value}) : Mono.empty();
    }

    default Mono<Void> audit(String message, String key1, Object value1, String key2, Object value2) {
        return isEnabled(Level.AUDIT)
                ? log(Level.AUDIT, message, null, new Object[] {key1, value1, key2, value2})
                : Mono.empty();
    }

    default Mono<Void> audit(String message, Object... keyValues) {
        return log(Level.AUDIT, message, null, keyValues);
    }

    default Mono<Void> audit(String message, Throwable error, Object... keyValues) {
        return log(Level.AUDIT, message, error, keyValues);
    }

    default Mono<Void> audit(String message, Map<String, ?> fields) {
        return log(Level.AUDIT, message, fields);
    }

    default Mono<Void> audit(String message, Throwable error, Map<String, ?> fields) {
        return log(Level.AUDIT, message, error, fields);
    }

    default Mono<Void> security(String message) {
        return isEnabled(Level.SECURITY) ? log(Level.SECURITY, message, null, (Object[]) null) : Mono.empty();
    }

    default Mono<Void> security(String message, String key, Object value) {
        return isEnabled(Level.SECURITY) ? log(Level.SECURITY, message, null, new Object[] {key, value}) : Mono.empty();
    }

    default Mono<Void> security(String message, String key1, Object value1, String key2, Object value2) {
        return isEnabled(Level.SECURITY)
                ? log(Level.SECURITY, message, null, new Object[] {key1, value1, key2, value2})
                : Mono.empty();
    }

    default Mono<Void> security(String message, Object... keyValues) {
        return log(Level.SECURITY, message, null, keyValues);
    }

    default Mono<Void> security(String message, Throwable error, Object... keyValues) {
        return log(Level.SECURITY, message, error, keyValues);
    }

    default Mono<Void> security(String message, Map<String, ?> fields) {
        return log(Level.SECURITY, message, fields);
    }

    default Mono<Void> security(String message, Throwable error, Map<String, ?> fields) {
        return log(Level.SECURITY, message, error, fields);
    }
}
