package io.fapilog;

import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local sink that never returns (a pipe nobody reads, a peer that stopped reading) holds the
 * drain for good: {@code stopAndDrain()}'s future must still complete once the shutdown timeout
 * has passed, and calls made after it must not each wait for the drain.
 */
class HungSinkDrainTest {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofMillis(300);

    /** Writes {@code before} batches, then blocks until released. */
    private static final class HangingSink implements Sink {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch hanging = new CountDownLatch(1);
        final AtomicInteger lines = new AtomicInteger();
        private final int before;
        private int batches;
        private final Runnable whileHanging;

        HangingSink(int before, Runnable whileHanging) {
            this.before = before;
            this.whileHanging = whileHanging;
        }

        @Override
        public String name() {
            return "hanging";
        }

        @Override
        public void write(EncodedBatch batch) throws Exception {
            if (batches++ >= before) {
                hanging.countDown();
                whileHanging.run();
                release.await();
            }
            lines.addAndGet(batch.eventCount());
        }
    }

    private static FapilogRuntime runtime(Sink sink) {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).batchMaxSize(1)
                .shutdownTimeout(SHUTDOWN_TIMEOUT).shutdownHook(false).start();
    }

    @Test
    void theDrainsFutureCompletesAfterTheShutdownTimeoutAndLaterCallsDoNotWaitForIt() throws Exception {
        HangingSink sink = new HangingSink(3, () -> { });
        FapilogRuntime runtime = runtime(sink);
        Logger log = runtime.getLogger("hung");
        try {
            for (int i = 0; i < 10; i++) {
                log.info("event", "i", i);
            }
            assertThat(sink.hanging.await(10, TimeUnit.SECONDS)).isTrue();

            DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
            assertThat(result.processed()).isEqualTo(3);
            assertThat(runtime.stopAndDrain().get(1, TimeUnit.SECONDS)).isSameAs(result);

            // Past the drain's patience a call does not wait for it (it used to wait 5 s, each call):
            // its event is held, in flight, and written if the sink ever returns.
            Thread late = new Thread(() -> log.info("late"));
            late.start();
            late.join(3_000);
            assertThat(late.isAlive()).as("a call after the timed-out drain returns at once").isFalse();
            EngineStats stats = runtime.stats();
            assertThat(stats.submitted()).isEqualTo(11);
            assertThat(stats.processed() + stats.dropped() + stats.filtered()).isEqualTo(3);
        } finally {
            sink.release.countDown();
        }
        // Once the sink returns, the drain it held ends and the late event is written after it.
        assertThat(waitFor(() -> sink.lines.get() == 11)).isTrue();
        EngineStats stats = runtime.stats();
        assertThat(stats.processed()).isEqualTo(11);
        assertThat(stats.dropped()).isZero();
    }

    @Test
    void aSinkThatStopsItsOwnRuntimeFromItsWriteDoesNotHangIt() throws Exception {
        AtomicReference<FapilogRuntime> runtime = new AtomicReference<>();
        AtomicReference<DrainResult> fromTheSink = new AtomicReference<>();
        HangingSink sink = new HangingSink(0, () -> {
            try {
                fromTheSink.set(runtime.get().stopAndDrain().get(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runtime.set(runtime(sink));
        try {
            runtime.get().getLogger("self").info("stop me");
            assertThat(sink.hanging.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(waitFor(() -> fromTheSink.get() != null)).as("the sink's own stopAndDrain() returned").isTrue();
            assertThat(fromTheSink.get().processed()).isZero();
            assertThat(fromTheSink.get().submitted()).isZero();
        } finally {
            sink.release.countDown();
        }
        assertThat(waitFor(() -> sink.lines.get() == 1)).isTrue();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
