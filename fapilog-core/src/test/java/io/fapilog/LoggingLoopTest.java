package io.fapilog;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stage of the application's that logs at every event it handles (an enricher that warns about a
 * missing field, whose own warning lacks it too): each event it logs made the next, forever, and
 * the queue stayed full of them (1,000 events became more than a million lines in five seconds).
 * The first of such a chain is written, the next dropped and counted as {@code logging_loop}. So
 * for a sink that logs at every line it writes, on the worker or on its hand-off's thread: what it
 * logs while it writes lines of events logged there is dropped.
 */
class LoggingLoopTest {

    private static final int EVENTS = 500;

    @Test
    void anEnricherThatWarnsAtEveryEventHasOneWarningWrittenForEachOfTheApplicationsEvents() throws Exception {
        assertOneWarningPerEvent((builder, warn) -> builder.enricher(event -> warn.accept("no tenant on the event")));
    }

    @Test
    void aFilterThatLogsAtEveryEventHasOneEventWrittenForEachOfTheApplicationsEvents() throws Exception {
        assertOneWarningPerEvent((builder, warn) -> builder.filter(event -> {
            warn.accept("checked an event");
            return true;
        }));
    }

    @Test
    void aRedactorThatLogsAtEveryEventHasOneEventWrittenForEachOfTheApplicationsEvents() throws Exception {
        assertOneWarningPerEvent((builder, warn) -> builder.redactor(event -> warn.accept("nothing to mask")));
    }

    /** A value whose getter logs, as each event of its own carries it again. */
    @Test
    void aValueWhoseGetterLogsEachTimeItIsWrittenHasOneEventWrittenForEachOfTheApplicationsEvents() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        ORDERS.set(runtime.getLogger("com.acme.Orders"));
        for (int i = 0; i < EVENTS; i++) {
            ORDERS.get().info("Order placed", "order", new Order("o-" + i));
        }
        assertWrittenOncePerEvent(runtime, sink, "status read");
    }

    private static final AtomicReference<Logger> ORDERS = new AtomicReference<>();

    public static final class Order {
        private final String id;

        Order(String id) {
            this.id = id;
        }

        public String getId() {
            return id;
        }

        public String getStatus() {
            ORDERS.get().warn("status read", "order", this);
            return "open";
        }
    }

    private interface Stage {
        void add(FapilogConfig.Builder builder, Consumer<String> warn);
    }

    private static void assertOneWarningPerEvent(Stage stage) throws Exception {
        AtomicReference<Logger> warnings = new AtomicReference<>();
        InMemorySink sink = new InMemorySink();
        FapilogConfig.Builder builder = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false);
        stage.add(builder, message -> warnings.get().warn(message));
        FapilogRuntime runtime = builder.start();
        warnings.set(runtime.getLogger("com.acme.Stage"));
        Logger log = runtime.getLogger("com.acme.Orders");
        for (int i = 0; i < EVENTS; i++) {
            log.info("Order placed", "i", i);
        }
        assertWrittenOncePerEvent(runtime, sink, null);
    }

    private static void assertWrittenOncePerEvent(FapilogRuntime runtime, InMemorySink sink, String messageOfTheStage)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runtime.stats().processed() < 2 * EVENTS && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
        List<String> lines = sink.lines();
        assertThat(lines).filteredOn(line -> line.contains("\"message\":\"Order placed\"")).hasSize(EVENTS);
        assertThat(lines).hasSize(2 * EVENTS);
        if (messageOfTheStage != null) {
            assertThat(lines).filteredOn(line -> line.contains("\"message\":\"" + messageOfTheStage + "\"")).hasSize(EVENTS);
        }
        assertThat(result.processed()).isEqualTo(2 * EVENTS);
        assertThat(result.dropped()).isEqualTo(EVENTS);
        assertThat(runtime.stats().droppedByReason().get(DropReason.LOGGING_LOOP)).isEqualTo(EVENTS);
        assertThat(result.submitted()).isEqualTo(3 * EVENTS)
                .isEqualTo(result.processed() + result.dropped() + result.filtered());
    }

    @Test
    void aSinkThatLogsAtEveryLineItWritesOnTheWorkerHasOneEventWrittenForEachOfTheApplicationsLines() throws Exception {
        assertOneEventPerApplicationLine(false);
    }

    @Test
    void aRemoteSinkThatLogsAtEveryLineItWritesOnItsOwnThreadHasOneEventWrittenForEachOfTheApplicationsLines() throws Exception {
        assertOneEventPerApplicationLine(true);
    }

    /** Each application event is written, then the sink's event about it, whose own is dropped. */
    private static void assertOneEventPerApplicationLine(boolean remote) throws Exception {
        LoggingSink sink = new LoggingSink(remote);
        FapilogRuntime runtime = startedWith(sink);
        Logger log = runtime.getLogger("com.acme.Orders");
        int events = 50;
        for (int i = 0; i < events; i++) {
            log.info("Order placed", "i", i);
            runtime.flush().get(30, TimeUnit.SECONDS); // its line written, and the sink's event about it logged
            runtime.flush().get(30, TimeUnit.SECONDS); // that event's line written, and the sink's event about it dropped
        }
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);

        assertThat(sink.lines()).filteredOn(line -> line.contains("\"message\":\"Order placed\"")).hasSize(events);
        assertThat(sink.lines()).filteredOn(line -> line.contains("\"message\":\"line written\"")).hasSize(events)
                .allSatisfy(line -> assertThat(line).contains("\"thread\":\"" + (remote ? "fapilog-sink-logging" : "fapilog-worker-")));
        assertThat(sink.lines()).hasSize(2 * events);
        assertThat(runtime.stats().droppedByReason().get(DropReason.LOGGING_LOOP)).isEqualTo(events);
        assertThat(result.submitted()).isEqualTo(3 * events).isEqualTo(result.processed() + result.dropped() + result.filtered());
    }

    /**
     * Eight threads log at once into a remote sink beside another (both on hand-offs) that logs at every
     * line it writes: however the lines fall into batches, the sink's events never outnumber the
     * application's lines (each is about one of them), and every event is accounted for.
     */
    @Test
    void aSinkThatLogsAtEveryLineItWritesNeverFeedsItselfUnderLoad() throws Exception {
        LoggingSink sink = new LoggingSink(true);
        InMemorySink beside = new InMemorySink("beside");
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).sink(beside)
                .shutdownHook(false).start();
        sink.log.set(runtime.getLogger("com.acme.SinkClient"));
        int threads = 8;
        int perThread = 2_000;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> producers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Logger log = runtime.getLogger("com.acme.Orders");
            Thread producer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    log.info("Order placed", "i", i);
                }
            });
            producer.start();
            producers.add(producer);
        }
        start.countDown();
        for (Thread producer : producers) {
            producer.join();
        }
        DrainResult result = runtime.stopAndDrain().get(60, TimeUnit.SECONDS);

        // Every event written is in the sink beside; the logging sink, remote, takes none after the drain
        // (its events of the drain's end go to its fallback), and logged once for each line it wrote.
        List<String> lines = beside.lines();
        long ofTheSink = sinksLinesBeside(lines, (long) threads * perThread);
        long sinksEvents = sink.lines().size();
        long sentToItsFallback = runtime.sinkHealth().stream().filter(health -> health.name().equals("logging"))
                .mapToLong(SinkHealth::fallbackEvents).sum();
        assertThat(sinksEvents + sentToItsFallback).isEqualTo(lines.size());
        java.util.Map<DropReason, Long> drops = runtime.stats().droppedByReason();
        assertThat(ofTheSink + drops.getOrDefault(DropReason.LOGGING_LOOP, 0L) + drops.getOrDefault(DropReason.QUEUE_FULL, 0L)
                + drops.getOrDefault(DropReason.STOPPED, 0L)).isEqualTo(sinksEvents);
        assertThat(result.submitted()).isEqualTo(threads * perThread + sinksEvents)
                .isEqualTo(result.processed() + result.dropped() + result.filtered());
    }

    /**
     * Stopped right after logging: the sink's events about the last lines come while the drain runs,
     * and are written by the late writer after it, where the chain must end as well (it went on until
     * a bound of 256 per event, the rest counted as {@code queue_full}).
     */
    @Test
    void aSinkThatLogsAtEveryLineItWritesNeverFeedsItselfAtTheDrain() throws Exception {
        LoggingSink sink = new LoggingSink(false);
        FapilogRuntime runtime = startedWith(sink);
        Logger log = runtime.getLogger("com.acme.Orders");
        int events = 50;
        for (int i = 0; i < events; i++) {
            log.info("Order placed", "i", i);
        }
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);

        List<String> lines = sink.lines();
        long ofTheSink = sinksLinesBeside(lines, events);
        assertThat(dropsBy(runtime)).containsOnlyKeys(DropReason.LOGGING_LOOP);
        assertThat(ofTheSink + runtime.stats().droppedByReason().get(DropReason.LOGGING_LOOP)).isEqualTo(lines.size());
        assertThat(result.submitted()).isEqualTo(events + lines.size())
                .isEqualTo(result.processed() + result.dropped() + result.filtered());
    }

    /** An event logged after the drain is written on the caller's thread; the sink's event about it too, and no more. */
    @Test
    void aSinkThatLogsAtEveryLineItWritesNeverFeedsItselfAfterTheDrain() throws Exception {
        LoggingSink sink = new LoggingSink(false);
        FapilogRuntime runtime = startedWith(sink);
        runtime.stopAndDrain().get(30, TimeUnit.SECONDS);

        runtime.getLogger("com.acme.Orders").info("Order placed after the drain");

        assertThat(sink.lines()).hasSize(2);
        assertThat(sink.lines().get(0)).contains("\"message\":\"Order placed after the drain\"");
        assertThat(sink.lines().get(1)).contains("\"message\":\"line written\"");
        assertThat(dropsBy(runtime)).containsOnly(java.util.Map.entry(DropReason.LOGGING_LOOP, 1L));
        assertThat(runtime.stats().submitted()).isEqualTo(3);
    }

    /**
     * Events held while the drain runs are written once it ended, one by one; a sink that logs once
     * per write has each of its events written in turn after them, never pushing the held events into
     * the write in hand (whose bound dropped all but 256 of a thousand).
     */
    @Test
    void eventsHeldDuringTheDrainAreAllWrittenThroughASinkThatLogsAtEveryWrite() throws Exception {
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        LoggingSink sink = new LoggingSink(false, () -> {
            writing.countDown();
            try {
                release.await(); // the first write lasts until the events below were held
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        runtime.getLogger("com.acme.Orders").info("before the drain");
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        sink.log.set(runtime.getLogger("com.acme.SinkClient"));
        java.util.concurrent.CompletableFuture<DrainResult> draining = runtime.stopAndDrain();
        AsyncLogger async = runtime.getAsyncLogger("com.acme.Orders");
        int held = 1_000;
        for (int i = 0; i < held; i++) {
            async.info("during the drain").block(java.time.Duration.ofSeconds(10));
        }
        release.countDown();
        DrainResult result = draining.get(30, TimeUnit.SECONDS);

        List<String> lines = sink.lines();
        assertThat(lines).filteredOn(line -> line.contains("\"message\":\"during the drain\"")).hasSize(held);
        // one for the line before the drain, one for each held line; none for its own lines
        assertThat(lines).filteredOn(line -> line.contains("\"message\":\"line written\"")).hasSize(held + 1);
        assertThat(lines).hasSize(2 * held + 2);
        assertThat(dropsBy(runtime)).containsOnly(java.util.Map.entry(DropReason.LOGGING_LOOP, (long) held + 1));
        assertThat(result.submitted()).isEqualTo(3L * held + 3)
                .isEqualTo(result.processed() + result.dropped() + result.filtered());
    }

    /**
     * How many of {@code lines} are the sink's events, checked to stand beside exactly {@code application}
     * lines of the application's and nothing else, and never to outnumber them (each is about one of them).
     */
    private static long sinksLinesBeside(List<String> lines, long application) {
        long applications = lines.stream().filter(line -> line.contains("\"message\":\"Order placed\"")).count();
        long ofTheSink = lines.stream().filter(line -> line.contains("\"message\":\"line written\"")).count();
        assertThat(applications).isEqualTo(application);
        assertThat(applications + ofTheSink).isEqualTo(lines.size());
        assertThat(ofTheSink).isLessThanOrEqualTo(applications);
        return ofTheSink;
    }

    /** A production runtime writing to {@code sink}, whose client logs through that runtime. */
    private static FapilogRuntime startedWith(LoggingSink sink) {
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        sink.log.set(runtime.getLogger("com.acme.SinkClient"));
        return runtime;
    }

    /** The reasons events were dropped for, with their counts. */
    private static java.util.Map<DropReason, Long> dropsBy(FapilogRuntime runtime) {
        java.util.Map<DropReason, Long> drops = new java.util.EnumMap<>(DropReason.class);
        runtime.stats().droppedByReason().forEach((reason, count) -> {
            if (count > 0) {
                drops.put(reason, count);
            }
        });
        return drops;
    }

    /** A sink whose client logs one event at every line it writes, through fapilog's own logger. */
    private static final class LoggingSink implements io.fapilog.spi.Sink {
        final AtomicReference<Logger> log = new AtomicReference<>();
        private final InMemorySink written = new InMemorySink("logging");
        private final boolean remote;
        private Runnable atFirstWrite;

        LoggingSink(boolean remote) {
            this(remote, null);
        }

        LoggingSink(boolean remote, Runnable atFirstWrite) {
            this.remote = remote;
            this.atFirstWrite = atFirstWrite;
        }

        @Override
        public String name() {
            return "logging";
        }

        @Override
        public boolean remote() {
            return remote;
        }

        @Override
        public void write(io.fapilog.spi.EncodedBatch batch) {
            written.write(batch);
            Runnable first = atFirstWrite;
            atFirstWrite = null;
            if (first != null) {
                first.run();
            }
            for (int i = 0; i < batch.eventCount() && log.get() != null; i++) {
                log.get().info("line written");
            }
        }

        List<String> lines() {
            return written.lines();
        }
    }
}
