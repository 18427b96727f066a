package io.fapilog.spi;

import io.fapilog.FapilogConfig;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.config.StructuredJson;
import io.fapilog.config.TimestampPrecision;
import io.fapilog.internal.encoding.Encoders;

/**
 * Creates an {@link Encoder} for one worker; encoders need not be thread-safe. The static methods
 * give the built-in encoders, for sinks that pair one of them with records of their own.
 */
@FunctionalInterface
public interface EncoderFactory {

    Encoder create();

    /**
     * The factory a runtime of {@code config} writes with. A sink's encoder that must know the
     * runtime's settings (its redaction names, say) returns one made with them; by default this one.
     */
    default EncoderFactory forRuntime(FapilogConfig config) {
        return this;
    }

    /** One JSON object per line in {@code format}, valid whatever the event holds. */
    static EncoderFactory json(Format format, EncodingLimits limits) {
        return Encoders.json(format, limits);
    }

    /** As {@link #json(Format, EncodingLimits)}, with the member adjustments of {@code structured} (Boot's {@code logging.structured.json.*}). */
    static EncoderFactory json(Format format, EncodingLimits limits, StructuredJson structured) {
        return Encoders.json(format, limits, structured);
    }

    /** As {@link #json(Format, EncodingLimits, StructuredJson)}, with timestamps of the given precision. */
    static EncoderFactory json(Format format, EncodingLimits limits, StructuredJson structured, TimestampPrecision precision) {
        return Encoders.json(format, limits, structured, precision);
    }

    /** Human-readable lines, with ANSI colours when {@code colour} is set. */
    static EncoderFactory pretty(boolean colour, EncodingLimits limits) {
        return Encoders.pretty(colour, limits);
    }
}
