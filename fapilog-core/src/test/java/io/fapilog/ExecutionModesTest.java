package io.fapilog;

import io.fapilog.config.ModeSelection;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mode, many producers: after the drain each event is in the sink exactly once, the events
 * of one thread in the order they were logged, and the accounting identity holds.
 */
class ExecutionModesTest {

    @BeforeAll
    static void installBlockHound() {
        BlockHound.install();
    }

    @ParameterizedTest(name = "{0} mode, {1} threads, {2} workers")
    @CsvSource({"THREAD, 1, 1", "THREAD, 8, 1", "THREAD, 8, 3", "BOUND_LOOP, 4, 1", "BOUND_LOOP, 8, 2",
            "ASYNC, 4, 1", "ASYNC, 8, 1"})
    void everyEventExactlyOnceInPerThreadOrder(ExecutionMode mode, int threads, int workers) throws Exception {
        int perThread = 5_000;
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .queueCapacity(512).workers(workers).batchMaxSize(64).waitTimeout(Duration.ofSeconds(30))
                .shutdownHook(false).start();

        switch (mode) {
            case THREAD -> produceOnPlainThreads(runtime, threads, perThread);
            case BOUND_LOOP -> produceOnEventLoops(runtime, threads, perThread);
            case ASYNC -> produceAsync(runtime, threads, perThread);
        }
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);

        int total = threads * perThread;
        List<JsonNode> events = TestSinks.parse(sink.lines());
        if (mode == ExecutionMode.BOUND_LOOP) {
            // Bound-loop callers never wait: what did not fit was dropped and counted.
            assertThat(result.submitted()).isEqualTo(total);
            assertThat(result.processed() + result.dropped()).isEqualTo(total);
        } else {
            assertThat(result.submitted()).isEqualTo(total);
            assertThat(result.processed()).as(() -> "dropped by reason " + runtime.stats().droppedByReason())
                    .isEqualTo(total);
            assertThat(result.dropped()).isZero();
        }
        assertThat(events).hasSize((int) result.processed());
        assertThat(result.filtered()).isZero();
        assertPerThreadOrderWithoutDuplicates(events);
    }

    private static void produceOnPlainThreads(FapilogRuntime runtime, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Logger log = runtime.getLogger("modes");
                assertThat(log.executionMode()).isEqualTo(ExecutionMode.THREAD);
                start.await();
                for (int i = 0; i < perThread; i++) {
                    log.info("event", "producer", thread, "seq", i);
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }

    private static void produceOnEventLoops(FapilogRuntime runtime, int threads, int perThread) {
        Scheduler loops = Schedulers.newParallel("test-loop", threads);
        try {
            Flux.range(0, threads)
                    .parallel(threads).runOn(loops)
                    .doOnNext(thread -> {
                        Logger log = runtime.getLogger("modes");
                        assertThat(log.executionMode()).isEqualTo(ExecutionMode.BOUND_LOOP);
                        for (int i = 0; i < perThread; i++) {
                            log.info("event", "producer", thread, "seq", i);
                        }
                    })
                    .sequential().blockLast(Duration.ofSeconds(60));
        } finally {
            loops.dispose();
        }
    }

    private static void produceAsync(FapilogRuntime runtime, int threads, int perThread) {
        Scheduler loops = Schedulers.newParallel("test-async", threads);
        try {
            Flux.range(0, threads)
                    .parallel(threads).runOn(loops)
                    .flatMap(thread -> {
                        AsyncLogger log = runtime.getAsyncLogger("modes");
                        // Each call after the previous one was accepted: the idiomatic reactive chain.
                        // A chain may resume on a retry thread, so with several workers (one queue shard
                        // per thread) order is only guaranteed with one worker, as used here.
                        return Flux.range(0, perThread).concatMap(i -> log.info("event", "producer", thread, "seq", i));
                    })
                    .sequential().blockLast(Duration.ofSeconds(60));
        } finally {
            loops.dispose();
        }
    }

    static void assertPerThreadOrderWithoutDuplicates(List<JsonNode> events) {
        Map<Integer, Integer> lastSeq = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode event : events) {
            int producer = event.get("data").get("producer").asInt();
            int seq = event.get("data").get("seq").asInt();
            assertThat(seen.add(producer + "/" + seq)).as("duplicate %s/%s", producer, seq).isTrue();
            Integer previous = lastSeq.put(producer, seq);
            if (previous != null) {
                assertThat(seq).as("order of producer %s", producer).isGreaterThan(previous);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"AUTO, THREAD", "THREAD, THREAD", "BOUND_LOOP, BOUND_LOOP"})
    void modeSelectionOffTheEventLoop(ModeSelection selection, ExecutionMode expected) {
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(new InMemorySink())
                .mode(selection).shutdownHook(false).start()) {
            assertThat(runtime.getLogger("x").executionMode()).isEqualTo(expected);
            assertThat(runtime.getAsyncLogger("x").executionMode()).isEqualTo(ExecutionMode.ASYNC);
        }
    }

    @ParameterizedTest
    @CsvSource({"AUTO, BOUND_LOOP", "THREAD, THREAD", "BOUND_LOOP, BOUND_LOOP"})
    void modeSelectionOnAnEventLoop(ModeSelection selection, ExecutionMode expected) {
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(new InMemorySink())
                .mode(selection).shutdownHook(false).start()) {
            ExecutionMode detected = Mono.fromCallable(() -> runtime.getLogger("x").executionMode())
                    .subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
            assertThat(detected).isEqualTo(expected);
        }
    }

    /** The synchronous view of an AsyncLogger (a WebFlux handler's {@code Logger} parameter) obeys a forced mode too. */
    @ParameterizedTest
    @CsvSource({"AUTO, BOUND_LOOP", "THREAD, THREAD", "BOUND_LOOP, BOUND_LOOP", "ASYNC, BOUND_LOOP"})
    void theSynchronousViewOfAnAsyncLoggerFollowsTheModeSelection(ModeSelection selection, ExecutionMode expected) {
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(new InMemorySink())
                .mode(selection).shutdownHook(false).start()) {
            assertThat(runtime.getAsyncLogger("x").toLogger().executionMode()).isEqualTo(expected);
            assertThat(runtime.getAsyncLogger("x").bind("k", 1).toLogger().executionMode()).isEqualTo(expected);
        }
    }
}
