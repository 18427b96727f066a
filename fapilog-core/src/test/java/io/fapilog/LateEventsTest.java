package io.fapilog;

import io.fapilog.config.RedactionSettings;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Events logged after the drain are written synchronously, redacted and counted; never lost, never raw. */
class LateEventsTest {

    private static final RedactionSettings CREDENTIALS =
            new RedactionSettings(Set.of("credentials"), Set.of(), List.of(), true, false);

    @Test
    void eventsLoggedAfterTheDrainAreWrittenSynchronouslyRedactedAndCounted() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).redaction(CREDENTIALS)
                .shutdownHook(false).start();
        Logger log = runtime.getLogger("late");
        log.info("before");
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertThat(result.processed()).isEqualTo(1);

        for (int i = 0; i < 100; i++) {
            log.info("after the drain", "seq", i, "password", "hunter2");
        }
        assertThat(sink.lines()).as("written on the caller's thread, before log returned").hasSize(101);
        List<JsonNode> lines = WorkerFaultsTest.validJson(sink.lines(), 101);
        assertThat(lines.get(100).at("/data/seq").asInt()).isEqualTo(99);
        assertThat(sink.lines()).noneMatch(line -> line.contains("hunter2"));
        EngineStats stats = runtime.stats();
        assertThat(stats.submitted()).isEqualTo(101);
        assertThat(stats.processed()).isEqualTo(101);
        assertThat(stats.dropped()).isZero();
        assertThat(stats.submitted()).isEqualTo(stats.processed() + stats.dropped() + stats.filtered());
    }

    /**
     * A sink that logs while it writes, after the drain: what it logs is written after the event in
     * hand, once, to every sink (before the fix the late writer encoded it into the batch it was
     * writing: earlier lines written again, the second sink's batch emptied, and a sink that logs
     * at every write recursed until the stack overflowed); what it logs while writing that is a
     * logging loop, dropped and counted.
     */
    @Test
    void aSinkThatLogsWhileTheLateWriterWritesGetsEachEventOnce() throws Exception {
        InMemorySink second = new InMemorySink("second");
        LoggingSink first = new LoggingSink(3);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(first).sink(second)
                .shutdownHook(false).start();
        first.log = runtime.getLogger("sink");
        Logger log = runtime.getLogger("late");
        log.info("before");
        runtime.stopAndDrain(Duration.ofSeconds(30));

        first.logging = true;
        log.info("after the drain");

        List<String> expected = List.of("before", "after the drain", "from the sink 1");
        assertThat(messages(first.lines.lines())).containsExactlyElementsOf(expected);
        assertThat(messages(second.lines())).containsExactlyElementsOf(expected);
        assertThat(first.logged).isEqualTo(2);
        EngineStats stats = runtime.stats();
        assertThat(stats.submitted()).isEqualTo(4);
        assertThat(stats.processed()).isEqualTo(3);
        assertThat(stats.droppedByReason().get(DropReason.LOGGING_LOOP)).isEqualTo(1);
    }

    /** A sink that logs at every write, after the drain: its caller gets back at once, one of those events written. */
    @Test
    void aSinkThatLogsAtEveryLateWriteDoesNotKeepItsCallerForever() throws Exception {
        LoggingSink sink = new LoggingSink(Integer.MAX_VALUE);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        sink.log = runtime.getLogger("sink");
        runtime.stopAndDrain(Duration.ofSeconds(30));

        sink.logging = true;
        runtime.getLogger("late").info("after the drain");

        assertThat(messages(sink.lines.lines())).containsExactly("after the drain", "from the sink 1");
        assertThat(sink.logged).as("each write logged once; the last one in vain").isEqualTo(2);
        EngineStats stats = runtime.stats();
        assertThat(stats.processed()).isEqualTo(2);
        assertThat(stats.droppedByReason().get(DropReason.LOGGING_LOOP)).isEqualTo(1);
        assertThat(stats.submitted()).isEqualTo(3).isEqualTo(stats.processed() + stats.dropped() + stats.filtered());
    }

    /** A late write that logs more than 256 events at once: its caller writes 256 of them, the rest counted. */
    @Test
    void aLateWriteThatLogsManyEventsWritesAtMost256OfThem() throws Exception {
        LoggingSink sink = new LoggingSink(1, 300);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        sink.log = runtime.getLogger("sink");
        runtime.stopAndDrain(Duration.ofSeconds(30));

        sink.logging = true;
        runtime.getLogger("late").info("after the drain");

        assertThat(sink.lines.lines()).hasSize(1 + 256);
        EngineStats stats = runtime.stats();
        assertThat(stats.processed()).isEqualTo(257);
        assertThat(stats.droppedByReason().get(DropReason.QUEUE_FULL)).isEqualTo(300 - 256);
        assertThat(stats.submitted()).isEqualTo(301).isEqualTo(stats.processed() + stats.dropped() + stats.filtered());
    }

    private static List<String> messages(List<String> lines) {
        return TestSinks.parse(lines).stream().map(line -> line.get("message").asString()).toList();
    }

    /** Writes to {@link #lines}, then, once {@link #logging}, logs {@code perWrite} events at each write, at up to {@code limit} writes. */
    private static final class LoggingSink implements io.fapilog.spi.Sink {
        final InMemorySink lines = new InMemorySink("logging");
        final int limit;
        final int perWrite;
        volatile Logger log;
        volatile boolean logging;
        int logged;

        LoggingSink(int limit) {
            this(limit, 1);
        }

        LoggingSink(int limit, int perWrite) {
            this.limit = limit;
            this.perWrite = perWrite;
        }

        @Override
        public String name() {
            return "logging";
        }

        @Override
        public void write(io.fapilog.spi.EncodedBatch batch) {
            lines.write(batch);
            if (logging && logged < limit) {
                logged++;
                for (int i = 0; i < perWrite; i++) {
                    log.info("from the sink " + logged);
                }
            }
        }
    }

    /**
     * Threads logging while the drain begins: an event that finds the queue closed after its
     * caller checked for a drain waits for the drain and is written late. Every event is written,
     * none dropped as stopped.
     */
    @RepeatedTest(5)
    void threadCallersRacingTheStartOfTheDrainLoseNothing() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        Logger log = runtime.getLogger("race");
        DrainResult drained = drainWhileLogging(runtime, seq -> log.info("racing", "seq", seq));

        assertEveryRacingEventWritten(runtime, sink);
        assertThat(runtime.stats().droppedByReason().get(DropReason.STOPPED)).isZero();
        assertThat(drained.processed()).isLessThanOrEqualTo(RACING_EVENTS);
    }

    /**
     * ASYNC callers logging while the drain begins: the events that find the queue closed are held
     * and written after it (up to the queue's capacity, here larger than what can arrive), none dropped.
     */
    @RepeatedTest(20)
    void asyncCallersRacingTheDrainLoseNothing() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).queueCapacity(40_000)
                .shutdownHook(false).start();
        AsyncLogger log = runtime.getAsyncLogger("race");
        DrainResult drained = drainWhileLogging(runtime, seq -> log.info("racing", "seq", seq));

        assertEveryRacingEventWritten(runtime, sink);
        assertThat(drained.submitted()).isEqualTo(drained.processed());
    }

    /**
     * With two workers: ASYNC events that join a shard's waiting line (an earlier event waits there)
     * once the drain has begun are held and written after it, as with one worker, not dropped.
     */
    @Test
    void asyncEventsJoiningAWaitingLineDuringTheDrainAreHeldWithTwoWorkers() throws Exception {
        TestSinks.GatedSink sink = TestSinks.GatedSink.holdingFirstWriteOnly();
        FapilogRuntime runtime = Fapilog.builder().workers(2).preset(Preset.MINIMAL).sinks().sink(sink)
                .queueCapacity(16).queueReserve(8).batchMaxSize(1).fullPolicy(io.fapilog.config.FullPolicy.WAIT)
                .waitTimeout(Duration.ofSeconds(30)).shutdownHook(false).start();
        Logger log = runtime.getLogger("fill");
        log.info("holds a worker");
        sink.awaitBlocked();
        for (int i = 0; i < 16; i++) {
            log.info("fills the queue", "i", i);
        }
        AsyncLogger async = runtime.getAsyncLogger("async");
        async.info("waits in line").subscribe();
        java.util.concurrent.CompletableFuture<DrainResult> drain = runtime.stopAndDrain(); // the queue is closed on return
        List<reactor.core.publisher.Mono<Void>> during = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            during.add(async.info("during the drain", "i", i));
        }
        sink.open();
        drain.get(30, TimeUnit.SECONDS);
        during.forEach(mono -> mono.block(Duration.ofSeconds(10)));

        assertThat(sink.lines().stream().filter(line -> line.contains("during the drain"))).hasSize(10);
        EngineStats stats = runtime.stats();
        assertThat(stats.droppedByReason().get(DropReason.STOPPED)).isZero();
        assertThat(stats.submitted()).isEqualTo(28).isEqualTo(stats.processed());
    }

    /**
     * After the drain, an event logged on a Reactor event loop (an AsyncLogger's, a BOUND_LOOP
     * logger's) is written on the late writer's own thread: the sink's blocking write never runs on
     * the loop (BlockHound is installed for these tests and would fail it there).
     */
    @Test
    void eventsLoggedOnAnEventLoopAfterTheDrainAreWrittenOffTheLoop() throws Exception {
        List<String> writers = new java.util.concurrent.CopyOnWriteArrayList<>();
        InMemorySink lines = new InMemorySink();
        io.fapilog.spi.Sink blocking = TestSinks.writing("blocking", batch -> {
            Thread.sleep(1); // a file or socket write: blocking
            writers.add(Thread.currentThread().getName());
            lines.write(batch);
        });
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(blocking).shutdownHook(false).start();
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        AsyncLogger async = runtime.getAsyncLogger("late");
        reactor.core.publisher.Mono.defer(() -> async.info("async, after the drain"))
                .subscribeOn(reactor.core.scheduler.Schedulers.parallel()).block(Duration.ofSeconds(10));
        reactor.core.publisher.Mono.fromRunnable(() -> runtime.getLogger("loop").info("bound loop, after the drain"))
                .subscribeOn(reactor.core.scheduler.Schedulers.parallel()).block(Duration.ofSeconds(10));

        assertThat(lines.awaitSize(2, Duration.ofSeconds(10))).isTrue();
        assertThat(lines.lines()).anyMatch(line -> line.contains("async, after the drain"))
                .anyMatch(line -> line.contains("bound loop, after the drain"));
        assertThat(writers).containsExactly("fapilog-late-writer", "fapilog-late-writer");
        assertThat(runtime.stats().dropped()).isZero();
    }

    /**
     * Events an event loop logs after the drain, past what the late writer can hold while its sink is
     * slow, are dropped as stopped: counted, and told on standard error as drops during the run are
     * (only the workers looked, and they are gone after the drain: 17,816 drops went untold in a probe).
     */
    @Test
    void dropsAfterTheDrainAreToldOnStandardError() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        io.fapilog.spi.Sink slow = TestSinks.writing("slow", batch -> release.await(30, TimeUnit.SECONDS));
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(slow).queueCapacity(16)
                .shutdownHook(false).start();
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AsyncLogger async = runtime.getAsyncLogger("late");
            reactor.core.publisher.Mono.fromRunnable(() -> {
                for (int i = 0; i < 200; i++) {
                    async.info("late", "i", i);
                }
            }).subscribeOn(reactor.core.scheduler.Schedulers.parallel()).block(Duration.ofSeconds(10));
            long stopped = runtime.stats().droppedByReason().get(DropReason.STOPPED);

            assertThat(stopped).isPositive();
            assertThat(captured.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("events dropped")))
                    .singleElement().asString().startsWith("fapilog: 1 events dropped so far (stopped 1;"); // at the first, as during the run
        } finally {
            System.setErr(stderr);
            release.countDown();
        }
    }

    private static final int RACING_THREADS = 4;
    private static final int RACING_PER_THREAD = 5_000;
    private static final int RACING_EVENTS = RACING_THREADS * RACING_PER_THREAD;

    /** Starts {@link #RACING_THREADS} threads logging {@link #RACING_PER_THREAD} events each, drains once they all began, joins them. */
    private static DrainResult drainWhileLogging(FapilogRuntime runtime, java.util.function.IntConsumer logEvent)
            throws InterruptedException {
        CountDownLatch logging = new CountDownLatch(RACING_THREADS);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < RACING_THREADS; t++) {
            Thread producer = new Thread(() -> {
                logging.countDown();
                for (int i = 0; i < RACING_PER_THREAD; i++) {
                    logEvent.accept(i);
                }
            }, "producer-" + t);
            producers.add(producer);
            producer.start();
        }
        logging.await();
        DrainResult drained = runtime.stopAndDrain(Duration.ofSeconds(30));
        for (Thread producer : producers) {
            producer.join(30_000);
        }
        return drained;
    }

    private static void assertEveryRacingEventWritten(FapilogRuntime runtime, InMemorySink sink) {
        EngineStats stats = runtime.stats();
        assertThat(stats.dropped()).isZero();
        assertThat(stats.submitted()).isEqualTo(RACING_EVENTS);
        assertThat(stats.processed()).isEqualTo(RACING_EVENTS);
        assertThat(sink.lines()).hasSize(RACING_EVENTS);
    }

    /**
     * Callers that log before, during and after the drain: the events held during it and those
     * written at once after it keep each caller's order (none written late overtakes one held before
     * it), and each caller's last event, logged after the drain, is written.
     */
    @RepeatedTest(5)
    void heldAndLateEventsKeepEachCallersOrder() throws Exception {
        SlowSink sink = new SlowSink(2);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).queueCapacity(1_000)
                .batchMaxSize(64).shutdownHook(false).start();
        int threads = 4;
        java.util.concurrent.atomic.AtomicBoolean drained = new java.util.concurrent.atomic.AtomicBoolean();
        int[] last = new int[threads];
        CountDownLatch logging = new CountDownLatch(threads);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int producer = t;
            Thread thread = new Thread(() -> {
                AsyncLogger log = runtime.getAsyncLogger("order");
                int afterDrain = 0;
                for (int i = 0; ; i++) {
                    log.info("ordered", "producer", producer, "seq", i);
                    if (i == 100) {
                        logging.countDown();
                    }
                    if (drained.get() && ++afterDrain == 100) {
                        last[producer] = i;
                        return;
                    }
                }
            }, "order-producer-" + t);
            producers.add(thread);
            thread.start();
        }
        logging.await();
        assertThat(runtime.stopAndDrain(Duration.ofSeconds(60))).isNotNull();
        drained.set(true);
        for (Thread producer : producers) {
            producer.join(60_000);
        }

        EngineStats stats = runtime.stats();
        assertThat(stats.submitted()).isEqualTo(stats.processed() + stats.dropped() + stats.filtered());
        List<JsonNode> written = TestSinks.parse(sink.lines.lines());
        assertThat(written).hasSize((int) stats.processed());
        ExecutionModesTest.assertPerThreadOrderWithoutDuplicates(written);
        for (int t = 0; t < threads; t++) {
            int producer = t;
            assertThat(written).as("producer %s's last event, logged after the drain", t)
                    .anyMatch(e -> e.get("data").get("producer").asInt() == producer && e.get("data").get("seq").asInt() == last[producer]);
        }
    }

    /** A lone sink whose close hangs (a client library waiting on its server); released at the end. */
    static final class HangingClose implements io.fapilog.spi.Sink {
        final CountDownLatch closing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "hanging-close";
        }

        @Override
        public void write(io.fapilog.spi.EncodedBatch batch) {
        }

        @Override
        public void close() throws InterruptedException {
            closing.countDown();
            release.await();
        }
    }

    /**
     * A drain that cannot finish (its sink's close hangs): the timeout of {@code stopAndDrain}
     * holds, and an event logged meanwhile waits for the drain once (up to 5 s), not twice, then
     * is held, in flight, and written once the drain ends.
     */
    @Test
    void aDrainThatCannotFinishKeepsItsTimeoutAndAnEventLoggedMeanwhileWaitsForItOnce() throws Exception {
        HangingClose sink = new HangingClose();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        Logger log = runtime.getLogger("late");
        try {
            java.util.concurrent.CompletableFuture<DrainResult> timedOut = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> runtime.stopAndDrain(Duration.ofMillis(200)));
            assertThat(sink.closing.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(timedOut.get(10, TimeUnit.SECONDS)).as("timed out: null").isNull();

            long start = System.nanoTime();
            log.info("while the drain hangs");
            long waited = System.nanoTime() - start;

            assertThat(Duration.ofNanos(waited)).as("one wait of 5 s, not two").isLessThan(Duration.ofSeconds(9));
            EngineStats held = runtime.stats();
            assertThat(held.dropped()).isZero();
            assertThat(held.submitted()).as("in flight").isEqualTo(1);
            assertThat(held.processed()).isZero();
        } finally {
            sink.release.countDown();
        }
        DrainResult drained = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertThat(drained.submitted()).isEqualTo(1);
        assertThat(drained.processed()).as("written once the drain ended").isEqualTo(1);
        assertThat(drained.dropped()).isZero();
    }

    /** A sink that takes {@code delay} per batch, so that a drain lasts long enough to log into. */
    static final class SlowSink implements io.fapilog.spi.Sink {
        final InMemorySink lines = new InMemorySink();
        final CountDownLatch firstWrite = new CountDownLatch(1);
        private final long delayMillis;

        SlowSink(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public String name() {
            return "slow";
        }

        @Override
        public void write(io.fapilog.spi.EncodedBatch batch) throws Exception {
            firstWrite.countDown();
            Thread.sleep(delayMillis);
            lines.write(batch);
        }
    }

    /**
     * Callers that cannot wait for the drain (an ASYNC caller, an event loop in BOUND_LOOP mode)
     * log while it runs: their events are held and written after the drain's, not dropped.
     */
    @Test
    void nonBlockingCallersLoggingDuringTheDrainAreWrittenAfterIt() throws Exception {
        SlowSink sink = new SlowSink(300);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        Logger log = runtime.getLogger("drain");
        AsyncLogger async = runtime.getAsyncLogger("drain");
        log.info("before the drain");
        assertThat(sink.firstWrite.await(10, TimeUnit.SECONDS)).isTrue();
        log.info("queued at the drain");
        java.util.concurrent.CompletableFuture<DrainResult> draining = runtime.stopAndDrain();

        async.info("async during the drain").block(Duration.ofSeconds(10));
        reactor.core.publisher.Mono.fromRunnable(() -> runtime.getLogger("drain").info("event loop during the drain"))
                .subscribeOn(reactor.core.scheduler.Schedulers.parallel()).block(Duration.ofSeconds(10));
        assertThat(draining).as("still draining: the sink is slow").isNotDone();

        DrainResult drained = draining.get(30, TimeUnit.SECONDS);
        assertThat(drained.dropped()).isZero();
        assertThat(drained.processed()).isEqualTo(4);
        assertThat(runtime.stats().droppedByReason().get(DropReason.STOPPED)).isZero();
        assertThat(WorkerFaultsTest.validJson(sink.lines.lines(), 4)).extracting(line -> line.get("message").asString())
                .containsExactly("before the drain", "queued at the drain", "async during the drain", "event loop during the drain");
    }

    /**
     * A file sink closed by the drain: the late event (a {@code @PreDestroy}) is appended to the file,
     * redacted, as the lines before it; it went to standard error.
     */
    @Test
    void aLateEventIsAppendedToTheFileTheDrainClosed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.log");
        FapilogRuntime runtime = drainedAfterOneLine(file);
        String stderr = TestSinks.standardErrorOf(() -> runtime.getLogger("late").info("after", "password", "hunter2"));
        assertThat(stderr).isEmpty();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(TestSinks.JSON.readTree(lines.get(1)).get("message").asString()).isEqualTo("after");
        assertThat(lines.get(1)).doesNotContain("hunter2");
        assertThat(runtime.stats().processed()).isEqualTo(2);
    }

    /**
     * The file is held by another sink (the next application's runtime after a DevTools restart): the
     * late event goes to the closed sink's fallback, standard error, as the same JSON line.
     */
    @Test
    void aLateEventForAFileAnotherSinkHoldsGoesToStandardErrorAsJson(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.log");
        FapilogRuntime runtime = drainedAfterOneLine(file);
        io.fapilog.internal.sinks.RotatingFileSink next = new io.fapilog.internal.sinks.RotatingFileSink(
                new RotatingFileSettings(file, 0, false, 1, false, 1024));
        next.open();
        String stderr;
        try {
            stderr = TestSinks.standardErrorOf(() -> runtime.getLogger("late").info("after", "password", "hunter2"));
        } finally {
            next.close();
        }
        List<String> jsonLines = stderr.lines().filter(l -> l.startsWith("{")).toList();
        assertThat(jsonLines).singleElement().satisfies(line -> {
            assertThat(TestSinks.JSON.readTree(line).get("message").asString()).isEqualTo("after");
            assertThat(line).doesNotContain("hunter2");
        });
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(runtime.stats().processed()).isEqualTo(2);
    }

    /** A runtime writing {@code file}, redacting credentials, drained after one line ("before"). */
    private static FapilogRuntime drainedAfterOneLine(Path file) {
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks(SinkType.ROTATING_FILE)
                .file(new RotatingFileSettings(file, 0, false, 1, false, 1024)).redaction(CREDENTIALS)
                .shutdownHook(false).start();
        runtime.getLogger("late").info("before");
        runtime.stopAndDrain(Duration.ofSeconds(30));
        return runtime;
    }

    /**
     * A sink closed by the drain, remote (a Kafka producer, an HTTP client) or local (one of the
     * application's that closes its stream in {@code close()}, tried once), takes no later event: it
     * goes to the fallback, standard error, with one notice that says why, and counts as no failure of
     * the sink's (every web application's shutdown told of a failed sink, for the server's last lines;
     * a local sink's each late line was retried, one whose write hung held the JVM's exit a minute a line).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aLateEventForAClosedSinkGoesToStandardErrorWithoutAFailure(boolean remote) throws Exception {
        java.util.concurrent.atomic.AtomicInteger writesAfterClose = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        io.fapilog.spi.Sink producer = new io.fapilog.spi.Sink() {
            @Override
            public String name() {
                return "broker";
            }

            @Override
            public boolean remote() {
                return remote;
            }

            @Override
            public void write(io.fapilog.spi.EncodedBatch batch) {
                if (closed.get()) {
                    writesAfterClose.incrementAndGet();
                    throw new IllegalStateException("Stream Closed");
                }
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(producer).shutdownHook(false).start();
        runtime.getLogger("late").info("before");
        runtime.stopAndDrain(Duration.ofSeconds(30));
        List<String> lines = TestSinks.standardErrorOf(() -> {
            runtime.getLogger("org.apache.catalina.core.StandardService").info("Stopping service [Tomcat]");
            runtime.getLogger("org.apache.catalina.core.StandardService").info("Stopped service [Tomcat]");
        }).lines().toList();
        assertThat(lines).filteredOn(l -> l.startsWith("{")).extracting(line -> TestSinks.JSON.readTree(line).get("message").asString())
                .containsExactly("Stopping service [Tomcat]", "Stopped service [Tomcat]");
        assertThat(lines).filteredOn(l -> l.startsWith("fapilog:")).singleElement()
                .satisfies(notice -> assertThat(notice).contains("sink 'broker' takes no more events", "closed at the end of the drain")
                        .doesNotContain("failed"));
        assertThat(writesAfterClose).hasValue(remote ? 0 : 1); // a local one is tried once: the console and file sinks take them
        assertThat(runtime.sinkHealth()).singleElement().satisfies(health -> {
            assertThat(health.errors()).isZero();
            assertThat(health.fallbackEvents()).isEqualTo(2);
        });
        assertThat(runtime.stats().processed()).isEqualTo(3);
    }

    /**
     * A real JVM shutdown: another shutdown hook logs 100 events through the default logger and
     * a static logger of a preset first used during the shutdown. Nothing throws, every event is
     * written to stdout as JSON, redacted, and no second engine is started for the default logger.
     */
    @Test
    void loggingDuringJvmShutdownNeverThrowsAndLosesNothing() throws Exception {
        OwnJvm run = OwnJvm.run(ShutdownLogging.class);
        String stdout = run.stdout();
        String stderr = run.stderr();
        assertThat(stderr).doesNotContain("Exception").doesNotContain("Error");
        List<JsonNode> lines = stdout.lines().map(TestSinks.JSON::readTree).toList();
        assertThat(lines).filteredOn(l -> l.get("message").asString().equals("started")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.get("message").asString().equals("from hook")).hasSize(100);
        assertThat(lines).filteredOn(l -> l.get("message").asString().equals("static during shutdown")).hasSize(1);
        assertThat(lines).hasSize(102);
        assertThat(stdout).doesNotContain("hunter2");
    }

    /** Run by {@link #loggingDuringJvmShutdownNeverThrowsAndLosesNothing} in a JVM of its own. */
    public static final class ShutdownLogging {
        public static void main(String[] args) {
            System.setProperty("fapilog.preset", "production");
            Fapilog.getLogger("main").info("started");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    Fapilog.getLogger("hook").info("from hook", "seq", i, "password", "hunter2");
                }
                LateStatic.LOG.info("static during shutdown");
            }));
        }
    }

    /**
     * An event logged after the drain by an interrupted thread (a pool's task that restores its
     * interrupt and logs, as the idiom goes) is written on that thread: standard output stays the
     * JVM's, for that event and everything after it, and the thread keeps its interrupt.
     */
    @Test
    void anInterruptedThreadLoggingAfterTheDrainKeepsStandardOutputWorking() throws Exception {
        OwnJvm run = OwnJvm.run(InterruptedLateLogging.class);
        assertThat(run.stdout().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(TestSinks.JSON.readTree(lines.get(0)).get("message").asString()).isEqualTo("before the drain");
            assertThat(TestSinks.JSON.readTree(lines.get(1)).get("message").asString()).isEqualTo("interrupted, after the drain");
            assertThat(TestSinks.JSON.readTree(lines.get(2)).get("message").asString()).isEqualTo("after the drain");
            assertThat(lines.get(3)).isEqualTo("printed: interrupt kept true");
        });
        assertThat(run.stderr()).isEqualTo("printed to stderr" + System.lineSeparator());
    }

    /** Run by {@link #anInterruptedThreadLoggingAfterTheDrainKeepsStandardOutputWorking} in a JVM of its own. */
    public static final class InterruptedLateLogging {
        public static void main(String[] args) throws Exception {
            FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).shutdownHook(false).start();
            Logger log = runtime.getLogger("late");
            log.info("before the drain");
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
            boolean[] interruptKept = new boolean[1];
            Thread task = new Thread(() -> {
                Thread.currentThread().interrupt();
                log.info("interrupted, after the drain");
                interruptKept[0] = Thread.currentThread().isInterrupted();
            });
            task.start();
            task.join();
            log.info("after the drain");
            System.out.println("printed: interrupt kept " + interruptKept[0]);
            System.err.println("printed to stderr");
        }
    }

    /** What a class's {@code main}, run in a JVM of its own, printed; it exited normally, within a minute. */
    /** A class whose static logger is first used, and its runtime first started, during the JVM shutdown. */
    static final class LateStatic {
        static final Logger LOG = Fapilog.getLogger("static", Preset.MINIMAL);
    }
}
