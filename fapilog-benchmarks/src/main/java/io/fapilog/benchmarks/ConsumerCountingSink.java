package io.fapilog.benchmarks;

import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;

/** The null sink of the fapilog benchmarks: counts each batch's events and reads every byte. */
final class ConsumerCountingSink implements Sink {

    private final ConsumerCounter consumer;

    ConsumerCountingSink(ConsumerCounter consumer) {
        this.consumer = consumer;
    }

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public void write(EncodedBatch batch) {
        consumer.record(batch.eventCount(), batch.array(), 0, batch.length());
    }
}
