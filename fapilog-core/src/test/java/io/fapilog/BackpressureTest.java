package io.fapilog;

import io.fapilog.TestSinks.GatedSink;
import io.fapilog.DropReason;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.ModeSelection;
import io.fapilog.internal.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A full queue, in each mode and policy: who waits, who drops, what is counted. A {@link GatedSink}
 * holds the worker so the queue fills deterministically.
 */
class BackpressureTest {

    private static final int CAPACITY = 16;
    private static final int RESERVE = 8;
    private static final int ROOM = Engine.waitingRoom(CAPACITY, RESERVE);

    @BeforeAll
    static void installBlockHound() {
        BlockHound.install();
    }

    private static FapilogRuntime runtime(GatedSink sink, FullPolicy policy, Duration waitTimeout) {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .queueCapacity(CAPACITY).queueReserve(RESERVE).batchMaxSize(1).fullPolicy(policy)
                .waitTimeout(waitTimeout).circuitBreaker(new io.fapilog.config.CircuitBreakerSettings(
                        0, Duration.ZERO, 1000, Duration.ofSeconds(1), false))
                .shutdownHook(false).start();
    }

    /** One event occupies the worker inside the sink; then exactly CAPACITY more fit in the queue. */
    private static void fill(Logger log, GatedSink sink) throws InterruptedException {
        log.info("blocker");
        sink.awaitBlocked();
        for (int i = 0; i < CAPACITY; i++) {
            log.info("filler", "i", i);
        }
    }

    /** A runtime under the {@code wait} policy whose queue {@link #fill}s behind the held sink. */
    private static FapilogRuntime filledRuntime(GatedSink sink, Duration waitTimeout) throws InterruptedException {
        FapilogRuntime runtime = runtime(sink, FullPolicy.WAIT, waitTimeout);
        fill(runtime.getLogger("async"), sink);
        return runtime;
    }

    /** A runtime under the {@code drop} policy, its queue {@link #fill}ed, that dropped 100 {@code noise} events. */
    private static FapilogRuntime droppingNoise(GatedSink sink) throws InterruptedException {
        FapilogRuntime runtime = runtime(sink, FullPolicy.DROP, Duration.ZERO);
        Logger log = runtime.getLogger("drop");
        fill(log, sink);
        for (int i = 0; i < 100; i++) {
            log.info("noise", "i", i);
        }
        return runtime;
    }

    @Test
    void dropPolicyCountsEveryLossAndKeepsErrorsInTheReserve() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = droppingNoise(sink);
        Logger log = runtime.getLogger("drop");
        for (int i = 0; i < 5; i++) {
            log.error("important", "i", i);
        }
        assertThat(runtime.stats().droppedByReason().get(DropReason.QUEUE_FULL)).isEqualTo(100);
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(result.submitted()).isEqualTo(1 + CAPACITY + 100 + 5);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 5);
        assertThat(result.dropped()).isEqualTo(100);
        assertThat(result.filtered()).isZero();
        assertThat(result.queueHighWatermark()).isGreaterThanOrEqualTo(CAPACITY);
        List<JsonNode> events = TestSinks.parse(sink.lines());
        assertThat(events).hasSize(1 + CAPACITY + 5);
        assertThat(events.stream().filter(e -> e.get("level").asString().equals("ERROR")).count()).isEqualTo(5);
        assertThat(events.stream().filter(e -> e.get("message").asString().equals("noise"))).isEmpty();
    }

    /** Dropped events are told on standard error once (then at most once a minute), not only counted. */
    @Test
    void anOperatorIsToldOnStandardErrorThatEventsAreDropped() throws Exception {
        assertThat(dropNotices(true)).containsExactly("fapilog: 100 events dropped so far (queue_full 100; "
                + "fapilog.queue.capacity=16, fapilog.queue.full-policy=drop, fapilog.queue.wait-timeout=0ms), counted in "
                + "fapilog.events.dropped; said again at most once a minute while events are dropped");
    }

    /**
     * A program that drains right after its drops (a command-line tool exiting, a serverless function)
     * is told of them too: the workers look once a second, and it was gone before their first look.
     */
    @Test
    void dropsJustBeforeTheDrainAreToldOnStandardError() throws Exception {
        assertThat(dropNotices(false)).singleElement().asString().startsWith("fapilog: 100 events dropped ")
                .contains("(queue_full 100; fapilog.queue.capacity=16, fapilog.queue.full-policy=drop, ");
    }

    /**
     * The lines on standard error about drops, from dropping noise and draining; {@code awaitWorker}:
     * first waiting (up to 10 s) for the workers' own notice, which they give about once a second.
     */
    private static List<String> dropNotices(boolean awaitWorker) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            GatedSink sink = new GatedSink();
            FapilogRuntime runtime = droppingNoise(sink);
            sink.open();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (awaitWorker && !captured.toString(StandardCharsets.UTF_8).contains("events dropped")
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
            return captured.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("events dropped")).toList();
        } finally {
            System.setErr(stderr);
        }
    }

    @Test
    void reserveOverflowIsCountedToo() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.DROP, Duration.ZERO);
        Logger log = runtime.getLogger("drop");
        fill(log, sink);
        for (int i = 0; i < RESERVE + 3; i++) {
            log.critical("important", "i", i);
        }
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + RESERVE);
        assertThat(result.dropped()).isEqualTo(3);
    }

    @Test
    void threadModeWaitsUpToTheTimeoutThenDropsAndCounts() throws Exception {
        GatedSink sink = new GatedSink();
        Duration timeout = Duration.ofMillis(200);
        FapilogRuntime runtime = runtime(sink, FullPolicy.WAIT, timeout);
        Logger log = runtime.getLogger("wait");
        fill(log, sink);

        long start = System.nanoTime();
        log.info("waits then drops");
        long waited = System.nanoTime() - start;

        assertThat(waited).isGreaterThanOrEqualTo(timeout.toNanos());
        assertThat(waited).isLessThan(Duration.ofSeconds(20).toNanos());
        assertThat(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT)).isEqualTo(1);
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY);
        assertThat(result.dropped()).isEqualTo(1);
    }

    @Test
    void threadModeWaiterGetsInWhenRoomAppears() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.WAIT, Duration.ofSeconds(30));
        Logger log = runtime.getLogger("wait");
        fill(log, sink);

        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> log.info("patient"));
        assertThat(waiter).isNotDone();
        sink.open();
        waiter.get(10, TimeUnit.SECONDS);
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 1);
        assertThat(result.dropped()).isZero();
    }

    @Test
    void boundLoopNeverBlocksTheEventLoopEvenUnderTheWaitPolicy() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.WAIT, Duration.ofSeconds(30));
        Logger filler = runtime.getLogger("loop");
        fill(filler, sink);

        // On a Reactor parallel thread, with BlockHound watching: any park/sleep would raise an error,
        // which the engine would count as an internal error.
        Mono.fromRunnable(() -> {
            Logger log = runtime.getLogger("loop");
            assertThat(log.executionMode()).isEqualTo(ExecutionMode.BOUND_LOOP);
            for (int i = 0; i < ROOM + 34; i++) {
                log.info("on the loop", "i", i);
            }
            // A THREAD-mode logger used on the loop must not block it either.
            filler.info("thread logger on the loop");
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));

        // The first ROOM events wait in the waiting room, without blocking; the rest did not fit in it.
        var drops = runtime.stats().droppedByReason();
        assertThat(drops.get(DropReason.QUEUE_FULL)).isEqualTo(35);
        assertThat(drops.get(DropReason.INTERNAL_ERROR)).isZero();
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + ROOM);
        assertThat(result.dropped()).isEqualTo(35);
    }

    /**
     * Waiting events that expired while the worker is held still fill the ring until it drains them:
     * errors logged on the loop then must still find the reserve (they once found the queue "full",
     * and were dropped while the reserve stood empty).
     */
    @Test
    void errorsOnTheLoopUseTheReserveWhileExpiredWaitingEventsStillFillTheRing() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.WAIT, Duration.ofMillis(50));
        fill(runtime.getLogger("loop"), sink);
        onTheLoop(runtime, log -> {
            for (int i = 0; i < ROOM; i++) {
                log.info("waits", "i", i);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runtime.stats().droppedByReason().getOrDefault(DropReason.WAIT_TIMEOUT, 0L) < ROOM
                && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the worker is held: the sweep expires every waiting event
        }
        assertThat(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT)).isEqualTo(ROOM);

        onTheLoop(runtime, log -> {
            for (int i = 0; i < RESERVE; i++) {
                log.error("important", "i", i);
            }
        });
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(result.dropped()).isEqualTo(ROOM);
        assertThat(TestSinks.parse(sink.lines()).stream().filter(e -> e.get("level").asString().equals("ERROR")))
                .hasSize(RESERVE);
    }

    private static void onTheLoop(FapilogRuntime runtime, java.util.function.Consumer<Logger> calls) {
        Mono.fromRunnable(() -> {
            Logger log = runtime.getLogger("loop");
            assertThat(log.executionMode()).isEqualTo(ExecutionMode.BOUND_LOOP);
            calls.accept(log);
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
    }

    @Test
    void blockHoundIsWatchingReactorThreads() {
        assertThatThrownBy(() -> Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)))
                .hasMessageContaining("Blocking call");
    }

    @Test
    void asyncCallWaitsWithoutBlockingAndCompletesWhenRoomAppears() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = filledRuntime(sink, Duration.ofSeconds(30));
        AsyncLogger log = runtime.getAsyncLogger("async");

        AtomicBoolean completed = new AtomicBoolean();
        Mono<Void> call = Mono.defer(() -> log.info("waiting politely"))
                .subscribeOn(Schedulers.parallel());
        CompletableFuture<Void> done = call.doOnSuccess(v -> completed.set(true)).toFuture();
        assertThat(completed).isFalse();
        sink.open();
        done.get(10, TimeUnit.SECONDS);
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 1);
        assertThat(runtime.stats().droppedByReason().get(DropReason.INTERNAL_ERROR)).isZero();
    }

    @Test
    void asyncCallGivesUpAfterTheTimeoutAndCounts() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = filledRuntime(sink, Duration.ofMillis(100));
        AsyncLogger log = runtime.getAsyncLogger("async");

        Mono.defer(() -> log.info("too late")).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
        assertThat(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT)).isEqualTo(1);
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY);
    }

    /**
     * The application keeps every worker of Reactor's parallel scheduler busy: a waiting event still
     * expires at its timeout, on fapilog's own expiry thread, and its {@code Mono} completes then,
     * not when the scheduler is free again.
     */
    @Test
    void aWaitEndsAtItsTimeoutWhileTheApplicationKeepsReactorsParallelSchedulerBusy() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = filledRuntime(sink, Duration.ofMillis(100));
        AsyncLogger log = runtime.getAsyncLogger("async");
        int workers = Schedulers.DEFAULT_POOL_SIZE;
        CountDownLatch busy = new CountDownLatch(workers);
        AtomicBoolean release = new AtomicBoolean();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < workers; i++) {
            Schedulers.parallel().schedule(() -> {
                busy.countDown();
                while (!release.get() && System.nanoTime() - giveUp < 0) {
                    // the application's CPU-bound work, holding this worker
                }
            });
        }
        try {
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();

            log.info("waits").toFuture().get(10, TimeUnit.SECONDS);

            assertThat(release.get()).isFalse();
            assertThat(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT)).isEqualTo(1);
        } finally {
            release.set(true);
        }
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY);
    }

    /**
     * The worker tells a waiting {@code Mono} only if somebody subscribed before its event was
     * admitted; one subscribed later learns it from the waiting room and completes at once, whether
     * its event was written or expired.
     */
    @Test
    void asyncMonosSubscribedBeforeOrAfterTheirEventWasResolvedEachComplete() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = filledRuntime(sink, Duration.ofSeconds(30));
        AsyncLogger log = runtime.getAsyncLogger("async");
        Mono<Void> early = log.info("subscribed while it waits");
        Mono<Void> late = log.info("subscribed once written");
        Mono<Void> afterTheDrain = log.info("subscribed after the drain");
        CompletableFuture<Void> earlyDone = early.toFuture();
        assertThat(earlyDone).isNotDone();

        sink.open();
        earlyDone.get(10, TimeUnit.SECONDS);
        sink.awaitLines(1 + CAPACITY + 3);
        assertThat(late.toFuture()).as("completes on subscription").isCompleted();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(afterTheDrain.toFuture()).isCompleted();
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 3);
        assertThat(result.dropped()).isZero();
    }

    /** When the drain reports done, every subscribed {@code Mono} of an event it wrote has completed. */
    @Test
    void whenTheDrainCompletesEverySubscribedMonoHasCompleted() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = filledRuntime(sink, Duration.ofSeconds(30));
        AsyncLogger log = runtime.getAsyncLogger("async");
        List<CompletableFuture<Void>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(log.info("waiting", "i", i).toFuture());
        }
        assertThat(calls).noneMatch(CompletableFuture::isDone);

        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(calls).allMatch(CompletableFuture::isDone);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 50);
        assertThat(result.dropped()).isZero();
    }

    @Test
    void anAsyncMonoSubscribedAfterItsEventExpiredCompletesAtOnce() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = filledRuntime(sink, Duration.ofMillis(50));
        Mono<Void> expiring = runtime.getAsyncLogger("async").info("expires unheard");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT)).isEqualTo(1);
        assertThat(expiring.toFuture()).isCompleted();
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY);
        assertThat(result.dropped()).isEqualTo(1);
    }

    @Test
    void asyncEnqueueIsEagerEvenWithoutSubscription() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.WAIT, Duration.ofSeconds(30));
        AsyncLogger log = runtime.getAsyncLogger("async");
        fill(runtime.getLogger("async"), sink);
        log.info("never subscribed, and the queue is full", "n", 1);
        sink.open();
        sink.awaitLines(1 + CAPACITY + 1);
        log.info("never subscribed either", "n", 2);
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(1 + CAPACITY + 2);
        assertThat(result.dropped()).isZero();
        assertThat(sink.lines()).anyMatch(line -> line.contains("never subscribed either"));
    }

    @Test
    void asyncUnderDropPolicyDropsAtOnce() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.DROP, Duration.ZERO);
        fill(runtime.getLogger("async"), sink);
        runtime.getAsyncLogger("async").warn("dropped").block(Duration.ofSeconds(5));
        assertThat(runtime.stats().droppedByReason().get(DropReason.QUEUE_FULL)).isEqualTo(1);
        sink.open();
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
    }

    @Test
    void modeAsyncMakesSyncLoggersNonBlocking() {
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(new GatedSink())
                .mode(ModeSelection.ASYNC).shutdownHook(false).start()) {
            assertThat(runtime.getLogger("x").executionMode()).isEqualTo(ExecutionMode.BOUND_LOOP);
        }
    }
}
