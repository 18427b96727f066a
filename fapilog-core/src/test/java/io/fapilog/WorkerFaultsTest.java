package io.fapilog;

import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.config.FullPolicy;
import io.fapilog.internal.engine.EngineFaults;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection on the worker: a failure while processing one event, in an observer or in a
 * sink never stops the worker. After each fault 10,000 more events are written, every line is
 * valid JSON and {@code submitted == processed + dropped + filtered}.
 */
class WorkerFaultsTest {

    private static final int MORE = 10_000;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    /** A key whose toString() throws an Error (a lazy entity, a missing class): the event is written with a placeholder key. */
    @Test
    void keyWhoseToStringThrowsAnErrorDoesNotStopTheWorker() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(Fapilog.builder().sink(sink));
        Object badKey = new Object() {
            @Override
            public String toString() {
                throw new NoClassDefFoundError("org/example/LazyEntity");
            }
        };
        runtime.getLogger("faults").info("bad key", badKey, 1);
        logMore(runtime);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertAccounted(runtime, result, MORE + 1, MORE + 1, 0);
        List<JsonNode> lines = validJson(sink.lines(), MORE + 1);
        assertThat(lines.get(0).get("message").asString()).isEqualTo("bad key");
        assertThat(lines.get(0).toString()).contains("unserializable");
    }

    /** An OutOfMemoryError while encoding one huge value: that event is dropped and counted, the worker goes on. */
    @Test
    void outOfMemoryWhileEncodingOneValueDropsOnlyThatEvent() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(Fapilog.builder().sink(sink));
        Object huge = new Object() {
            @Override
            public String toString() {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        runtime.getLogger("faults").info("huge", "bean", huge);
        logMore(runtime);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertAccounted(runtime, result, MORE + 1, MORE, 1);
        assertThat(runtime.stats().droppedByReason()).containsEntry(DropReason.EVENT_FAILED, 1L);
        validJson(sink.lines(), MORE);
        assertThat(sink.lines()).noneMatch(line -> line.contains("\"huge\""));
        assertThat(runtime.engine().workerHealth().faults()).isEqualTo(1);
    }

    /** The failing event is taken out of every encoder's buffer, so no sink gets it while another misses it. */
    @Test
    void anEventFailingInOneEncoderReachesNoSink() throws Exception {
        InMemorySink json = new InMemorySink("json");
        Object failsOnlyForJson = new Object() {
            @Override
            public String toString() {
                boolean pretty = StackWalker.getInstance().walk(frames ->
                        frames.anyMatch(f -> f.getClassName().endsWith("PrettyEncoder")));
                if (!pretty) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return "fine for pretty";
            }
        };
        PrintStream originalOut = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true) { }); // a subclass: never taken for the JVM's own stdout
        try {
            FapilogRuntime runtime = start(Fapilog.builder().sink(json), io.fapilog.config.SinkType.STDOUT_PRETTY);
            runtime.getLogger("faults").info("half", "value", failsOnlyForJson);
            logMore(runtime);
            DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
            assertAccounted(runtime, result, MORE + 1, MORE, 1);
        } finally {
            System.setOut(originalOut);
        }
        validJson(json.lines(), MORE);
        String pretty = stdout.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(pretty).doesNotContain("half").contains("seq");
    }

    /** A batch observer throwing an Error, then a RuntimeException: every event is still written. */
    @Test
    void throwingBatchObserverDoesNotStopTheWorker() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(Fapilog.builder().sink(sink));
        AtomicInteger calls = new AtomicInteger();
        runtime.engine().addBatchObserver((events, nanos) -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new NoClassDefFoundError("io/micrometer/core/instrument/Timer");
            }
            if (call == 2) {
                throw new IllegalStateException("registry closed");
            }
        });
        runtime.getLogger("faults").info("first");
        awaitLines(sink, 1);
        runtime.getLogger("faults").info("second");
        awaitLines(sink, 2);
        logMore(runtime);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertAccounted(runtime, result, MORE + 2, MORE + 2, 0);
        validJson(sink.lines(), MORE + 2);
        assertThat(calls.get()).isGreaterThan(2);
        assertThat(runtime.engine().workerHealth().faults()).isEqualTo(2);
    }

    /** A sink throwing an Error: retried like any failure, and the worker goes on. */
    @Test
    void sinkThrowingAnErrorIsRetriedAndTheWorkerGoesOn() throws Exception {
        InMemorySink target = new InMemorySink();
        AtomicInteger writes = new AtomicInteger();
        Sink failingOnce = TestSinks.writing("fails-once", batch -> {
            if (writes.incrementAndGet() == 1) {
                throw new NoClassDefFoundError("com/example/Driver");
            }
            target.write(batch);
        });
        FapilogRuntime runtime = start(Fapilog.builder().sink(failingOnce)
                .circuitBreaker(new CircuitBreakerSettings(2, Duration.ZERO, 5, Duration.ofSeconds(30), false)));
        runtime.getLogger("faults").info("first");
        awaitLines(target, 1);
        logMore(runtime);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertAccounted(runtime, result, MORE + 1, MORE + 1, 0);
        validJson(target.lines(), MORE + 1);
        SinkHealth health = runtime.engine().sinkHealth().get(0);
        assertThat(health.errors()).isEqualTo(1);
        assertThat(health.lastError()).startsWith("java.lang.NoClassDefFoundError");
    }

    /**
     * A sink's failure text is shown in health, the endpoint and standard error: masked by the runtime's
     * redaction, since a client's exception may carry a URL with its credentials (a custom sink's did).
     */
    @Test
    void aFailingSinksErrorIsShownMaskedAsTheEventsAre() throws Exception {
        InMemorySink target = new InMemorySink();
        AtomicInteger writes = new AtomicInteger();
        Sink failingOnce = TestSinks.writing("collector", batch -> {
            if (writes.incrementAndGet() == 1) {
                throw new IllegalStateException("down: http://bob:hunter2@collector.example/x?token=abc123");
            }
            target.write(batch);
        });
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(failingOnce)
                .circuitBreaker(new CircuitBreakerSettings(2, Duration.ZERO, 5, Duration.ofSeconds(30), false))
                .shutdownHook(false).start();
        runtime.getLogger("faults").info("first");
        awaitLines(target, 1);
        runtime.stopAndDrain(Duration.ofSeconds(30));

        String shown = runtime.engine().sinkHealth().get(0).lastError();
        assertThat(shown).startsWith("java.lang.IllegalStateException: down: http://").contains("collector.example/x")
                .doesNotContain("hunter2").doesNotContain("abc123");
    }

    /** A sink whose every write throws an Error and no fallback: its events are lost to it, counted, and the worker lives. */
    /** A custom encoder factory that makes no encoder fails the start naming its sink (every event was dropped after it). */
    @Test
    void anEncoderFactoryThatMakesNoEncoderFailsTheStartNamingItsSink() {
        InMemorySink audit = new InMemorySink("audit");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fapilog.builder().preset(Preset.MINIMAL).sinks()
                        .sink(audit, () -> null).shutdownHook(false).start())
                .hasStackTraceContaining("the encoder factory of sink 'audit' made no encoder (null)");
    }

    /** An encoder that throws is named by its sink in the notice on standard error. */
    @Test
    void aThrowingEncoderIsNamedByItsSink() throws Exception {
        InMemorySink audit = new InMemorySink("audit");
        FapilogRuntime runtime = start(Fapilog.builder().sink(audit, () -> (event, out) -> {
            throw new IllegalStateException("encoder boom");
        }));
        runtime.getLogger("faults").info("first");
        runtime.stopAndDrain(Duration.ofSeconds(30));
        assertThat(stderr.toString()).contains("the encoder of sink 'audit' failed, the event was dropped: "
                + "java.lang.IllegalStateException: encoder boom");
    }

    @Test
    void sinkAlwaysThrowingAnErrorIsIsolated() throws Exception {
        InMemorySink healthy = new InMemorySink("healthy");
        Sink broken = TestSinks.writing("broken", batch -> {
            throw new AssertionError("broken sink");
        });
        FapilogRuntime runtime = start(Fapilog.builder().sink(broken).sink(healthy)
                .circuitBreaker(new CircuitBreakerSettings(0, Duration.ZERO, 1, Duration.ofHours(1), false)));
        runtime.getLogger("faults").info("first");
        logMore(runtime);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertAccounted(runtime, result, MORE + 1, MORE + 1, 0);
        validJson(healthy.lines(), MORE + 1);
        SinkHealth health = runtime.engine().sinkHealth().get(0);
        assertThat(health.state()).isEqualTo(CircuitState.OPEN);
        assertThat(health.droppedEvents()).isEqualTo(MORE + 1);
        assertThat(stderr.toString().lines().filter(line -> line.startsWith("fapilog: sink 'broken'")))
                .as("said once, on standard error").containsExactly("fapilog: sink 'broken' failed: java.lang.AssertionError: "
                        + "broken sink; its events are dropped (fapilog.sink.dropped) until it writes again "
                        + "(fapilog.sink.errors counts its failures)");
    }

    /**
     * An Error outside every containment, between taking a batch and processing it: the loop
     * restarts (counted once), the batch it held is written, and so are 10,000 more.
     */
    @Test
    void loopFailingOutsideTheContainmentRestartsWithoutLosingItsBatch() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(Fapilog.builder().sink(sink));
        EngineFaults.failBatches(runtime.engine(), 1, false);
        runtime.getLogger("faults").info("first");

        List<JsonNode> lines = restartedOnceLosingNothing(runtime, sink);
        assertThat(lines.get(0).get("message").asString()).isEqualTo("first");
    }

    /**
     * The worker's thread itself ends (recovering from the failure fails too): the engine starts
     * another thread while it runs, health shows one restart and every worker alive, the batch the
     * dead thread held is written, and so are 10,000 more.
     */
    @Test
    void workerThreadThatEndsIsStartedAgainWithoutLosingItsBatch() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(Fapilog.builder().sink(sink));
        java.util.Set<Thread> writers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        runtime.engine().addBatchObserver((events, nanos) -> writers.add(Thread.currentThread()));
        runtime.getLogger("faults").info("before");
        awaitLines(sink, 1);
        awaitCondition(() -> !writers.isEmpty(), "the batch observer ran"); // it runs after the sink write
        Thread original = writers.iterator().next();

        EngineFaults.failBatches(runtime.engine(), 1, true);
        runtime.getLogger("faults").info("taken when the thread died");
        awaitLines(sink, 2);
        awaitWorkers(runtime, new WorkerHealth(1, 1, 1, 0));
        original.join(10_000);
        assertThat(original.isAlive()).as("the first worker thread ended").isFalse();
        logMore(runtime);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertAccounted(runtime, result, MORE + 2, MORE + 2, 0);
        List<JsonNode> lines = validJson(sink.lines(), MORE + 2);
        assertThat(lines.get(1).get("message").asString()).isEqualTo("taken when the thread died");
        assertThat(writers).hasSize(2).contains(original);
        assertThat(runtime.engine().workerHealth()).isEqualTo(new WorkerHealth(1, 0, 1, 0));
    }

    /**
     * The worker's thread ends and no new thread can be started (the heap out of memory, as in a
     * burst that filled it): the ending thread runs the worker again itself. Before, the worker was
     * gone for good, the queue holding its events until the drain gave up on them.
     */
    @Test
    void aWorkerWhoseThreadEndsAndCannotBeReplacedRunsOnTheSameThread() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(Fapilog.builder().sink(sink));
        EngineFaults.failBatchesWithoutNewThreads(runtime.engine(), 1);
        runtime.getLogger("faults").info("taken when the thread died");

        List<JsonNode> lines = restartedOnceLosingNothing(runtime, sink);
        assertThat(lines.get(0).get("message").asString()).isEqualTo("taken when the thread died");
    }

    /**
     * After the one event the fault met: the one worker restarted once and alive, then as many more
     * written, every one accounted for, the worker alive and idle after the drain; the lines, parsed.
     */
    private static List<JsonNode> restartedOnceLosingNothing(FapilogRuntime runtime, InMemorySink sink) throws Exception {
        awaitLines(sink, 1);
        awaitWorkers(runtime, new WorkerHealth(1, 1, 1, 0));
        logMore(runtime);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertAccounted(runtime, result, MORE + 1, MORE + 1, 0);
        List<JsonNode> lines = validJson(sink.lines(), MORE + 1);
        assertThat(runtime.engine().workerHealth()).isEqualTo(new WorkerHealth(1, 0, 1, 0));
        return lines;
    }

    /** Three thread deaths in a row, on four workers: three restarts, nothing lost, every worker alive again. */
    @Test
    void repeatedThreadDeathsAreEachRestartedAndCounted() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).colour(false).workers(4)
                .queueCapacity(4 * MORE).fullPolicy(FullPolicy.DROP).shutdownHook(false).start();
        EngineFaults.failBatches(runtime.engine(), 3, true);
        for (int i = 1; i <= 3; i++) {
            runtime.getLogger("faults").info("death " + i);
            awaitLines(sink, i);
            awaitWorkers(runtime, new WorkerHealth(4, 4, i, 0));
        }
        logMore(runtime);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertAccounted(runtime, result, MORE + 3, MORE + 3, 0);
        validJson(sink.lines(), MORE + 3);
        assertThat(runtime.engine().workerHealth()).isEqualTo(new WorkerHealth(4, 0, 3, 0));
    }

    /**
     * A value whose toString() waits on a lock (a lazy entity, a database behind a full pool) holds the
     * only worker while the queue fills behind it: health says so, and where, and the notice of a drain
     * it keeps from finishing says how many events it leaves and where the worker is held. Before,
     * health showed every worker alive and no fault, and the notice blamed a sink.
     */
    @Test
    void aWorkerHeldByAValueShowsInHealthAndInTheDrainsNotice() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(Fapilog.builder().sink(sink));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        runtime.getLogger("held").info("held", "order", new HeldOrder(release));
        logMore(runtime);
        try {
            awaitCondition(() -> runtime.workerHealth().longestBatchAt() != null, "health says where the worker is");
            WorkerHealth held = runtime.workerHealth();
            assertThat(held.longestBatch()).isGreaterThanOrEqualTo(WorkerHealth.DESCRIBED_AFTER);
            assertThat(held.longestBatchAt()).startsWith(HeldOrder.class.getName() + ".toString(");
            assertThat(held.alive()).isEqualTo(1);

            assertThat(runtime.stopAndDrain(Duration.ofMillis(200))).isNull();
            assertThat(stderr.toString()).contains("fapilog: drain did not finish within PT0.2S; " + (MORE + 1)
                    + " events not written, queued or in flight (a worker held for ")
                    .contains(" ms at " + HeldOrder.class.getName() + ".toString(");
        } finally {
            release.countDown();
        }
        awaitLines(sink, MORE + 1);
        awaitCondition(() -> runtime.workerHealth().longestBatch().isZero(), "the batch ended");
        assertThat(runtime.workerHealth().longestBatchAt()).isNull();
    }

    /**
     * A sink still closing when the drain's time is up, every event written: the notice says so. Before,
     * it read "0 events not written, queued or in flight (the workers were still at them...)".
     */
    @Test
    void theNoticeOfADrainHeldByASinkClosingSaysEveryEventWasWritten() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        InMemorySink written = new InMemorySink();
        io.fapilog.spi.Sink closingSlowly = new io.fapilog.spi.Sink() {
            @Override
            public String name() {
                return "closing-slowly";
            }

            @Override
            public void write(io.fapilog.spi.EncodedBatch batch) throws Exception {
                written.write(batch);
            }

            @Override
            public void close() throws Exception {
                release.await();
            }
        };
        FapilogRuntime runtime = start(Fapilog.builder().sink(closingSlowly));
        try {
            for (int i = 0; i < 3; i++) {
                runtime.getLogger("closing").info("event " + i);
            }
            awaitLines(written, 3);

            assertThat(runtime.stopAndDrain(Duration.ofMillis(200))).isNull();
            assertThat(stderr.toString()).contains("fapilog: drain did not finish within PT0.2S; every event was written or"
                    + " counted, a sink was still closing").doesNotContain("events not written");
        } finally {
            release.countDown();
        }
    }

    private static final class HeldOrder {
        private final java.util.concurrent.CountDownLatch release;

        HeldOrder(java.util.concurrent.CountDownLatch release) {
            this.release = release;
        }

        @Override
        public String toString() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "order";
        }
    }

    private static void awaitWorkers(FapilogRuntime runtime, WorkerHealth expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!runtime.engine().workerHealth().equals(expected)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("workers " + runtime.engine().workerHealth() + ", expected " + expected);
            }
            Thread.sleep(1);
        }
    }

    private static FapilogRuntime start(FapilogConfig.Builder builder, io.fapilog.config.SinkType... builtIn) {
        return builder.preset(Preset.MINIMAL).sinks(builtIn).colour(false).workers(1).queueCapacity(4 * MORE).fullPolicy(FullPolicy.DROP)
                .shutdownHook(false).start();
    }

    private static void logMore(FapilogRuntime runtime) {
        Logger log = runtime.getLogger("more");
        for (int i = 0; i < MORE; i++) {
            log.info("more", "seq", i);
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    private static void awaitLines(InMemorySink sink, int count) throws InterruptedException {
        assertThat(sink.awaitSize(count, Duration.ofSeconds(10))).as("lines written").isTrue();
    }

    static void assertAccounted(FapilogRuntime runtime, DrainResult result, long submitted, long processed, long dropped) {
        assertThat(result).as("drain finished").isNotNull();
        EngineStats stats = runtime.stats();
        assertThat(stats.submitted()).isEqualTo(submitted);
        assertThat(stats.processed()).isEqualTo(processed);
        assertThat(stats.dropped()).isEqualTo(dropped);
        assertThat(stats.submitted()).isEqualTo(stats.processed() + stats.dropped() + stats.filtered());
        assertThat(result.submitted()).isEqualTo(result.processed() + result.dropped() + result.filtered());
    }

    static List<JsonNode> validJson(List<String> lines, int expected) {
        assertThat(lines).hasSize(expected);
        return TestSinks.parse(lines);
    }
}
