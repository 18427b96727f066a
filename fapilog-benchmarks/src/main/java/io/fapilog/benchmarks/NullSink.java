package io.fapilog.benchmarks;

import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;

/** Takes every batch and does nothing with it: for benchmarks of the caller's side. */
final class NullSink implements Sink {

    @Override
    public String name() {
        return "null";
    }

    @Override
    public void write(EncodedBatch batch) {
    }
}
