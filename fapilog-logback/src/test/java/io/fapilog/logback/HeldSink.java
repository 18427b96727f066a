package io.fapilog.logback;

import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A sink that holds the worker in its writes until {@link #open()}, then writes to {@link #lines}. */
final class HeldSink implements Sink {

    final InMemorySink lines = new InMemorySink();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public String name() {
        return "held";
    }

    @Override
    public void write(EncodedBatch batch) throws Exception {
        entered.countDown();
        gate.await(); // the worker waits here: the events logged meanwhile are encoded later
        lines.write(batch);
    }

    void awaitHeld() throws InterruptedException {
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the worker in the sink").isTrue();
    }

    void open() {
        gate.countDown();
    }
}
