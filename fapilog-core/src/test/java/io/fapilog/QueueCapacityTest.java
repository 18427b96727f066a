package io.fapilog;

import io.fapilog.TestSinks.GatedSink;
import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.config.FullPolicy;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code queue.capacity} is the total of the queue whatever {@code workers} is: one thread's burst
 * may fill all of it although it always uses the same worker's shard, the reserve is the total
 * reserve, and the size, high-water mark and accounting are the whole queue's.
 */
class QueueCapacityTest {

    private static final int WORKERS = 4;
    private static final int CAPACITY = 1_000;
    private static final int RESERVE = 10;

    private static FapilogConfig.Builder builder(FullPolicy policy) {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().workers(WORKERS)
                .queueCapacity(CAPACITY).queueReserve(RESERVE).fullPolicy(policy)
                .circuitBreaker(new CircuitBreakerSettings(0, Duration.ZERO, 1000, Duration.ofSeconds(1), false))
                .shutdownHook(false);
    }

    /**
     * One producer thread, its worker held inside the sink: 1,000 events fit (before, its shard
     * took 250 and 750 were dropped), the 1,001st is dropped and counted, the reserve takes
     * exactly 10 errors, and everything accepted is written once the sink opens.
     */
    @Test
    void oneThreadsBurstFillsTheWholeCapacityWithFourWorkers() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = builder(FullPolicy.DROP).sink(sink).start();
        Logger log = runtime.getLogger("burst");
        log.info("blocker");
        sink.awaitBlocked();

        for (int i = 0; i < CAPACITY; i++) {
            log.info("burst", "seq", i);
        }
        EngineStats full = runtime.stats();
        assertThat(full.dropped()).as("dropped in a burst of exactly the capacity").isZero();
        assertThat(full.queueSize()).isEqualTo(CAPACITY);
        assertThat(full.queueCapacity()).isEqualTo(CAPACITY);
        assertThat(full.queueRemaining()).isZero();
        assertThat(full.highWatermark()).as("never below the size, the worker held in the sink").isEqualTo(CAPACITY);

        log.info("one too many");
        assertThat(runtime.stats().droppedByReason()).containsEntry(DropReason.QUEUE_FULL, 1L);
        for (int i = 0; i < RESERVE + 1; i++) {
            log.error("protected", "seq", i);
        }
        EngineStats overfull = runtime.stats();
        assertThat(overfull.droppedByReason()).containsEntry(DropReason.QUEUE_FULL, 2L);
        assertThat(overfull.dropped()).isEqualTo(2);
        assertThat(overfull.queueSize()).isEqualTo(CAPACITY + RESERVE);
        assertThat(overfull.highWatermark()).isEqualTo(CAPACITY + RESERVE);

        sink.open();
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        int written = 1 + CAPACITY + RESERVE;
        assertThat(result.submitted()).isEqualTo(written + 2);
        assertThat(result.processed()).isEqualTo(written);
        assertThat(result.dropped()).isEqualTo(2);
        assertThat(result.submitted()).isEqualTo(result.processed() + result.dropped() + result.filtered());
        List<JsonNode> lines = TestSinks.parse(sink.lines());
        assertThat(lines).hasSize(written);
        List<Integer> burst = lines.stream().filter(line -> line.get("message").asString().equals("burst"))
                .map(line -> line.get("data").get("seq").asInt()).toList();
        assertThat(burst).hasSize(CAPACITY).isSorted();
        assertThat(lines).noneMatch(line -> line.get("message").asString().equals("one too many"));
    }

    /**
     * Under {@code wait}, with the queue full of one shard's events (its worker stuck in the sink),
     * a caller on another shard joins that shard's waiting line, and its own worker takes the event
     * straight into a batch: the caller does not wait for room a stuck worker may never free, and
     * no worker spins meanwhile.
     */
    @Test
    void aCallerOnAnotherShardIsTakenByItsOwnWorkerWhileTheQueueIsFull() throws Exception {
        GatedSink sink = new GatedSink();
        Set<Long> workersBefore = workerThreads().stream().map(Thread::getId).collect(Collectors.toSet());
        FapilogRuntime runtime = builder(FullPolicy.WAIT).waitTimeout(Duration.ofSeconds(30))
                .batchTimeout(Duration.ofMillis(500)).sink(sink).start();
        List<Thread> ourWorkers = workerThreads().stream().filter(t -> !workersBefore.contains(t.getId())).toList();
        Logger log = runtime.getLogger("shards");
        Thread filler = new Thread(() -> {
            log.info("blocker");
            try {
                sink.awaitBlocked();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < CAPACITY; i++) {
                log.info("burst", "seq", i);
            }
        }, "filler");
        filler.start();
        filler.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(filler.isAlive()).as("the filler's burst fitted without waiting").isFalse();
        assertThat(runtime.stats().queueSize()).isEqualTo(CAPACITY);

        Thread waiter = onAnotherShard(filler, () -> log.info("waiter"));
        waiter.start();
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(waiter.isAlive()).as("the caller waited for the stuck worker's room").isFalse();
        assertThat(runtime.stats().queueSize()).isEqualTo(CAPACITY);
        assertThat(ourWorkers).hasSize(WORKERS);
        await(() -> ourWorkers.stream().noneMatch(t -> t.getState() == Thread.State.RUNNABLE),
                "every worker sleeps or waits on the sink (none spins)");

        sink.open();
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        assertThat(result.submitted()).isEqualTo(CAPACITY + 2);
        assertThat(result.processed()).isEqualTo(CAPACITY + 2);
        assertThat(result.dropped()).isZero();
        assertThat(sink.lines()).hasSize(CAPACITY + 2);
    }

    /** Many threads on four shards of a small queue, waiting for room: nothing lost, order kept per thread. */
    @Test
    void manyThreadsWaitingOnFourShardsLoseNothing() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = smallQueueOnFourShards(sink);
        int threads = 16;
        int perThread = 5_000;
        runProducers(runtime, threads, perThread);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(60));
        long total = (long) threads * perThread;
        assertThat(result.submitted()).isEqualTo(total);
        assertThat(result.processed()).isEqualTo(total);
        assertThat(result.dropped()).isZero();
        assertThat(runtime.stats().highWatermark()).isLessThanOrEqualTo(64);
        List<JsonNode> lines = TestSinks.parse(sink.lines());
        assertThat(lines).hasSize((int) total);
        for (int producer = 0; producer < threads; producer++) {
            int p = producer;
            List<Integer> seqs = lines.stream().filter(line -> line.get("data").get("producer").asInt() == p)
                    .map(line -> line.get("data").get("seq").asInt()).toList();
            assertThat(seqs).as("producer %d", p).hasSize(perThread).isSorted();
        }
    }

    /** Many threads dropping on four shards: every event is written or counted, never more than the capacity queued. */
    @Test
    void manyThreadsDroppingOnFourShardsKeepTheIdentity() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).workers(WORKERS)
                .queueCapacity(64).queueReserve(8).fullPolicy(FullPolicy.DROP)
                .batchMaxSize(16).shutdownHook(false).start();
        int threads = 16;
        int perThread = 5_000;
        runProducers(runtime, threads, perThread);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(60));
        long total = (long) threads * perThread;
        assertThat(result.submitted()).isEqualTo(total);
        assertThat(result.processed() + result.dropped()).isEqualTo(total);
        assertThat(result.filtered()).isZero();
        assertThat(runtime.stats().droppedByReason()).containsEntry(DropReason.QUEUE_FULL, result.dropped());
        assertThat(sink.lines()).hasSize((int) result.processed());
        assertThat(runtime.stats().highWatermark()).isLessThanOrEqualTo(64);
    }

    /**
     * Blocking and non-blocking callers together on four shards of a small queue, waiting for room:
     * every async future completes, and every event is written or counted (non-blocking callers
     * find their shard's line full at times: {@code queue_full}, never a timeout).
     */
    @Test
    void threadAndAsyncCallersOnFourShardsKeepTheIdentity() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = smallQueueOnFourShards(sink);
        int threads = 8;
        int perThread = 5_000;
        List<java.util.concurrent.CompletableFuture<Void>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
        Producers producers = Producers.start(2 * threads, producer -> {
            Logger log = runtime.getLogger("stress");
            AsyncLogger asyncLog = runtime.getAsyncLogger("stress");
            boolean async = producer % 2 == 1;
            for (int i = 0; i < perThread; i++) {
                if (async) {
                    futures.add(asyncLog.info("event", "producer", producer, "seq", i).toFuture());
                } else {
                    log.info("event", "producer", producer, "seq", i);
                }
            }
        });
        producers.go();
        producers.awaitFinished();
        java.util.concurrent.CompletableFuture.allOf(futures.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                .get(60, TimeUnit.SECONDS);

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(60));
        long total = 2L * threads * perThread;
        assertThat(result.submitted()).isEqualTo(total);
        assertThat(result.processed() + result.dropped()).isEqualTo(total);
        assertThat(runtime.stats().droppedByReason()).containsEntry(DropReason.QUEUE_FULL, result.dropped())
                .containsEntry(DropReason.WAIT_TIMEOUT, 0L);
        assertThat(sink.lines()).hasSize((int) result.processed());
        List<JsonNode> lines = TestSinks.parse(sink.lines());
        for (int producer = 0; producer < 2 * threads; producer += 2) {
            int p = producer;
            assertThat(lines.stream().filter(line -> line.get("data").get("producer").asInt() == p))
                    .as("thread producer %d", p).hasSize(perThread);
        }
    }

    private static void runProducers(FapilogRuntime runtime, int threads, int perThread) throws InterruptedException {
        Producers.logEvents(runtime, "stress", threads, perThread);
    }

    /** A thread whose events go to another shard than {@code other}'s (shards are chosen by thread id). */
    /** A 64-event queue without reserve on {@value #WORKERS} shards, callers waiting up to a minute. */
    private static FapilogRuntime smallQueueOnFourShards(InMemorySink sink) {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).workers(WORKERS)
                .queueCapacity(64).queueReserve(0).fullPolicy(FullPolicy.WAIT).waitTimeout(Duration.ofSeconds(60))
                .batchMaxSize(16).shutdownHook(false).start();
    }

    private static Thread onAnotherShard(Thread other, Runnable task) {
        while (true) {
            Thread thread = new Thread(task, "waiter");
            if (thread.getId() % WORKERS != other.getId() % WORKERS) {
                return thread;
            }
        }
    }

    private static List<Thread> workerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("fapilog-worker-")).toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }
}
