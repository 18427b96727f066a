package io.fapilog;

import io.fapilog.TestSinks.GatedSink;
import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.config.FullPolicy;
import io.fapilog.internal.FapilogThreads;
import io.fapilog.internal.engine.Engine;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting discipline when the queue is full, in every mode: waiters are served in arrival
 * order by the worker (nobody polls, nobody barges), a drop means the worker freed no room for the
 * event within {@code wait-timeout}, protected levels go straight to the reserve, event loops never
 * block and the engine's own threads never wait on their own queue. Every outcome is counted.
 */
class FullQueueTest {

    private static final int CAPACITY = 16;
    /** Events of callers that do not block that the single worker's waiting room holds beyond the queue. */
    private static final int RESERVE = 8;
    private static final int ROOM = Engine.waitingRoom(CAPACITY, RESERVE);
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void installBlockHound() {
        BlockHound.install();
    }

    private static FapilogRuntime gated(Sink sink, Duration waitTimeout) {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .queueCapacity(CAPACITY).queueReserve(RESERVE).batchMaxSize(1).fullPolicy(FullPolicy.WAIT)
                .waitTimeout(waitTimeout).circuitBreaker(new CircuitBreakerSettings(
                        0, Duration.ZERO, 1000, Duration.ofSeconds(1), false))
                .shutdownHook(false).start();
    }

    /** One event holds the worker inside the sink; then exactly CAPACITY more fill the queue. */
    private static void fill(FapilogRuntime runtime, GatedSink sink) throws InterruptedException {
        Logger log = runtime.getLogger("filler");
        log.info("blocker");
        sink.awaitBlocked();
        for (int i = 0; i < CAPACITY; i++) {
            log.info("filler", "i", i);
        }
        assertThat(runtime.stats().queueSize()).isEqualTo(CAPACITY);
    }

    private static void assertIdentity(DrainResult result) {
        assertThat(result.submitted()).isEqualTo(result.processed() + result.dropped() + result.filtered());
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

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        await(() -> thread.getState() == Thread.State.TIMED_WAITING, thread.getName() + " waits");
    }

    private static List<String> messages(List<String> lines) {
        return TestSinks.parse(lines).stream().map(e -> e.get("message").asString()).toList();
    }

    private static void onEventLoop(Runnable task) {
        Mono.fromRunnable(task).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
    }

    /**
     * THREAD mode, production preset, four producers and two CPU hogs on a 2-core machine: a waiter
     * may time out only if the worker freed no room for it for {@code wait-timeout}. Waiters that
     * polled and barged did drop here (lost races counted as {@code wait_timeout}) while the worker
     * never paused for that long.
     *
     * <p>A machine shared with other builds can deny the worker the CPU for longer than that; then
     * drops are legitimate. So each run records when the worker started each round (a batch's
     * start, right after it handed freed room to the waiters) and allows, for every pause of {@code n}
     * whole timeouts between two rounds, {@code n} drops per producer (each producer has one waiting
     * event at a time). With no such pause, a run must lose nothing.
     */
    @Test
    void threadProducersBesideCpuHogsDropOnlyWhenTheWorkerStalls(@TempDir Path dir) throws Exception {
        hogRun(dir.resolve("warm-up.jsonl"));  // JIT compilation, class loading
        for (int run = 1; run <= 4; run++) {
            HogRun result = hogRun(dir.resolve("run-" + run + ".jsonl"));
            assertThat(result.dropped())
                    .as("run %d: dropped, with %d timeouts' worth of worker pauses", run, result.stalledTimeouts())
                    .isLessThanOrEqualTo(HOG_PRODUCERS * result.stalledTimeouts());
        }
    }

    private static final int HOG_PRODUCERS = 4;

    /** Dropped events, and the whole wait-timeouts the worker spent between two rounds, summed. */
    private record HogRun(long dropped, long stalledTimeouts) {
    }

    private static HogRun hogRun(Path file) throws Exception {
        int producers = HOG_PRODUCERS;
        int perProducer = 50_000;
        long waitTimeout = Duration.ofMillis(50).toNanos();  // the production preset's
        FileSink sink = new FileSink(file);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
                .shutdownHook(false).start();
        // Called on the one worker thread only; read after the drain.
        long[] roundStarts = new long[producers * perProducer + 1];
        int[] rounds = new int[1];
        runtime.engine().addBatchObserver((events, nanos) -> roundStarts[rounds[0]++] = System.nanoTime() - nanos);
        AtomicBoolean stop = new AtomicBoolean();
        for (int h = 0; h < 2; h++) {
            Thread hog = new Thread(() -> {
                long x = 0;
                while (!stop.get()) {
                    x = x * 31 + 7;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "cpu-hog-" + h);
            hog.setDaemon(true);
            hog.start();
        }
        try {
            Producers threads = Producers.start(producers, producer -> {
                Logger log = runtime.getLogger("hogged");
                for (int i = 0; i < perProducer; i++) {
                    log.info("event", "producer", producer, "seq", i);
                }
            });
            roundStarts[0] = System.nanoTime();
            rounds[0] = 1;
            threads.go();
            threads.awaitFinished();
        } finally {
            stop.set(true);
        }
        DrainResult result = runtime.stopAndDrain().get(60, TimeUnit.SECONDS);

        assertThat(result.submitted()).isEqualTo((long) producers * perProducer);
        assertThat(result.processed()).isEqualTo(sink.lines());
        assertThat(result.dropped()).isEqualTo(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT));
        assertIdentity(result);
        long stalledTimeouts = 0;
        for (int i = 1; i < rounds[0]; i++) {
            stalledTimeouts += (roundStarts[i] - roundStarts[i - 1]) / waitTimeout;
        }
        return new HogRun(result.dropped(), stalledTimeouts);
    }

    @Test
    void threadWaitersAreServedInArrivalOrder() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = gated(sink, LONG_WAIT);
        fill(runtime, sink);
        Logger log = runtime.getLogger("waiters");
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int waiter = i;
            Thread thread = new Thread(() -> log.info("waiter " + waiter), "waiter-" + i);
            thread.start();
            awaitWaiting(thread);
            waiters.add(thread);
        }
        sink.open();
        for (Thread thread : waiters) {
            thread.join(10_000);
        }
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 6);
        assertThat(result.dropped()).isZero();
        assertIdentity(result);
        assertThat(messages(sink.lines()).stream().filter(m -> m.startsWith("waiter")).toList())
                .containsExactly("waiter 0", "waiter 1", "waiter 2", "waiter 3", "waiter 4", "waiter 5");
    }

    @Test
    void asyncErrorBehindWaitingInfoUsesTheReserveAtOnce() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = gated(sink, LONG_WAIT);
        fill(runtime, sink);
        AsyncLogger log = runtime.getAsyncLogger("async");

        CompletableFuture<Void> info = log.info("waiting info").toFuture();
        CompletableFuture<Void> error = log.error("urgent error").toFuture();

        assertThat(info).isNotDone();
        assertThat(error).isDone();
        // Both in the ring: the info in the waiting room, the error in the reserve beyond it.
        assertThat(runtime.stats().queueSize()).isEqualTo(CAPACITY + 2);
        sink.open();
        info.get(10, TimeUnit.SECONDS);
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 2);
        assertThat(result.dropped()).isZero();
        assertIdentity(result);
        List<String> messages = messages(sink.lines());
        assertThat(messages.indexOf("urgent error")).isGreaterThan(messages.indexOf("waiting info"));  // in arrival order
    }

    /**
     * The Monos of waiting ASYNC events complete when their events are taken (in order, all of
     * them) and the callers' chains run off the workers: on Reactor's parallel threads, never on the
     * thread that writes the sinks, and without a thread hop per event.
     */
    @Test
    void asyncWaitersCompleteInOrderOffTheWorker() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = gated(sink, LONG_WAIT);
        fill(runtime, sink);
        AsyncLogger log = runtime.getAsyncLogger("async");
        int waiting = CAPACITY; // the bound of the line for callers that do not park
        java.util.Queue<String> chainThreads = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.CountDownLatch completed = new java.util.concurrent.CountDownLatch(waiting);
        for (int i = 0; i < waiting; i++) {
            log.info("waiting", "i", i)
                    .doOnSuccess(ignored -> chainThreads.add(Thread.currentThread().getName()))
                    .subscribe(null, null, completed::countDown);
        }
        assertThat(completed.getCount()).as("all wait while the sink is blocked").isEqualTo(waiting);

        sink.open();
        assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(result.processed()).isEqualTo(1 + CAPACITY + waiting);
        assertThat(result.dropped()).isZero();
        assertIdentity(result);
        assertThat(chainThreads).hasSize(waiting).allMatch(name -> name.startsWith("parallel-"), "on Reactor's parallel threads");
        List<String> messages = messages(sink.lines());
        assertThat(messages.subList(1 + CAPACITY, messages.size())).hasSize(waiting).containsOnly("waiting");
        assertThat(TestSinks.parse(sink.lines()).subList(1 + CAPACITY, messages.size()).stream()
                .map(e -> e.get("data").get("i").asInt()).toList())
                .as("taken in arrival order").isSorted();
    }

    /**
     * Fire and forget: the Monos of waiting events nobody subscribed to are resolved by the worker
     * in passing, without a task on another thread; one subscribed later completes at once, on the
     * subscriber's thread, and one subscribed while waiting still completes off the worker.
     */
    @Test
    void fireAndForgetWaitersResolveInPassingAndLateSubscribersCompleteAtOnce() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = gated(sink, LONG_WAIT);
        fill(runtime, sink);
        AsyncLogger log = runtime.getAsyncLogger("async");
        List<reactor.core.publisher.Mono<Void>> unsubscribed = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            unsubscribed.add(log.info("forgotten", "i", i));
        }
        java.util.concurrent.atomic.AtomicReference<String> listenerThread = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch listened = new java.util.concurrent.CountDownLatch(1);
        log.info("listened").subscribe(null, null, () -> {
            listenerThread.set(Thread.currentThread().getName());
            listened.countDown();
        });

        sink.open();
        assertThat(listened.await(10, TimeUnit.SECONDS)).isTrue();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 11);
        assertThat(result.dropped()).isZero();
        assertIdentity(result);
        assertThat(listenerThread.get()).startsWith("parallel-");
        for (reactor.core.publisher.Mono<Void> mono : unsubscribed) {
            java.util.concurrent.atomic.AtomicReference<String> completedOn = new java.util.concurrent.atomic.AtomicReference<>();
            mono.subscribe(null, null, () -> completedOn.set(Thread.currentThread().getName()));
            assertThat(completedOn.get()).as("completed at once on the subscriber's thread").isEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void threadErrorDoesNotQueueBehindWaiters() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = gated(sink, LONG_WAIT);
        fill(runtime, sink);
        Logger log = runtime.getLogger("thread");
        Thread waiter = new Thread(() -> log.info("waiting info"), "waiter");
        waiter.start();
        awaitWaiting(waiter);

        log.error("urgent error"); // returns at once: the reserve has room

        assertThat(runtime.stats().queueSize()).isEqualTo(CAPACITY + 1);
        sink.open();
        waiter.join(10_000);
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 2);
        assertThat(result.dropped()).isZero();
        assertIdentity(result);
    }

    /**
     * An ERROR storm keeps the queue past its capacity, in the reserve: a thread caller whose ERROR
     * waits for room is let into the reserve as soon as the worker frees a slot, as a newcomer's
     * ERROR would take it. It was let in only below the capacity, which newcomers kept it above:
     * every such wait ran out and was dropped.
     */
    @Test
    void aWaitingErrorIsLetIntoTheReserveAsTheWorkerFreesIt() throws Exception {
        java.util.concurrent.Semaphore steps = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        FapilogRuntime runtime = gated(TestSinks.writing("stepped", batch -> {
            writes.incrementAndGet();
            steps.acquire();
        }), LONG_WAIT);
        Logger log = runtime.getLogger("storm");
        log.error("blocker");
        await(() -> writes.get() == 1, "the worker holds the first error");
        for (int i = 0; i < CAPACITY + RESERVE; i++) {
            log.error("queued", "i", i);
        }
        assertThat(runtime.stats().queueSize()).isEqualTo(CAPACITY + RESERVE);
        Thread waiter = new Thread(() -> log.error("waiting error"), "waiter");
        waiter.start();
        awaitWaiting(waiter);

        steps.release(1);  // one write, one event taken: one slot of the reserve free
        await(() -> writes.get() == 2, "the worker in its next write, its round done");
        waiter.join(10_000);
        assertThat(waiter.isAlive()).as("let in at the worker's round, long before its 30 s deadline").isFalse();

        assertThat(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT)).as("let in, not timed out").isZero();
        assertThat(runtime.stats().callerWaits()).isEqualTo(1);
        steps.release(1_000);
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + RESERVE + 1);
        assertThat(result.dropped()).isZero();
        assertIdentity(result);
    }

    /**
     * Eight threads logging ERRORs as fast as they can into a small queue that a slower sink keeps
     * full, with one worker (its waiting room) and with two (their shared admission): callers wait,
     * in the line and as newcomers for the reserve, and every wait ends in the queue within the
     * timeout; nothing is lost, every event written once.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void anErrorStormFromManyThreadsIsWrittenWhole(int workers) throws Exception {
        int threads = 8;
        int perThread = 2_000;
        Storm storm = storm(workers, threads, perThread, i -> Level.ERROR);

        assertThat(storm.result().submitted()).isEqualTo(threads * perThread);
        assertThat(storm.result().processed()).isEqualTo(threads * perThread);
        assertThat(storm.result().dropped()).isZero();
        assertThat(storm.lines()).hasSize(threads * perThread);
        assertThat(storm.runtime().stats().callerWaits()).as("the queue was full").isPositive();
    }

    /**
     * The same storm with every third event an ERROR among INFOs: the errors go ahead of the waiting
     * events, into the reserve, yet each thread's events are written in the order it logged them (an
     * error never overtakes the same thread's last event, admitted in its place in the line).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aMixedStormKeepsEachThreadsOrder(int workers) throws Exception {
        int threads = 8;
        int perThread = 1_500;
        Storm storm = storm(workers, threads, perThread, i -> i % 3 == 0 ? Level.ERROR : Level.INFO);

        assertThat(storm.result().processed()).isEqualTo(threads * perThread);
        java.util.Map<String, List<Integer>> order = new java.util.HashMap<>();
        for (JsonNode event : TestSinks.parse(storm.lines())) {
            order.computeIfAbsent(event.get("logger").asString(), logger -> new ArrayList<>()).add(event.at("/data/i").asInt());
        }
        assertThat(order).hasSize(threads).allSatisfy((logger, written) -> assertThat(written).as(logger).isSorted().hasSize(perThread));
    }

    private record Storm(FapilogRuntime runtime, DrainResult result, List<String> lines) {
    }

    /**
     * {@code threads} threads, each logging {@code perThread} events ({@code "i"}: their number, at the
     * level {@code level} gives it) as fast as they can into a small queue a slower sink keeps full; drained.
     */
    private static Storm storm(int workers, int threads, int perThread, java.util.function.IntFunction<Level> level)
            throws Exception {
        InMemorySink lines = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(TestSinks.writing("slower", batch -> {
                    Thread.sleep(1);
                    lines.write(batch);
                })).queueCapacity(64).queueReserve(16).batchMaxSize(32).workers(workers).fullPolicy(FullPolicy.WAIT)
                .waitTimeout(Duration.ofSeconds(5)).shutdownHook(false).start();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Logger log = runtime.getLogger("storm" + t);
            done.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < perThread; i++) {
                    log.log(level.apply(i), "step", null, new Object[] {"i", i});
                }
            }, runnable -> new Thread(runnable).start()));
        }
        start.countDown();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
        return new Storm(runtime, result, lines.lines());
    }

    /**
     * BOUND_LOOP events that find the queue full wait in a non-blocking line of a bounded size; what does not fit in it is dropped at once and counted; errors take the reserve.
     */
    @Test
    void boundLoopEventsWaitInABoundedLineWithoutBlockingTheLoop() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = gated(sink, LONG_WAIT);
        fill(runtime, sink);

        onEventLoop(() -> {
            Logger log = runtime.getLogger("loop");
            assertThat(log.executionMode()).isEqualTo(ExecutionMode.BOUND_LOOP);
            for (int i = 0; i < ROOM + 3; i++) {
                log.info("on the loop " + i);
            }
            log.error("urgent error");
        });

        var drops = runtime.stats().droppedByReason();
        assertThat(drops.get(DropReason.QUEUE_FULL)).isEqualTo(3);
        assertThat(drops.get(DropReason.INTERNAL_ERROR)).isZero();
        // A single worker's queue keeps them in its waiting room: counted in its size, beyond the capacity.
        assertThat(runtime.stats().queueSize()).isEqualTo(CAPACITY + ROOM + 1);
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + ROOM + 1);
        assertThat(result.dropped()).isEqualTo(3);
        assertIdentity(result);
        List<String> loop = messages(sink.lines()).stream().filter(m -> m.startsWith("on the loop")).toList();
        assertThat(loop).hasSize(ROOM);
        for (int i = 0; i < ROOM; i++) {
            assertThat(loop.get(i)).isEqualTo("on the loop " + i);
        }
    }

    /**
     * A burst from an event loop, larger than the queue: the worker writes it all, in order,
     * BlockHound sees no blocking; with one worker its events wait in the queue's waiting room, with
     * two (shards sharing the capacity) in the waiting line.
     */
    @ParameterizedTest(name = "{0} worker(s)")
    @ValueSource(ints = {1, 2})
    void boundLoopBurstLargerThanTheQueueLosesNothing(int workers) throws Exception {
        int capacity = 1_000;
        int reserve = 100;
        int burst = capacity - 1 + (workers == 1
                ? Engine.waitingRoom(capacity, reserve) // the queue's waiting room
                : Engine.waitingBound(capacity / workers)); // one shard's line
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.WEBFLUX).sinks().sink(sink)
                .queueCapacity(capacity).queueReserve(reserve).waitTimeout(LONG_WAIT).workers(workers).shutdownHook(false).start();

        onEventLoop(() -> {
            Logger log = runtime.getLogger("burst");
            assertThat(log.executionMode()).isEqualTo(ExecutionMode.BOUND_LOOP);
            for (int i = 0; i < burst; i++) {
                log.info("burst", "seq", i);
            }
        });
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);

        assertThat(result.dropped()).as("dropped, by reason %s", runtime.stats().droppedByReason()).isZero();
        assertThat(result.processed()).isEqualTo(burst);
        assertIdentity(result);
        List<JsonNode> events = TestSinks.parse(sink.lines());
        for (int i = 0; i < burst; i++) {
            assertThat(events.get(i).get("data").get("seq").asInt()).isEqualTo(i);
        }
    }

    /**
     * A sink that stops (held until the drops are seen): waiters of every mode give up after
     * {@code wait-timeout}, each counted once as {@code wait_timeout}, and no ASYNC caller is left waiting;
     * the thread callers' waits are counted as such.
     */
    @Test
    void stalledSinkMakesWaitersOfEveryModeDropAfterTheTimeoutCountedExactly() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = gated(sink, Duration.ofMillis(100));
        fill(runtime, sink);

        AsyncLogger async = runtime.getAsyncLogger("async");
        List<CompletableFuture<Void>> monos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            monos.add(async.info("async " + i).toFuture());
        }
        onEventLoop(() -> {
            Logger loop = runtime.getLogger("loop");
            loop.info("loop 0");
            loop.info("loop 1");
        });
        Logger log = runtime.getLogger("thread");
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int n = i;
            Thread thread = new Thread(() -> log.info("thread " + n), "thread-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
        for (CompletableFuture<Void> mono : monos) {
            mono.get(10, TimeUnit.SECONDS);
        }
        await(() -> runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT) == 7, "7 events timed out");
        assertThat(runtime.stats().callerWaits()).as("the thread callers' waits; the others never block").isEqualTo(2);
        assertThat(runtime.stats().callerWaitNanos()).as("each its wait-timeout").isGreaterThanOrEqualTo(2 * 100_000_000L);

        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY);
        assertThat(result.dropped()).isEqualTo(7);
        assertThat(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT)).isEqualTo(7);
        assertIdentity(result);
    }

    /**
     * BOUND_LOOP events in a single worker's waiting room, with the sink stalled: the sweep drops each
     * after {@code wait-timeout}, counted once as {@code wait_timeout}; the worker, back, skips them.
     */
    @Test
    void boundLoopEventsWaitingForAStalledSinkExpireAfterTheTimeoutCountedExactly() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = gated(sink, Duration.ofMillis(100));
        fill(runtime, sink);

        onEventLoop(() -> {
            Logger loop = runtime.getLogger("loop");
            for (int i = 0; i < 5; i++) {
                loop.info("loop " + i);
            }
        });
        assertThat(runtime.stats().queueSize()).isEqualTo(CAPACITY + 5);
        await(() -> runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT) == 5, "5 events timed out");
        // Still in the ring while the worker is stuck, but dropped: counted once, not also as queued.
        EngineStats stalled = runtime.stats();
        assertThat(stalled.queueSize()).isEqualTo(CAPACITY);
        assertThat(stalled.submitted()).isEqualTo(1 + CAPACITY + 5);
        assertThat(stalled.processed() + stalled.dropped() + stalled.filtered() + stalled.queueSize())
                .isEqualTo(stalled.submitted() - 1);  // the blocker is in flight, inside the sink

        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY);
        assertThat(result.dropped()).isEqualTo(5);
        assertThat(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT)).isEqualTo(5);
        assertThat(messages(sink.lines())).noneMatch(message -> message.startsWith("loop"));
        assertIdentity(result);
    }

    /**
     * A sink that logs through the same engine while its queue is full: the worker must not wait
     * for itself. Its events join the waiting line without blocking; what does not fit is dropped and counted.
     */
    @Test
    void aWorkerThatLogsNeverWaitsOnItsOwnQueue() throws Exception {
        AtomicReference<Logger> inner = new AtomicReference<>();
        CountDownLatch innerDone = new CountDownLatch(1);
        int innerEvents = ROOM + 4;
        GatedSink gate = new GatedSink();
        Sink loggingSink = new Sink() {
            private boolean first = true;

            @Override
            public String name() {
                return "logging";
            }

            @Override
            public void write(EncodedBatch batch) throws Exception {
                if (first) {
                    first = false;
                    gate.write(new EncodedBatch()); // holds until opened
                    for (int i = 0; i < innerEvents; i++) {
                        inner.get().info("from the sink", "i", i);
                    }
                    innerDone.countDown();
                }
                gate.write(batch);
            }
        };
        FapilogRuntime runtime = gated(loggingSink, LONG_WAIT);
        inner.set(runtime.getLogger("inner"));
        fill(runtime, gate);

        gate.open();
        assertThat(innerDone.await(10, TimeUnit.SECONDS)).as("the worker logged without waiting").isTrue();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(result.dropped()).isEqualTo(innerEvents - ROOM);
        assertThat(runtime.stats().droppedByReason().get(DropReason.QUEUE_FULL)).isEqualTo(innerEvents - ROOM);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + ROOM);
        assertIdentity(result);
    }

    /**
     * A sink's hand-off thread (a thread of fapilog's own, not a worker) whose sink logs while the
     * queue is full: it never waits, as the workers do not. It waited for the whole wait timeout at
     * every call, holding the sink's writes, which then went to the fallback.
     */
    @Test
    void aThreadOfFapilogsOwnThatLogsNeverWaitsOnTheQueue() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = gated(sink, LONG_WAIT);
        assertLogsWithoutWaiting(runtime, sink, logging -> FapilogThreads.newThread(logging, "fapilog-sink-test"),
                "com.acme.sink.Writer");
    }

    /**
     * A sink's client library (a Kafka producer's network thread, an HTTP client's workers) that logs
     * on a thread of its own while the queue is full: its events never wait, since the sink's write
     * may be waiting for that thread. They waited, and the sink with them.
     */
    @Test
    void aSinksClientLibraryThatLogsNeverWaitsOnTheQueue() throws Exception {
        GatedSink gate = new GatedSink();
        Sink withClient = new Sink() {
            @Override
            public String name() {
                return "with-client";
            }

            @Override
            public List<String> clientLoggers() {
                return List.of("com.acme.client.");
            }

            @Override
            public void write(EncodedBatch batch) throws Exception {
                gate.write(batch);
            }
        };
        FapilogRuntime runtime = gated(withClient, LONG_WAIT);
        assertLogsWithoutWaiting(runtime, gate, logging -> new Thread(logging, "client-network-thread"),
                "com.acme.client.Network");
    }

    /** With the queue full, {@code ROOM + 4} events of {@code logger} on a thread {@code threads} makes: none waits, 4 dropped. */
    private static void assertLogsWithoutWaiting(FapilogRuntime runtime, GatedSink gate,
                                                 java.util.function.Function<Runnable, Thread> threads, String logger)
            throws Exception {
        fill(runtime, gate);
        int events = ROOM + 4;
        CountDownLatch done = new CountDownLatch(1);
        Logger log = runtime.getLogger(logger);
        threads.apply(() -> {
            for (int i = 0; i < events; i++) {
                log.info("while the queue is full", "i", i);
            }
            done.countDown();
        }).start();
        assertThat(done.await(10, TimeUnit.SECONDS)).as("logged without waiting for room").isTrue();

        gate.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.dropped()).isEqualTo(4);
        assertThat(runtime.stats().droppedByReason().get(DropReason.QUEUE_FULL)).isEqualTo(4);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + ROOM);
        assertIdentity(result);
    }

    /** Writes each batch to a file, as a stdout redirected to a file would. */
    private static final class FileSink implements Sink {
        private final FileOutputStream out;
        private volatile long lines;

        FileSink(Path path) throws IOException {
            this.out = new FileOutputStream(path.toFile());
        }

        @Override
        public String name() {
            return "file";
        }

        @Override
        public void write(EncodedBatch batch) throws IOException {
            out.write(batch.array(), 0, batch.length());
            lines += batch.eventCount();
        }

        long lines() {
            return lines;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
