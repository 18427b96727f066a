package io.fapilog.engine;

import io.fapilog.encoding.EncoderFactory;
import io.fapilog.sinks.Sink;

/** A sink and the encoder its lines are made with. Sinks bound to the same factory share one encoding pass. */
public record SinkBinding(Sink sink, EncoderFactory encoder) {
}
