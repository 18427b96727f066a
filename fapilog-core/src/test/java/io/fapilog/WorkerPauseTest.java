package io.fapilog;

import io.fapilog.internal.engine.EngineFaults;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's pause: it grows while nothing arrives or only a trickle does, and the first event
 * after a long one ends it.
 */
class WorkerPauseTest {

    /**
     * A trickle, an event every millisecond or so (a web server's request logging), is written in
     * rounds of several events: while rounds find only a few, the worker's pause grows to 10 ms. Each
     * round costs tens to hundreds of microseconds (a park, a wake-up, a write, cold caches) whatever it holds;
     * with the pause capped at 1 ms, as before, such a trickle took a round per event.
     */
    @Test
    void aTrickleIsWrittenInRoundsOfSeveralEventsNotOneRoundPerEvent() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger lines = new AtomicInteger();
        Sink counting = TestSinks.writing("counting", batch -> {
            writes.incrementAndGet();
            lines.addAndGet(batch.eventCount());
        });
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(counting)
                .shutdownHook(false).start();
        int events = 300;
        long started = System.nanoTime();
        try {
            Logger log = runtime.getLogger("trickle");
            for (int i = 0; i < events; i++) {
                log.info("request", "n", i);
                LockSupport.parkNanos(1_000_000);
            }
        } finally {
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(lines.get()).isEqualTo(events);
        // A round at most every 4 ms on average (about one every 10 ms once the pause has grown), however
        // slowly this machine paces the events; a round every millisecond would be about one per event.
        assertThat(writes.get()).isLessThanOrEqualTo((int) (elapsedMillis / 4) + 10);
    }

    /**
     * Idle, the worker doubles its pause up to {@code batch.timeout}. An event logged while it sleeps
     * that long wakes it: it is written at once, not when the pause ends (before, the tail of a burst
     * that came after such a pause waited for it: up to 250 ms per burst with the shipped presets).
     */
    @Test
    void anEventAfterTheWorkerWentToSleepForLongIsWrittenWithoutWaitingForThePauseToEnd() throws Exception {
        InMemorySink sink = new InMemorySink();
        Duration batchTimeout = Duration.ofSeconds(3);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .batchTimeout(batchTimeout).shutdownHook(false).start();
        try {
            Logger log = runtime.getLogger("quiet");
            await(() -> EngineFaults.longestParkNanos(runtime.engine()) == batchTimeout.toNanos(), Duration.ofSeconds(30),
                    "the worker sleeps for the whole batch timeout");

            log.info("after a quiet spell");

            // The pause that just began would end about 3 s from now.
            await(() -> sink.lines().size() == 1, Duration.ofSeconds(2), "the event written before the pause would end");
        } finally {
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        }
    }

    private static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }
}
