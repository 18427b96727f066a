package io.fapilog.internal.engine;

import io.fapilog.Level;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Sink;

/**
 * A sink, the encoder its lines are made with, and the least level it writes (null: every event).
 * Sinks bound to the same factory and threshold share one encoding pass.
 */
public record SinkBinding(Sink sink, EncoderFactory encoder, Level threshold) {

    public SinkBinding(Sink sink, EncoderFactory encoder) {
        this(sink, encoder, null);
    }

    /** This binding for another sink (a hand-off's late sink), with the same encoder and threshold. */
    SinkBinding withSink(Sink other) {
        return new SinkBinding(other, encoder, threshold);
    }
}
