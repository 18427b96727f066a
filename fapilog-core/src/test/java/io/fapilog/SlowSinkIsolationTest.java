package io.fapilog;

import io.fapilog.config.FullPolicy;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** One sink that hangs stalls neither the other sinks nor the callers; what it cannot take goes to its fallback. */
class SlowSinkIsolationTest {

    @Test
    void aHangingSinkStallsNeitherTheOtherSinkNorTheCallers() throws Exception {
        TestSinks.GatedSink hanging = new TestSinks.GatedSink();
        InMemorySink fallback = new InMemorySink("fallback");
        InMemorySink healthy = new InMemorySink("healthy");
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks()
                .sink(io.fapilog.internal.sinks.ResilientSink.builder(hanging).fallback(fallback).build()).sink(healthy)
                .queueCapacity(1024).batchMaxSize(64).fullPolicy(FullPolicy.WAIT).waitTimeout(Duration.ofSeconds(30))
                .shutdownHook(false).start();
        Logger log = runtime.getLogger("isolation");
        int events = 10_000;
        for (int i = 0; i < events; i++) {
            log.info("event", "seq", i);
        }
        hanging.awaitBlocked();
        assertThat(healthy.awaitSize(events, Duration.ofSeconds(30))).as("the healthy sink got every event").isTrue();
        EngineStats whileHanging = runtime.stats();
        assertThat(whileHanging.dropped()).as("callers never waited out their timeout").isZero();
        assertThat(runtime.sinkHealth().get(0).writtenEvents()).as("the hanging sink acknowledged nothing").isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runtime.sinkHealth().get(1).writtenEvents() < events && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the healthy sink's last write returns just after its lines are in
        }
        assertThat(runtime.sinkHealth().get(1).writtenEvents()).isEqualTo(events);

        hanging.open();
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        WorkerFaultsTest.assertAccounted(runtime, result, events, events, 0);
        WorkerFaultsTest.validJson(healthy.lines(), events);
        SinkHealth hangingHealth = runtime.engine().sinkHealth().get(0);
        assertThat(hangingHealth.droppedEvents()).isZero();
        assertThat(hangingHealth.writtenEvents()).isEqualTo(hanging.lines().size());
        assertThat(hangingHealth.writtenEvents() + hangingHealth.fallbackEvents()).isEqualTo(events);
        assertThat(fallback.lines()).as("what the hanging sink's hand-off could not take")
                .isNotEmpty().hasSize(events - hanging.lines().size());
        TestSinks.parse(hanging.lines());
        TestSinks.parse(fallback.lines());
    }

    @Test
    void aSlowButWorkingSinkLosesNothingItPushesBackThroughTheQueue() throws Exception {
        InMemorySink slowTarget = new InMemorySink("slow");
        io.fapilog.spi.Sink slow = TestSinks.writing("slow", batch -> {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000L); // slower than the workers
            slowTarget.write(batch);
        });
        InMemorySink fast = new InMemorySink("fast");
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(slow).sink(fast)
                .queueCapacity(1024).batchMaxSize(16).fullPolicy(FullPolicy.WAIT).waitTimeout(Duration.ofSeconds(30))
                .shutdownHook(false).start();
        Logger log = runtime.getLogger("isolation");
        int events = 20_000;
        for (int i = 0; i < events; i++) {
            log.info("event", "seq", i);
        }
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(60));
        WorkerFaultsTest.assertAccounted(runtime, result, events, events, 0);
        assertThat(runtime.engine().sinkHealth()).extracting(SinkHealth::droppedEvents).containsExactly(0L, 0L);
        WorkerFaultsTest.validJson(slowTarget.lines(), events);
        WorkerFaultsTest.validJson(fast.lines(), events);
    }

    @Test
    void flushWaitsUntilEverySinkWithAThreadOfItsOwnWroteTheEvents() throws Exception {
        TestSinks.GatedSink gated = new TestSinks.GatedSink();
        InMemorySink other = new InMemorySink("other");
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(gated).sink(other)
                .shutdownHook(false).start();
        runtime.getLogger("flush").info("first");
        gated.awaitBlocked();
        java.util.concurrent.CompletableFuture<DrainResult> flushed = runtime.flush();
        assertThat(other.awaitSize(1, Duration.ofSeconds(10))).isTrue();
        // The worker counted the event processed once both hand-offs took it; the gated one has not written it.
        assertThat(flushed).as("flushed while a sink still holds the event")
                .failsWithin(Duration.ofMillis(300)).withThrowableOfType(java.util.concurrent.TimeoutException.class);

        gated.open();
        assertThat(flushed.get(10, java.util.concurrent.TimeUnit.SECONDS).processed()).isEqualTo(1);
        assertThat(gated.lines()).as("written when flush completed").hasSize(1);
        runtime.stopAndDrain(Duration.ofSeconds(10));
    }

    @Test
    void eventsDroppedAfterAFlushBeganDoNotCompleteItBeforeTheEventsBeforeIt() throws Exception {
        TestSinks.GatedSink gated = new TestSinks.GatedSink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(gated)
                .queueCapacity(16).fullPolicy(FullPolicy.DROP).shutdownHook(false).start();
        Logger log = runtime.getLogger("flush");
        log.info("before-flush");
        gated.awaitBlocked();  // the worker holds the event in the sink's write
        java.util.concurrent.CompletableFuture<DrainResult> flushed = runtime.flush();
        for (int i = 0; i < 100; i++) {
            log.info("after-flush", "seq", i);  // the queue fills; the rest are dropped at once and counted
        }
        long dropped = runtime.stats().dropped();
        assertThat(dropped).isPositive();
        assertThat(flushed).as("completed by drops of events logged after it")
                .failsWithin(Duration.ofMillis(300)).withThrowableOfType(java.util.concurrent.TimeoutException.class);

        gated.open();
        flushed.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(gated.lines()).as("written when flush completed").isNotEmpty();
        assertThat(gated.lines().get(0)).contains("before-flush");
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));
        WorkerFaultsTest.assertAccounted(runtime, result, 101, 101 - dropped, dropped);
    }

    @Test
    void anotherWorkerWritingLaterEventsDoesNotCompleteAFlushBeforeTheEarlierOnes() throws Exception {
        TestSinks.GatedSink firstWriteHeld = TestSinks.GatedSink.holdingFirstWriteOnly();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(firstWriteHeld)
                .workers(2).shutdownHook(false).start();
        Logger log = runtime.getLogger("flush");
        // Events of one thread go to one worker (thread id modulo the workers): one thread per worker.
        Thread early = new Thread(() -> log.info("before-flush"));
        Thread late = new Thread(() -> log.info("after-flush"));
        while (late.getId() % 2 == early.getId() % 2) {
            late = new Thread(() -> log.info("after-flush"));
        }
        early.start();
        early.join();
        firstWriteHeld.awaitBlocked();
        java.util.concurrent.CompletableFuture<DrainResult> flushed = runtime.flush();
        late.start();
        late.join();
        firstWriteHeld.awaitLines(1);  // the other worker wrote the later event
        assertThat(flushed).as("completed by the other worker's later event")
                .failsWithin(Duration.ofMillis(300)).withThrowableOfType(java.util.concurrent.TimeoutException.class);

        firstWriteHeld.open();
        flushed.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(firstWriteHeld.lines()).as("written when flush completed").hasSize(2);
        WorkerFaultsTest.assertAccounted(runtime, runtime.stopAndDrain(Duration.ofSeconds(10)), 2, 2, 0);
    }

    @Test
    void aLoneRemoteSinkThatNeverAnswersCostsTheDrainItsShutdownTimeoutAndItsEventsGoToTheFallback() throws Exception {
        TestSinks.HangsUntilClosedSink hanging = new TestSinks.HangsUntilClosedSink();
        InMemorySink fallback = new InMemorySink("fallback");
        Duration shutdownTimeout = Duration.ofSeconds(2);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .shutdownTimeout(shutdownTimeout).batchMaxSize(10)
                .sink(io.fapilog.internal.sinks.ResilientSink.builder(hanging).fallback(fallback).build()).start();
        Logger log = runtime.getLogger("orders");
        for (int i = 0; i < 100; i++) {
            log.info("event", "seq", i); // the worker hands them off and goes on: the first write hangs
        }
        assertThat(hanging.awaitWriting()).isTrue();

        DrainResult result = runtime.stopAndDrain(shutdownTimeout.multipliedBy(3));

        assertThat(result).as("drained within the shutdown timeout").isNotNull();
        assertThat(result.processed()).isEqualTo(100);
        assertThat(result.dropped()).isZero();
        assertThat(fallback.lines()).hasSize(100);
        assertThat(hanging.closes()).isEqualTo(1);
    }

    @Test
    void aSinkAmongSeveralThatHangsAndIgnoresItsCloseCostsTheDrainItsShutdownTimeoutAndItsEventsGoToTheFallback() throws Exception {
        TestSinks.GatedSink hanging = new TestSinks.GatedSink();
        InMemorySink fallback = new InMemorySink("fallback");
        InMemorySink healthy = new InMemorySink("healthy");
        Duration shutdownTimeout = Duration.ofSeconds(1);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .shutdownTimeout(shutdownTimeout).batchMaxSize(4)
                .sink(io.fapilog.internal.sinks.ResilientSink.builder(hanging).fallback(fallback).build()).sink(healthy).start();
        try {
            Logger log = runtime.getLogger("orders");
            for (int i = 0; i < 10; i++) {
                log.info("event", "seq", i);
            }
            hanging.awaitBlocked();

            DrainResult result = runtime.stopAndDrain(shutdownTimeout.multipliedBy(3));

            assertThat(result).as("drained within the shutdown timeout").isNotNull();
            assertThat(result.processed()).isEqualTo(10);
            assertThat(healthy.lines()).hasSize(10);
            assertThat(fallback.lines()).as("the batch in the hanging write and those queued behind it").hasSize(10);
            // Logged after the drain (a @PreDestroy): never waits on the hanging write, goes to the fallback.
            java.util.concurrent.CompletableFuture.runAsync(() -> log.info("late")).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(fallback.lines()).hasSize(11).last().asString().contains("\"message\":\"late\"");
        } finally {
            hanging.open();
        }
    }

    @Test
    void aRemoteSinkSlowerThanTheWorkersStillLetsTheDrainEndWithinItsShutdownTimeoutAndLosesNothing() throws Exception {
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        io.fapilog.spi.Sink slow = new io.fapilog.spi.Sink() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public boolean remote() {
                return true;
            }

            @Override
            public void write(io.fapilog.spi.EncodedBatch batch) throws InterruptedException {
                Thread.sleep(batch.eventCount()); // 1 ms an event: answering, never hanging
                written.addAndGet(batch.eventCount());
            }
        };
        InMemorySink fallback = new InMemorySink("fallback");
        Duration shutdownTimeout = Duration.ofSeconds(1);
        int events = 6_000;
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .shutdownTimeout(shutdownTimeout).batchMaxSize(10).queueCapacity(20_000)
                .sink(io.fapilog.internal.sinks.ResilientSink.builder(slow).fallback(fallback).build()).start();
        Logger log = runtime.getLogger("orders");
        for (int i = 0; i < events; i++) {
            log.info("event", "seq", i);
        }

        DrainResult result = runtime.stopAndDrain(shutdownTimeout.plusMillis(250)); // the close is over at 90 %

        assertThat(result).as("drained within the shutdown timeout").isNotNull();
        assertThat(result.processed()).isEqualTo(events);
        assertThat(result.dropped()).isZero();
        long inFallback = fallback.lines().size();
        assertThat(inFallback).as("what the sink could not take in time").isPositive();
        // At least once: a batch abandoned at the end may still be written after its fallback copy.
        assertThat(written.get() + inFallback).isBetween((long) events, events + 10L);
    }
}
