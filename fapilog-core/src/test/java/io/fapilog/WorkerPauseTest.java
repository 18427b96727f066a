package io.fapilog;

import io.fapilog.internal.engine.EngineFaults;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The worker's pause: it grows while nothing arrives, and the first event after a long one ends it. */
class WorkerPauseTest {

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
