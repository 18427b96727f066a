package io.fapilog;

import io.fapilog.DropReason;
import io.fapilog.EngineStats;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DrainTest {

    /**
     * Eight producers keep logging while the engine is stopped under them: every event the engine
     * accepted is written, every other one is counted as dropped ("stopped"), nothing else.
     */
    @RepeatedTest(5)
    void drainRacingWithProducersLosesNothingAccepted() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .queueCapacity(1024).batchMaxSize(128).workers(2).shutdownHook(false).start();
        int producers = 8;
        int perProducer = 20_000;
        CountDownLatch halfway = new CountDownLatch(producers);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                Logger log = runtime.getLogger("race");
                for (int i = 0; i < perProducer; i++) {
                    log.info("event", "producer", producer, "seq", i);
                    if (i == perProducer / 10) {
                        halfway.countDown();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        halfway.await(30, TimeUnit.SECONDS);
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
        for (Thread thread : threads) {
            thread.join(30_000);
        }

        assertThat(result.processed()).isGreaterThan(0);
        EngineStats after = runtime.stats();
        // Events logged after the drain completed are written synchronously, so they add to what it reported.
        assertThat(sink.lines()).hasSize((int) after.processed());
        assertThat(after.submitted()).isEqualTo((long) producers * perProducer);
        assertThat(after.processed()).isGreaterThanOrEqualTo(result.processed());
        assertThat(after.processed() + after.dropped()).isEqualTo((long) producers * perProducer);
        assertThat(after.dropped()).isEqualTo(after.droppedByReason().get(DropReason.STOPPED)
                + after.droppedByReason().get(DropReason.WAIT_TIMEOUT));
        ExecutionModesTest.assertPerThreadOrderWithoutDuplicates(TestSinks.parse(sink.lines()));
    }

    /**
     * ASYNC callers at saturation, fire-and-forget, while the engine stops under them: every
     * returned Mono completes, every event is written or counted, and the waiting line is empty.
     */
    @RepeatedTest(5)
    void asyncWaitingLineRacingWithDrainResolvesEveryCaller() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .queueCapacity(64).queueReserve(0).batchMaxSize(16).waitTimeout(Duration.ofSeconds(30))
                .shutdownHook(false).start();
        int producers = 8;
        int perProducer = 5_000;
        List<CompletableFuture<Void>> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(producers);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                AsyncLogger log = runtime.getAsyncLogger("race");
                for (int i = 0; i < perProducer; i++) {
                    calls.add(log.info("event", "producer", producer, "seq", i).toFuture());
                    if (i == 500) {
                        started.countDown();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        started.await(30, TimeUnit.SECONDS);
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(calls).hasSize(producers * perProducer);
        EngineStats after = runtime.stats();
        assertThat(sink.lines()).hasSize((int) after.processed());
        assertThat(after.submitted()).isEqualTo((long) producers * perProducer);
        assertThat(after.processed()).isGreaterThanOrEqualTo(result.processed());
        assertThat(after.processed() + after.dropped()).isEqualTo((long) producers * perProducer);
        assertThat(after.droppedByReason().get(DropReason.WAIT_TIMEOUT)).isZero();
        assertThat(after.droppedByReason().get(DropReason.INTERNAL_ERROR)).isZero();
        ExecutionModesTest.assertPerThreadOrderWithoutDuplicates(TestSinks.parse(sink.lines()));
    }

    @Test
    void drainIsIdempotentAndCloseDrains() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .batchTimeout(Duration.ofHours(1)).shutdownHook(false).start();
        Logger log = runtime.getLogger("close");
        for (int i = 0; i < 10; i++) {
            log.info("before close", "i", i);
        }
        runtime.close();
        assertThat(sink.lines()).hasSize(10);
        DrainResult again = log.stopAndDrain().get(5, TimeUnit.SECONDS);
        assertThat(again.processed()).isEqualTo(10);
        log.info("after close");
        assertThat(runtime.stats().droppedByReason().get(DropReason.STOPPED)).isZero();
        assertThat(sink.lines()).as("written synchronously after the drain").hasSize(11);
        assertThat(runtime.stats().processed()).isEqualTo(11);
    }

    /** "Wait for ever" overflowed a count of nanoseconds and threw after the drain had begun; null threw after stopping. */
    @Test
    void stopAndDrainWaitsForEverWhenAskedAndRefusesNullBeforeStopping() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        runtime.getLogger("forever").info("logged");

        org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> runtime.stopAndDrain(null));
        assertThat(runtime.isStopped()).isFalse();
        DrainResult result = runtime.stopAndDrain(java.time.temporal.ChronoUnit.FOREVER.getDuration());

        assertThat(result).isNotNull();
        assertThat(result.processed()).isEqualTo(1);
        assertThat(sink.lines()).hasSize(1);
    }

    @Test
    void filteredEventsAreCountedAndTheIdentityHolds() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .rateLimit(0.001, 10).shutdownHook(false).start();
        Logger log = runtime.getLogger("limited");
        for (int i = 0; i < 100; i++) {
            log.info("burst", "i", i);
        }
        log.error("errors pass the rate limit");
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.submitted()).isEqualTo(101);
        assertThat(result.processed()).isEqualTo(11);
        assertThat(result.filtered()).isEqualTo(90);
        assertThat(sink.lines()).hasSize(11);
    }
}
