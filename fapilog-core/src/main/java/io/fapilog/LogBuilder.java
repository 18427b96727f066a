package io.fapilog;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A fluent way to build one event, from {@link Logger#atInfo()} and its siblings:
 *
 * <pre>{@code
 * log.atInfo().add("user_id", id).add("items", count).cause(e).tag("billing").log("Fetched");
 * log.atDebug().add("state", () -> expensiveDump()).log("Cache state");
 * }</pre>
 *
 * <p>When the level is disabled the logger hands out one shared builder that ignores every call,
 * so the chain allocates nothing (a capturing lambda passed to {@link #add(String, Supplier)} is
 * still created by the caller). The primitive overloads of {@code add} avoid boxing on that path.
 * A builder is for one event on one thread: use it in a single expression and do not keep it.
 */
public interface LogBuilder {

    /** Adds a {@code data} field; a repeated key replaces the earlier value. */
    LogBuilder add(String key, Object value);

    /** Adds a {@code data} field whose value is computed only when the level is enabled (at {@code log}). */
    LogBuilder add(String key, Supplier<?> value);

    LogBuilder add(String key, int value);

    LogBuilder add(String key, long value);

    LogBuilder add(String key, double value);

    LogBuilder add(String key, boolean value);

    /** Adds every entry of {@code fields} as a {@code data} field, in its iteration order. */
    LogBuilder addAll(Map<String, ?> fields);

    /** The exception logged with the event ({@code diagnostics.exception}). */
    LogBuilder cause(Throwable error);

    /** Adds a label to the event's {@code tags} (what SLF4J markers become). */
    LogBuilder tag(String tag);

    /** Logs the event with this message. Never throws. */
    void log(String message);

    /**
     * Logs the event with this message, its {@code {}} placeholders replaced by {@code args} in
     * order, as SLF4J does.
     */
    void log(String message, Object arg);

    void log(String message, Object arg1, Object arg2);

    void log(String message, Object... args);

    /** Logs the event with a message computed only when the level is enabled. */
    void log(Supplier<String> message);
}
