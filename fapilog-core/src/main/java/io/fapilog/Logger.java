package io.fapilog;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The synchronous logger: every call returns at once (THREAD mode may wait up to
 * {@code queue.wait-timeout} when the queue is full). Arguments after the message alternate
 * {@code String} key and value: {@code log.info("Processing item", "item_id", 42, "size", 10)}.
 * Malformed arguments never throw: they are logged under a diagnostic key.
 *
 * <p>A message may use SLF4J's {@code {}} placeholders: each takes the next leading argument
 * ({@code log.info("Fetched {} in {} ms", user, millis)}); the arguments left over are key/value
 * pairs, and a lone Throwable left over is the event's exception. Formatting happens on the worker.
 *
 * <p>A disabled level costs one comparison; the fixed-arity overloads (up to two pairs) and the
 * fluent form ({@link #atInfo()} and its siblings) then allocate nothing at all.
 *
 * <p>Every event also carries, in {@code context}, the fields of the caller's scoped context
 * ({@link Fapilog#withContext(Object...)}) and of the runtime's context providers (trace ids),
 * read at call time, after the fields bound with {@link #bind}.
 */
public interface Logger {

    /** The logger's name ({@code logger} in the JSON line). */
    String name();

    /** How this logger hands events to the engine. */
    ExecutionMode executionMode();

    boolean isEnabled(Level level);

    /** Logs unless {@code level} is disabled; {@code keyValues} may be null. Never throws. */
    void log(Level level, String message, Throwable error, Object[] keyValues);

    /** Logs {@code fields} as the event's data (copied now, insertion order kept). */
    default void log(Level level, String message, Throwable error, Map<String, ?> fields) {
        if (isEnabled(level)) {
            log(level, message, error, KeyValues.of(fields));
        }
    }

    /**
     * A logger whose events all carry these key/value pairs in {@code context} (for example a
     * request id). This logger is unchanged.
     */
    Logger bind(Object... keyValues);

    /**
     * A fluent builder for one event at {@code level}: {@code log.atLevel(Level.INFO).add("k", v).log("Done")}.
     * When the level is disabled it is a shared builder that does nothing and allocates nothing.
     */
    default LogBuilder atLevel(Level level) {
        if (!isEnabled(level)) {
            return NoOpLogBuilder.INSTANCE;
        }
        return new EventBuilder(EventBuilder.formattingOnTheCaller(this), level);
    }

    /** {@link #atLevel(Level) atLevel(Level.TRACE)}. */
    default LogBuilder atTrace() {
        return atLevel(Level.TRACE);
    }

    /** {@link #atLevel(Level) atLevel(Level.DEBUG)}. */
    default LogBuilder atDebug() {
        return atLevel(Level.DEBUG);
    }

    /** {@link #atLevel(Level) atLevel(Level.INFO)}. */
    default LogBuilder atInfo() {
        return atLevel(Level.INFO);
    }

    /** {@link #atLevel(Level) atLevel(Level.WARN)}. */
    default LogBuilder atWarn() {
        return atLevel(Level.WARN);
    }

    /** {@link #atLevel(Level) atLevel(Level.ERROR)}. */
    default LogBuilder atError() {
        return atLevel(Level.ERROR);
    }

    /** {@link #atLevel(Level) atLevel(Level.CRITICAL)}. */
    default LogBuilder atCritical() {
        return atLevel(Level.CRITICAL);
    }

    /** {@link #atLevel(Level) atLevel(Level.AUDIT)}. */
    default LogBuilder atAudit() {
        return atLevel(Level.AUDIT);
    }

    /** {@link #atLevel(Level) atLevel(Level.SECURITY)}. */
    default LogBuilder atSecurity() {
        return atLevel(Level.SECURITY);
    }

    /**
     * Logs one field whose value is computed only when {@code level} is enabled (a failing supplier
     * logs its failure as the value).
     */
    default void log(Level level, String message, String key, java.util.function.Supplier<?> value) {
        if (isEnabled(level)) {
            atLevel(level).add(key, value).log(message);
        }
    }

    default void trace(String message, String key, java.util.function.Supplier<?> value) {
        log(Level.TRACE, message, key, value);
    }

    default void debug(String message, String key, java.util.function.Supplier<?> value) {
        log(Level.DEBUG, message, key, value);
    }

    default void info(String message, String key, java.util.function.Supplier<?> value) {
        log(Level.INFO, message, key, value);
    }

    default void warn(String message, String key, java.util.function.Supplier<?> value) {
        log(Level.WARN, message, key, value);
    }

    default void error(String message, String key, java.util.function.Supplier<?> value) {
        log(Level.ERROR, message, key, value);
    }

    default void critical(String message, String key, java.util.function.Supplier<?> value) {
        log(Level.CRITICAL, message, key, value);
    }

    default void audit(String message, String key, java.util.function.Supplier<?> value) {
        log(Level.AUDIT, message, key, value);
    }

    default void security(String message, String key, java.util.function.Supplier<?> value) {
        log(Level.SECURITY, message, key, value);
    }

    /**
     * Stops the runtime behind this logger (shared by every logger of that runtime) and drains it.
     * When the runtime is owned by an application context ({@link FapilogRuntime#ownedBy}, as in a
     * Spring Boot application), it is not stopped: the future completes once the events logged so
     * far are written ({@link FapilogRuntime#flush()}), and the context drains it at shutdown.
     */
    CompletableFuture<DrainResult> stopAndDrain();

    default void trace(String message) {
        if (isEnabled(Level.TRACE)) {
            log(Level.TRACE, message, null, (Object[]) null);
        }
    }

    default void trace(String message, String key, Object value) {
        if (isEnabled(Level.TRACE)) {
            log(Level.TRACE, message, null, new Object[] {key, value});
        }
    }

    default void trace(String message, String key1, Object value1, String key2, Object value2) {
        if (isEnabled(Level.TRACE)) {
            log(Level.TRACE, message, null, new Object[] {key1, value1, key2, value2});
        }
    }

    default void trace(String message, Object... keyValues) {
        log(Level.TRACE, message, null, keyValues);
    }

    default void trace(String message, Throwable error, Object... keyValues) {
        log(Level.TRACE, message, error, keyValues);
    }

    default void trace(String message, Map<String, ?> fields) {
        log(Level.TRACE, message, null, fields);
    }

    /** The map's entries are the event's fields, {@code error} its exception. */
    default void trace(String message, Throwable error, Map<String, ?> fields) {
        log(Level.TRACE, message, error, fields);
    }

    default void debug(String message) {
        if (isEnabled(Level.DEBUG)) {
            log(Level.DEBUG, message, null, (Object[]) null);
        }
    }

    default void debug(String message, String key, Object value) {
        if (isEnabled(Level.DEBUG)) {
            log(Level.DEBUG, message, null, new Object[] {key, value});
        }
    }

    default void debug(String message, String key1, Object value1, String key2, Object value2) {
        if (isEnabled(Level.DEBUG)) {
            log(Level.DEBUG, message, null, new Object[] {key1, value1, key2, value2});
        }
    }

    default void debug(String message, Object... keyValues) {
        log(Level.DEBUG, message, null, keyValues);
    }

    default void debug(String message, Throwable error, Object... keyValues) {
        log(Level.DEBUG, message, error, keyValues);
    }

    default void debug(String message, Map<String, ?> fields) {
        log(Level.DEBUG, message, null, fields);
    }

    default void debug(String message, Throwable error, Map<String, ?> fields) {
        log(Level.DEBUG, message, error, fields);
    }

    default void info(String message) {
        if (isEnabled(Level.INFO)) {
            log(Level.INFO, message, null, (Object[]) null);
        }
    }

    default void info(String message, String key, Object value) {
        if (isEnabled(Level.INFO)) {
            log(Level.INFO, message, null, new Object[] {key, value});
        }
    }

    default void info(String message, String key1, Object value1, String key2, Object value2) {
        if (isEnabled(Level.INFO)) {
            log(Level.INFO, message, null, new Object[] {key1, value1, key2, value2});
        }
    }

    default void info(String message, Object... keyValues) {
        log(Level.INFO, message, null, keyValues);
    }

    default void info(String message, Throwable error, Object... keyValues) {
        log(Level.INFO, message, error, keyValues);
    }

    default void info(String message, Map<String, ?> fields) {
        log(Level.INFO, message, null, fields);
    }

    default void info(String message, Throwable error, Map<String, ?> fields) {
        log(Level.INFO, message, error, fields);
    }

    default void warn(String message) {
        if (isEnabled(Level.WARN)) {
            log(Level.WARN, message, null, (Object[]) null);
        }
    }

    default void warn(String message, String key, Object value) {
        if (isEnabled(Level.WARN)) {
            log(Level.WARN, message, null, new Object[] {key, value});
        }
    }

    default void warn(String message, String key1, Object value1, String key2, Object value2) {
        if (isEnabled(Level.WARN)) {
            log(Level.WARN, message, null, new Object[] {key1, value1, key2, value2});
        }
    }

    default void warn(String message, Object... keyValues) {
        log(Level.WARN, message, null, keyValues);
    }

    default void warn(String message, Throwable error, Object... keyValues) {
        log(Level.WARN, message, error, keyValues);
    }

    default void warn(String message, Map<String, ?> fields) {
        log(Level.WARN, message, null, fields);
    }

    default void warn(String message, Throwable error, Map<String, ?> fields) {
        log(Level.WARN, message, error, fields);
    }

    default void error(String message) {
        if (isEnabled(Level.ERROR)) {
            log(Level.ERROR, message, null, (Object[]) null);
        }
    }

    default void error(String message, String key, Object value) {
        if (isEnabled(Level.ERROR)) {
            log(Level.ERROR, message, null, new Object[] {key, value});
        }
    }

    default void error(String message, String key1, Object value1, String key2, Object value2) {
        if (isEnabled(Level.ERROR)) {
            log(Level.ERROR, message, null, new Object[] {key1, value1, key2, value2});
        }
    }

    default void error(String message, Object... keyValues) {
        log(Level.ERROR, message, null, keyValues);
    }

    default void error(String message, Throwable error, Object... keyValues) {
        log(Level.ERROR, message, error, keyValues);
    }

    default void error(String message, Map<String, ?> fields) {
        log(Level.ERROR, message, null, fields);
    }

    default void error(String message, Throwable error, Map<String, ?> fields) {
        log(Level.ERROR, message, error, fields);
    }

    default void critical(String message) {
        if (isEnabled(Level.CRITICAL)) {
            log(Level.CRITICAL, message, null, (Object[]) null);
        }
    }

    default void critical(String message, String key, Object value) {
        if (isEnabled(Level.CRITICAL)) {
            log(Level.CRITICAL, message, null, new Object[] {key, value});
        }
    }

    default void critical(String message, String key1, Object value1, String key2, Object value2) {
        if (isEnabled(Level.CRITICAL)) {
            log(Level.CRITICAL, message, null, new Object[] {key1, value1, key2, value2});
        }
    }

    default void critical(String message, Object... keyValues) {
        log(Level.CRITICAL, message, null, keyValues);
    }

    default void critical(String message, Throwable error, Object... keyValues) {
        log(Level.CRITICAL, message, error, keyValues);
    }

    default void critical(String message, Map<String, ?> fields) {
        log(Level.CRITICAL, message, null, fields);
    }

    default void critical(String message, Throwable error, Map<String, ?> fields) {
        log(Level.CRITICAL, message, error, fields);
    }

    default void audit(String message) {
        if (isEnabled(Level.AUDIT)) {
            log(Level.AUDIT, message, null, (Object[]) null);
        }
    }

    default void audit(String message, String key, Object value) {
        if (isEnabled(Level.AUDIT)) {
            log(Level.AUDIT, message, null, new Object[] {key, value});
        }
    }

    default void audit(String message, String key1, Object value1, String key2, Object value2) {
        if (isEnabled(Level.AUDIT)) {
            log(Level.AUDIT, message, null, new Object[] {key1, value1, key2, value2});
        }
    }

    default void audit(String message, Object... keyValues) {
        log(Level.AUDIT, message, null, keyValues);
    }

    default void audit(String message, Throwable error, Object... keyValues) {
        log(Level.AUDIT, message, error, keyValues);
    }

    default void audit(String message, Map<String, ?> fields) {
        log(Level.AUDIT, message, null, fields);
    }

    default void audit(String message, Throwable error, Map<String, ?> fields) {
        log(Level.AUDIT, message, error, fields);
    }

    default void security(String message) {
        if (isEnabled(Level.SECURITY)) {
            log(Level.SECURITY, message, null, (Object[]) null);
        }
    }

    default void security(String message, String key, Object value) {
        if (isEnabled(Level.SECURITY)) {
            log(Level.SECURITY, message, null, new Object[] {key, value});
        }
    }

    default void security(String message, String key1, Object value1, String key2, Object value2) {
        if (isEnabled(Level.SECURITY)) {
            log(Level.SECURITY, message, null, new Object[] {key1, value1, key2, value2});
        }
    }

    default void security(String message, Object... keyValues) {
        log(Level.SECURITY, message, null, keyValues);
    }

    default void security(String message, Throwable error, Object... keyValues) {
        log(Level.SECURITY, message, error, keyValues);
    }

    default void security(String message, Map<String, ?> fields) {
        log(Level.SECURITY, message, null, fields);
    }

    default void security(String message, Throwable error, Map<String, ?> fields) {
        log(Level.SECURITY, message, error, fields);
    }
}
