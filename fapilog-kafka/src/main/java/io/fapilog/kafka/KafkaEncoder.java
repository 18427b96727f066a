package io.fapilog.kafka;

import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.LogEventView;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the event's JSON line (the record's value) and attaches its record key, the UTF-8 text of
 * the key field looked up in the event's diagnostics (fapilog's own fields), then context, then data (no key when the
 * field is absent or none is configured; its first {@value #MAX_KEY_CHARS} characters, so that the
 * key cannot make the record too large). Events of excluded loggers (Kafka's own) are not encoded,
 * so they never reach the topic through this sink and cannot loop back into it. One per worker.
 */
final class KafkaEncoder implements Encoder {

    static final int MAX_KEY_CHARS = 1024;

    private final Encoder line;
    private final String keyField;
    private final List<String> excludedLoggers;
    private final LongAdder excluded;
    private final EncodedBatch scratch = new EncodedBatch(1024);

    KafkaEncoder(Encoder line, String keyField, List<String> excludedLoggers, LongAdder excluded) {
        this.line = Objects.requireNonNull(line, "line");
        this.keyField = keyField == null || keyField.isBlank() ? null : keyField;
        this.excludedLoggers = List.copyOf(excludedLoggers);
        this.excluded = excluded;
    }

    @Override
    public void encode(LogEventView event, EncodedBatch out) {
        String logger = event.loggerName();
        if (logger != null) {
            for (String prefix : excludedLoggers) {
                if (logger.startsWith(prefix)) {
                    excluded.increment();
                    return;
                }
            }
        }
        byte[] key = key(event);
        scratch.reset();
        line.encode(event, scratch);
        out.append(scratch.array(), 0, scratch.length());
        out.endEvent(new Record(key, event.timestampMillis()));
    }

    /**
     * What the record takes beside the line: its key, and its timestamp, the event's time (Kafka's
     * {@code CreateTime}; the send's time lagged the event by a batch, by an outage's wait at worst,
     * and skewed time-based retention, {@code offsetsForTimes} and stream windows).
     */
    record Record(byte[] key, long timestampMillis) {
    }

    private byte[] key(LogEventView event) {
        if (keyField == null) {
            return null;
        }
        // fapilog's own fields first: a request's field of the same name (a key "service") must not pick the partition
        Object value = event.diagnostics().get(keyField);
        if (value == null) {
            value = event.context().get(keyField);
        }
        if (value == null) {
            value = event.data().get(keyField);
        }
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        if (text.length() > MAX_KEY_CHARS) {
            int end = Character.isHighSurrogate(text.charAt(MAX_KEY_CHARS - 1)) ? MAX_KEY_CHARS - 1 : MAX_KEY_CHARS;
            text = text.substring(0, end);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
