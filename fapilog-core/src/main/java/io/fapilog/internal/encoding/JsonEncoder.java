package io.fapilog.internal.encoding;

import io.fapilog.spi.LogEventView;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.TimestampPrecision;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.Level;
import java.nio.charset.StandardCharsets;

/**
 * Base of the JSON encoders: writes one event as one object on one line into a reusable buffer,
 * copied to the batch only when complete. Subclasses lay out the members; values go through a
 * {@link SafeJsonWriter}. Should anything still fail, the line falls back to the header members
 * and {@code encoding_error}. One instance per worker thread.
 */
abstract class JsonEncoder implements Encoder {

    static final String ENCODING_ERROR = "encoding_error";

    private static final byte[] ENCODING_ERROR_NAME = JsonBuffer.encodeName(ENCODING_ERROR);
    private static final byte[][] QUOTED_LEVELS = new byte[Level.values().length][];

    static {
        for (Level level : Level.values()) {
            QUOTED_LEVELS[level.ordinal()] = ('"' + level.name() + '"').getBytes(StandardCharsets.US_ASCII);
        }
    }

    protected final JsonBuffer json;
    protected final SafeJsonWriter writer;
    protected final EncodingLimits limits;
    private final TimestampFormat timestamps = TimestampFormat.isoUtc();
    private boolean micros;

    JsonEncoder(EncodingLimits limits) {
        this.limits = limits;
        this.json = new JsonBuffer(limits.maxStringLength());
        this.writer = new SafeJsonWriter(json, limits);
    }

    @Override
    public final void encode(LogEventView event, EncodedBatch out) {
        json.reset();
        try {
            json.beginObject();
            writeMembers(event);
            json.endObject();
        } catch (Throwable failure) {
            Failures.rethrowIfFatal(failure);
            writeFallback(event, failure);
        }
        json.raw((byte) '\n');
        json.copyTo(out);
        out.endEvent();
    }

    /** Writes the header members, then the rest of the event. */
    protected abstract void writeMembers(LogEventView event);

    /** Writes timestamp, level, message and logger under this format's names. */
    protected abstract void writeHeader(LogEventView event);

    private void writeFallback(LogEventView event, Throwable failure) {
        try {
            json.reset();
            json.beginObject();
            writeHeader(event);
            json.name(ENCODING_ERROR_NAME);
            json.string(StackTraces.describe(failure));
            json.endObject();
        } catch (Throwable second) {
            Failures.rethrowIfFatal(second);
            json.reset();
            json.beginObject();
            json.name(ENCODING_ERROR_NAME);
            json.string(second.getClass().getName());
            json.endObject();
        }
    }

    // ---- helpers for subclasses ----

    /** Writes timestamps with microseconds rather than milliseconds. */
    final void timestampPrecision(TimestampPrecision precision) {
        this.micros = precision == TimestampPrecision.MICROS;
    }

    /** Whether timestamps are written with microseconds. */
    protected final boolean micros() {
        return micros;
    }

    protected final void timestamp(byte[] name, LogEventView event) {
        json.name(name);
        json.raw((byte) '"');
        if (micros) {
            timestamps.writeMicros(event.timestampMicros(), json);
        } else {
            timestamps.write(event.timestampMillis(), json);
        }
        json.raw((byte) '"');
    }

    protected final void level(byte[] name, Level level) {
        json.name(name);
        if (level == null) {
            json.nullValue();
        } else {
            byte[] quoted = QUOTED_LEVELS[level.ordinal()];
            json.raw(quoted, 0, quoted.length);
        }
    }

    protected final void string(byte[] name, String value) {
        json.name(name);
        if (value == null) {
            json.nullValue();
        } else {
            json.string(value);
        }
    }

    /** Writes the event's tags as an array of strings under {@code name}; nothing when it has none. */
    protected final void tags(byte[] name, java.util.List<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        json.name(name);
        writer.value(tags); // as any list: at most maxCollectionSize of them, within the line's budget
    }
}
