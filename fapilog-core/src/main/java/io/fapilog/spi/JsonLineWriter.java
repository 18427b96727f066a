package io.fapilog.spi;

import io.fapilog.config.EncodingLimits;
import io.fapilog.internal.encoding.SafeJsonLineWriter;

/**
 * The engine's safe JSON writer, for custom {@link Encoder}s: whatever a value holds (cycles,
 * control characters, lone surrogates, huge strings, NaN, beans whose getters throw), the line is
 * valid JSON within the given {@link EncodingLimits}. Values are written as the built-in encoders
 * write them: maps and beans as objects, collections and arrays as arrays, throwables with type,
 * message, bounded stack and causes. Not thread-safe: create one per encoder.
 *
 * <pre>{@code
 * final class MyEncoder implements Encoder {
 *     private final JsonLineWriter json = JsonLineWriter.create(EncodingLimits.DEFAULT);
 *
 *     public void encode(LogEventView event, EncodedBatch out) {
 *         json.beginObject();
 *         json.member("msg", event.message());
 *         json.name("fields").members(event.data());
 *         json.endObject();
 *         json.endLine(out);
 *     }
 * }
 * }</pre>
 */
public interface JsonLineWriter {

    /**
     * A throwable's trace as text, in {@link Throwable#printStackTrace()}'s layout within
     * {@code limits} (as the built-in layouts print it into a string field), never throwing; each
     * message read with {@code getMessage()}, the one redaction masks.
     */
    static String stackTrace(Throwable t, EncodingLimits limits) {
        return io.fapilog.internal.encoding.Encoders.stackTrace(t, limits);
    }

    static JsonLineWriter create(EncodingLimits limits) {
        return new SafeJsonLineWriter(limits);
    }

    JsonLineWriter beginObject();

    JsonLineWriter endObject();

    JsonLineWriter beginArray();

    JsonLineWriter endArray();

    /** Writes a member name in the open object (control characters escaped); keeping names unique is the caller's part. */
    JsonLineWriter name(String name);

    /** Writes any value: null, strings, numbers, booleans, maps, collections, arrays, records, beans, throwables. */
    JsonLineWriter value(Object value);

    /** {@code name(name).value(value)}. */
    default JsonLineWriter member(String name, Object value) {
        return name(name).value(value);
    }

    /** Writes the fields as an object (their keys are unique). */
    JsonLineWriter members(FieldsView fields);

    /** Appends the line written since the last {@code endLine} to {@code out} and ends the event there. */
    default void endLine(EncodedBatch out) {
        endLine(out, null);
    }

    /**
     * As {@link #endLine(EncodedBatch)}, with {@code record} for the sink beside the line
     * ({@link EncodedBatch#record(int)}: a message key, a structured record for a remote protocol).
     */
    void endLine(EncodedBatch out, Object record);
}
