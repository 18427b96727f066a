package io.fapilog.internal.engine;

import io.fapilog.Level;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Sink;

/**
 * A sink, the encoder its lines are made with, the least level it writes (null: every event), and
 * the logger name prefixes whose events it is not handed (its client library's, {@link
 * Sink#clientLoggers()}, for a sink that takes the configured format). Sinks bound to the same
 * factory and threshold share one encoding pass.
 */
public record SinkBinding(Sink sink, EncoderFactory encoder, Level threshold, java.util.List<String> leftOutLoggers) {

    public SinkBinding {
        leftOutLoggers = java.util.List.copyOf(leftOutLoggers);
    }

    public SinkBinding(Sink sink, EncoderFactory encoder, Level threshold) {
        this(sink, encoder, threshold, java.util.List.of());
    }

    public SinkBinding(Sink sink, EncoderFactory encoder) {
        this(sink, encoder, null);
    }

    /** This binding for another sink (a hand-off's late sink), with the same encoder, threshold and left-out loggers. */
    SinkBinding withSink(Sink other) {
        return new SinkBinding(other, encoder, threshold, leftOutLoggers);
    }
}
