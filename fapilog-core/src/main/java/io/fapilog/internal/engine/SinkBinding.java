package io.fapilog.internal.engine;

import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Sink;

/** A sink and the encoder its lines are made with. Sinks bound to the same factory share one encoding pass. */
public record SinkBinding(Sink sink, EncoderFactory encoder) {
}
