package io.fapilog.internal.encoding;

import io.fapilog.Level;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.config.StructuredJson;
import io.fapilog.config.TimestampPrecision;
import io.fapilog.internal.event.EventOrigin;
import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every JSON layout writes the precision it is configured with, from the same per-second cache. */
class TimestampPrecisionTest {

    /** 2026-11-23T20:17:04.488123Z. */
    private static final long MICROS = Events.MILLIS * 1000 + 123;

    private static String timestamp(Format format, TimestampPrecision precision, long epochMicros) {
        LogEvent event = LogEvent.atMicros(epochMicros, Level.INFO, new EventOrigin("api", null), "m", null, "main", null);
        var encoder = Encoders.json(format, EncodingLimits.DEFAULT, StructuredJson.NONE, precision).create();
        var line = StrictJson.encode(encoder, event);
        return switch (format) {
            case FAPILOG -> line.get("timestamp").stringValue();
            case ECS, LOGSTASH -> line.get("@timestamp").stringValue();
            case GELF -> line.get("timestamp").decimalValue().toPlainString();
        };
    }

    @ParameterizedTest
    @CsvSource({
            "FAPILOG, MILLIS, 2026-11-23T20:17:04.488Z",
            "FAPILOG, MICROS, 2026-11-23T20:17:04.488123Z",
            "ECS, MICROS, 2026-11-23T20:17:04.488123Z",
            "LOGSTASH, MICROS, 2026-11-23T20:17:04.488123Z",
            "LOGSTASH, MILLIS, 2026-11-23T20:17:04.488Z",
            "GELF, MILLIS, 1795465024.488",
            "GELF, MICROS, 1795465024.488123"})
    void eachLayoutWritesItsPrecision(Format format, TimestampPrecision precision, String expected) {
        assertThat(timestamp(format, precision, MICROS)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"-1, 1969-12-31T23:59:59.999999Z", "999999, 1970-01-01T00:00:00.999999Z",
            "1000000, 1970-01-01T00:00:01.000000Z"})
    void microsecondsAcrossSecondsAndBeforeTheEpoch(long epochMicros, String expected) {
        assertThat(timestamp(Format.FAPILOG, TimestampPrecision.MICROS, epochMicros)).isEqualTo(expected);
    }
}
