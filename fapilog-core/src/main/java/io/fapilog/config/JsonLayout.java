package io.fapilog.config;

import io.fapilog.FapilogConfig;
import io.fapilog.spi.EncoderFactory;

import java.util.Objects;

/**
 * How JSON lines are laid out, apart from their size limits: the format, the member adjustments
 * ({@code logging.structured.json.*}) and the timestamps' precision. A sink that writes its own lines
 * (Kafka's records, OTLP's fallback) takes the runtime's, so that they read like the application's other lines.
 */
public record JsonLayout(Format format, StructuredJson structured, TimestampPrecision precision) {

    /** The fapilog envelope, unadjusted, in milliseconds. */
    public static final JsonLayout DEFAULT = new JsonLayout(Format.FAPILOG, StructuredJson.NONE, TimestampPrecision.MILLIS);

    public JsonLayout {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(structured, "structured");
        Objects.requireNonNull(precision, "precision");
    }

    /** The layout {@code config}'s runtime writes its JSON lines in. */
    public static JsonLayout of(FapilogConfig config) {
        return new JsonLayout(config.format(), config.structuredJson(), config.timestampPrecision());
    }

    public JsonLayout withFormat(Format format) {
        return new JsonLayout(format, structured, precision);
    }

    /** Lines in this layout within {@code limits}. */
    public EncoderFactory encoder(EncodingLimits limits) {
        return EncoderFactory.json(format, limits, structured, precision);
    }
}
