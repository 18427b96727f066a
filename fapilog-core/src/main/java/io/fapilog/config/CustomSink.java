package io.fapilog.config;

import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Sink;

import java.util.Objects;

/**
 * A sink instance given to the builder, with the encoder its lines are written in.
 *
 * @param sink where the lines go; the engine wraps it with retries and a circuit breaker
 * @param encoder the encoder of its lines, or {@code null} for the configured JSON {@code format}
 */
public record CustomSink(Sink sink, EncoderFactory encoder) {

    public CustomSink {
        Objects.requireNonNull(sink, "sink");
    }
}
