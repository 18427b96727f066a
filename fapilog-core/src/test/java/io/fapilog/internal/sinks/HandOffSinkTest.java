package io.fapilog.internal.sinks;

import io.fapilog.TestSinks;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HandOffSinkTest {

    @Test
    void takesUpToItsCapacityWhileTheSinkHangsCountsTheRestAndDrainsOnClose() throws Exception {
        GatedSink hanging = new GatedSink();
        InMemorySink target = hanging.target;
        CountDownLatch entered = hanging.entered;
        CountDownLatch gate = hanging.gate;
        HandOffSink handOff = new HandOffSink(hanging, 2, Duration.ZERO);
        EncodedBatch reused = new EncodedBatch();
        for (int i = 0; i < 6; i++) {
            reused.reset();
            for (String line : new String[] {big(i, 0), big(i, 1)}) { // two can join a waiting batch of two, not four
                byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                reused.append(bytes, 0, bytes.length);
                reused.endEvent();
            }
            handOff.write(reused);
            if (i == 0) {
                assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // batch 0 is being written
            }
        }
        assertThat(handOff.queued()).isEqualTo(2);
        assertThat(handOff.droppedEventCount()).as("batches 3 to 5, two events each").isEqualTo(6);
        assertThat(handOff.health().droppedEvents()).isEqualTo(6);

        gate.countDown();
        handOff.close();
        assertThat(target.lines()).containsExactly(big(0, 0), big(0, 1), big(1, 0), big(1, 1), big(2, 0), big(2, 1));
        handOff.write(TestBatches.of("{\"late\":1}"));
        assertThat(handOff.droppedEventCount()).as("closed: counted, not lost silently").isEqualTo(7);
    }

    /** A line of a little over a quarter of {@link HandOffSink#MERGED_BYTES}: batch {@code b}, event {@code e}. */
    private static String big(int b, int e) {
        return "{\"b\":" + b + ",\"e\":" + e + ",\"pad\":\"" + "x".repeat(HandOffSink.MERGED_BYTES / 4) + "\"}";
    }

    @Test
    void aSinkSlowerThanItsWriterPushesBackInsteadOfDropping() throws Exception {
        InMemorySink target = new InMemorySink("target");
        Sink slow = io.fapilog.TestSinks.writing("slow", batch -> {
            LockSupport.parkNanos(1_000_000L); // a collector answering in a millisecond
            target.write(batch);
        });
        HandOffSink handOff = new HandOffSink(slow, 2, Duration.ofSeconds(30));
        int batches = 100;
        for (int i = 0; i < batches; i++) {
            handOff.write(TestBatches.of("{\"b\":" + i + "}"));
        }
        handOff.close();
        assertThat(handOff.droppedEventCount()).isZero();
        assertThat(target.lines()).hasSize(batches).first().isEqualTo("{\"b\":0}");
        assertThat(target.lines()).last().isEqualTo("{\"b\":99}");
    }

    /** A sink whose writes wait for a gate; counts its writes. */
    static final class GatedSink implements Sink {
        final InMemorySink target = new InMemorySink("target");
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "gated";
        }

        @Override
        public void write(EncodedBatch batch) throws Exception {
            writes.incrementAndGet();
            entered.countDown();
            gate.await();
            target.write(batch);
        }
    }

    /** Taken by the hand-off is not written: the sink counts an event once its own write returned. */
    @Test
    void anEventCountsAsWrittenOnlyOnceTheSinksWriteReturned() throws Exception {
        GatedSink gated = new GatedSink();
        ResilientSink resilient = ResilientSink.builder(gated).fallback(new InMemorySink("fallback")).build();
        HandOffSink handOff = new HandOffSink(resilient, 4, Duration.ofSeconds(30));

        handOff.write(TestBatches.of("a0", "a1", "a2"));
        assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
        handOff.write(TestBatches.of("b0", "b1"));
        assertThat(handOff.queued()).isEqualTo(1);
        assertThat(handOff.health().writtenEvents()).as("handed over, not acknowledged").isZero();

        gated.gate.countDown();
        handOff.flush();
        assertThat(handOff.health().writtenEvents()).isEqualTo(5);
        assertThat(handOff.health().fallbackEvents()).isZero();
        handOff.close();
    }

    @Test
    void whileTheSinkHangsAFullHandOffSendsBatchesToTheFallbackInsteadOfDroppingThem() throws Exception {
        GatedSink gated = new GatedSink();
        InMemorySink fallback = new InMemorySink("fallback");
        ResilientSink resilient = ResilientSink.builder(gated).fallback(fallback).build();
        HandOffSink handOff = new HandOffSink(resilient, 2, Duration.ZERO);

        handOff.write(TestBatches.of(big(0, 0)));
        assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 8; i++) {
            handOff.write(TestBatches.of(big(i, 0)));
        }

        // b1 and b2 wait; b3 and b4 join b2 (a fourth line would pass MERGED_BYTES); b5 to b7 find no room
        assertThat(fallback.lines()).containsExactly(big(5, 0), big(6, 0), big(7, 0));
        assertThat(handOff.droppedEventCount()).isZero();
        assertThat(resilient.fallbackEventCount()).isEqualTo(3);
        gated.gate.countDown();
        handOff.close();
        assertThat(gated.target.lines()).containsExactly(big(0, 0), big(1, 0), big(2, 0), big(3, 0), big(4, 0));
    }

    /**
     * A receiver slower than the load (answering in seconds) works, so no failure is told: the batches
     * it did not take in time went to standard error without a word of why until this notice, at most
     * one a minute counting them.
     */
    @Test
    void batchesASlowSinkDidNotTakeInTimeAreToldOnceAMinute() throws Exception {
        GatedSink gated = new GatedSink();
        InMemorySink fallback = new InMemorySink("fallback");
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-05T10:00:00Z"), java.time.ZoneOffset.UTC);
        java.util.List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        ResilientSink resilient = ResilientSink.builder(gated).fallback(fallback)
                .notices(new SinkFailureNotices(notices::add, clock)).build();
        HandOffSink handOff = new HandOffSink(resilient, 2, Duration.ZERO);
        handOff.write(TestBatches.of(big(0, 0)));
        assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 8; i++) {
            handOff.write(TestBatches.of(big(i, 0)));
        }
        clock.advance(Duration.ofSeconds(61));
        handOff.write(TestBatches.of(big(8, 0)));

        assertThat(fallback.lines()).containsExactly(big(5, 0), big(6, 0), big(7, 0), big(8, 0));
        String why = ": its writes take longer than the events come (a receiver that answers slowly, or not at all) and"
                + " its queue of batches is full; they went to its fallback, as will later ones it cannot take, told at most"
                        + " once a minute (fapilog.sink.fallback counts them all, the drain's line too)";
        assertThat(notices).containsExactly(
                "fapilog: sink 'gated' did not take 1 event in time so far" + why,
                "fapilog: sink 'gated' did not take 3 events in time in the last minute" + why);
        gated.gate.countDown();
        handOff.close();
        assertThat(notices).hasSize(2);
    }

    /**
     * A broker that is down while an application logs a trickle: one event a batch, the hand-off's
     * batches fill at once; what comes after joins the last batch waiting, in order, rather than going
     * to the fallback, and reaches the sink once it answers again.
     */
    @Test
    void whileTheSinkHangsATrickleJoinsTheLastWaitingBatchAndReachesTheSinkAfterwards() throws Exception {
        GatedSink gated = new GatedSink();
        InMemorySink fallback = new InMemorySink("fallback");
        ResilientSink resilient = ResilientSink.builder(gated).fallback(fallback).build();
        HandOffSink handOff = new HandOffSink(resilient, 4, Duration.ZERO);
        handOff.write(TestBatches.of("{\"seq\":0}"));
        assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
        int events = 1_000;
        for (int i = 1; i < events; i++) {
            handOff.write(TestBatches.of("{\"seq\":" + i + "}"));
        }
        assertThat(handOff.queued()).isEqualTo(4);
        assertThat(fallback.size()).isZero();
        assertThat(handOff.droppedEventCount()).isZero();

        gated.gate.countDown();
        handOff.flush();
        assertThat(gated.target.lines()).hasSize(events)
                .isEqualTo(java.util.stream.IntStream.range(0, events).mapToObj(i -> "{\"seq\":" + i + "}").toList());
        assertThat(handOff.health().writtenEvents()).isEqualTo(events);
        handOff.close();
    }

    /**
     * A write that never returns never fails, so the breaker never counts it: once it has run for the
     * breaker's time budget, health reports the sink down (open) with why, and up again once it answers.
     */
    @Test
    void aWriteHangingForTheBreakersTimeBudgetMakesTheSinkUnhealthy() throws Exception {
        GatedSink gated = new GatedSink();
        ResilientSink resilient = ResilientSink.builder(gated).fallback(new InMemorySink("fallback"))
                .settings(new io.fapilog.config.CircuitBreakerSettings(0, Duration.ZERO, 5, Duration.ofSeconds(30), true,
                        Duration.ofMillis(300)))
                .build();
        HandOffSink handOff = new HandOffSink(resilient, 2, Duration.ZERO);
        handOff.write(TestBatches.of("b0"));
        assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(handOff.health().healthy()).as("not yet: a write may take a while").isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handOff.health().healthy() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        io.fapilog.SinkHealth hung = handOff.health();
        assertThat(hung.healthy()).isFalse();
        assertThat(hung.state()).isEqualTo(io.fapilog.CircuitState.OPEN);
        assertThat(hung.lastError()).contains("write in progress for").contains("does not answer");

        gated.gate.countDown();
        handOff.flush();
        assertThat(handOff.health().healthy()).isTrue();
        assertThat(handOff.health().state()).isEqualTo(io.fapilog.CircuitState.CLOSED);
        handOff.close();
        assertThat(gated.target.lines()).containsExactly("b0");
    }

    @Test
    void batchesThatQueuedUpDuringAWriteGoOutInOneWrite() throws Exception {
        GatedSink gated = new GatedSink();
        HandOffSink handOff = new HandOffSink(gated, 64, Duration.ofSeconds(30));

        writeFortyBehindAHeldWriteThenClose(gated, handOff);

        assertThat(gated.writes.get()).isEqualTo(2);
        assertThat(gated.target.lines()).hasSize(81).startsWith("b0", "b1", "c1").endsWith("b40", "c40");
    }

    /**
     * Merging the batches that queued up during a write needs a larger buffer; when growing it
     * throws an {@code OutOfMemoryError} half-way through a batch (one line copied), the merged
     * write goes out without that half line, the failed batch's events are counted dropped, and
     * the thread lives on to write the rest: it once died, and the sink with it for good.
     */
    @Test
    void anOutOfMemoryErrorMergingBatchesDropsWhatItCouldNotCopyCountedAndTheSinkWritesOn() throws Exception {
        GatedSink gated = new GatedSink();
        AtomicInteger copies = new AtomicInteger();
        HandOffSink handOff = new HandOffSink(gated, 64, Duration.ofSeconds(30), null, (from, to) -> {
            if (copies.incrementAndGet() == 45) { // b0 and b1..b40 queued (41 copies), then b2, b3, b4 merged into b1
                to.append(from.array(), from.lineStart(0), from.lineEnd(0) + 1 - from.lineStart(0));
                throw new OutOfMemoryError("merging b5");
            }
            HandOffSink.copyInto(from, to);
        });

        writeFortyBehindAHeldWriteThenClose(gated, handOff);

        assertThat(gated.writes.get()).isEqualTo(3);
        assertThat(gated.target.lines()).hasSize(79).doesNotContain("b5", "c5")
                .startsWith("b0", "b1", "c1", "b2", "c2", "b3", "c3", "b4", "c4", "b6", "c6").endsWith("b40", "c40");
        assertThat(handOff.droppedEventCount()).isEqualTo(2);
    }

    /** Copying an incoming batch fails: that batch is counted dropped (there is no fallback), the next one is queued. */
    @Test
    void anOutOfMemoryErrorCopyingABatchInSpillsItCounted() throws Exception {
        InMemorySink target = new InMemorySink();
        AtomicInteger copies = new AtomicInteger();
        HandOffSink handOff = new HandOffSink(target, 64, Duration.ofSeconds(30), null, (from, to) -> {
            if (copies.incrementAndGet() == 2) {
                throw new OutOfMemoryError("copying b1");
            }
            HandOffSink.copyInto(from, to);
        });

        handOff.write(TestBatches.of("b0"));
        handOff.write(TestBatches.of("b1", "c1"));
        handOff.write(TestBatches.of("b2"));
        handOff.close();

        assertThat(target.lines()).containsExactly("b0", "b2");
        assertThat(handOff.droppedEventCount()).isEqualTo(2);
    }

    /**
     * A collector that hangs at shutdown: close waits the close timeout, sends the queued batches
     * to the fallback and returns; it once waited as long as the collector did.
     */
    @Test
    void closeSendsWhatTheSinkCouldNotWriteInTimeToTheFallbackAndReturns() throws Exception {
        GatedSink gated = new GatedSink();
        InMemorySink fallback = new InMemorySink("fallback");
        ResilientSink resilient = ResilientSink.builder(gated).fallback(fallback).build();
        HandOffSink handOff = closingWithin(resilient, Duration.ofMillis(100));

        handOff.write(TestBatches.of("b0"));
        assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
        handOff.write(TestBatches.of("b1"));
        handOff.write(TestBatches.of("b2", "c2"));
        closeWithinTenSeconds(handOff);
        // The write in progress ignores the close: its batch goes to the fallback too, in case the JVM exits now.
        assertThat(fallback.lines()).containsExactly("b1", "b2", "c2", "b0");
        assertThat(handOff.droppedEventCount()).isZero();
        gated.gate.countDown(); // the JVM lives on and the write ends: b0 is written twice, at least once
        awaitLines(gated.target, 1);
        assertThat(gated.target.lines()).containsExactly("b0");
        assertThat(fallback.lines()).hasSize(4);
    }

    @Test
    void closeEndsAWriteStillInProgressSoThatItsBatchIsInTheFallbackWhenCloseReturns() throws Exception {
        TestSinks.HangsUntilClosedSink hanging = new TestSinks.HangsUntilClosedSink();
        InMemorySink fallback = new InMemorySink("fallback");
        HandOffSink handOff = closingWithin(ResilientSink.builder(hanging).fallback(fallback).build(),
                Duration.ofMillis(100));

        handOff.write(TestBatches.of("b0", "c0"));
        assertThat(hanging.awaitWriting()).isTrue();
        handOff.write(TestBatches.of("b1"));
        handOff.close();

        assertThat(fallback.lines()).containsExactly("b1", "b0", "c0");
        assertThat(handOff.droppedEventCount()).isZero();
        assertThat(hanging.closes()).isEqualTo(1);
    }

    @Test
    void handOffsToldToStopTogetherWaitForTheirSinksAtTheSameTimeNotOneAfterAnother() throws Exception {
        TestSinks.HangsUntilClosedSink first = new TestSinks.HangsUntilClosedSink();
        TestSinks.HangsUntilClosedSink second = new TestSinks.HangsUntilClosedSink();
        Duration closeTimeout = Duration.ofSeconds(2);
        HandOffSink a = closingWithin(ResilientSink.builder(first).fallback(new InMemorySink("f1")).build(), closeTimeout);
        HandOffSink b = closingWithin(ResilientSink.builder(second).fallback(new InMemorySink("f2")).build(), closeTimeout);
        a.write(TestBatches.of("a0"));
        b.write(TestBatches.of("b0"));
        assertThat(first.awaitWriting() && second.awaitWriting()).isTrue();

        a.stopTaking();
        b.stopTaking();
        a.close(); // waits its close timeout: its sink never answers
        long start = System.nanoTime();
        b.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(closeTimeout.dividedBy(2));
        assertThat(second.closes()).isEqualTo(1);
    }

    /** A local sink whose close waits for its write, as file and stream sinks do (one monitor for both). */
    static final class LockedSink implements Sink {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "locked";
        }

        @Override
        public synchronized void write(EncodedBatch batch) throws Exception {
            entered.countDown();
            release.await();
            throw new java.io.IOException("written too late");
        }

        @Override
        public synchronized void close() {
        }
    }

    @Test
    void aSinkWhoseCloseWaitsForItsHangingWriteStillLetsCloseReturnInTimeWithEveryBatchInTheFallbackOnce() throws Exception {
        LockedSink locked = new LockedSink();
        InMemorySink fallback = new InMemorySink("fallback");
        ResilientSink resilient = ResilientSink.builder(locked).fallback(fallback).build();
        HandOffSink handOff = closingWithin(resilient, Duration.ofMillis(100));
        handOff.write(TestBatches.of("b0"));
        assertThat(locked.entered.await(10, TimeUnit.SECONDS)).isTrue();
        handOff.write(TestBatches.of("b1"));

        closeWithinTenSeconds(handOff);

        assertThat(fallback.lines()).containsExactly("b1", "b0");
        locked.release.countDown(); // the abandoned write fails after all: its batch is in the fallback already
        assertThat(handOff.awaitWritten(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
        assertThat(fallback.lines()).containsExactly("b1", "b0");
        assertThat(resilient.fallbackEventCount()).isEqualTo(2);
        assertThat(handOff.droppedEventCount()).isZero();
    }

    @Test
    void aWriteAbandonedAtCloseWithoutAFallbackIsCountedDroppedOnce() throws Exception {
        LockedSink locked = new LockedSink();
        ResilientSink resilient = ResilientSink.builder(locked)
                .settings(new io.fapilog.config.CircuitBreakerSettings(0, Duration.ZERO, 5, Duration.ofHours(1), false)).build();
        HandOffSink handOff = closingWithin(resilient, Duration.ofMillis(100));
        handOff.write(TestBatches.of("b0", "c0"));
        assertThat(locked.entered.await(10, TimeUnit.SECONDS)).isTrue();

        closeWithinTenSeconds(handOff);

        assertThat(handOff.health().droppedEvents()).isEqualTo(2);
        locked.release.countDown(); // the abandoned write fails after all: not counted again
        assertThat(handOff.awaitWritten(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
        assertThat(handOff.health().droppedEvents()).isEqualTo(2);
    }

    /** A hand-off of 64 batches that never counts its sink as hanging while it runs, with a close timeout. */
    private static HandOffSink closingWithin(Sink resilient, Duration closeTimeout) {
        return new HandOffSink(resilient, 64, Duration.ofSeconds(30), closeTimeout);
    }

    /**
     * A sink whose own close hangs while no write is in progress (a Kafka producer that cannot
     * reach its broker): the hand-off's close still returns within its timeout, every batch written
     * first (it once closed the sink on the caller's thread, holding the drain past its timeout).
     */
    @Test
    void anIdleSinkWhoseCloseHangsStillLetsCloseReturnInTime() throws Exception {
        InMemorySink target = new InMemorySink("target");
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Sink hangsOnClose = new Sink() {
            @Override
            public String name() {
                return "hangs-on-close";
            }

            @Override
            public void write(EncodedBatch batch) {
                target.write(batch);
            }

            @Override
            public void close() throws InterruptedException {
                closing.countDown();
                never.await();
            }
        };
        HandOffSink handOff = new HandOffSink(hangsOnClose, 64, Duration.ofSeconds(30), Duration.ofMillis(100));
        handOff.write(TestBatches.of("b0"));
        handOff.write(TestBatches.of("b1"));

        closeWithinTenSeconds(handOff);

        assertThat(closing.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(target.lines()).containsExactly("b0", "b1");
        never.countDown();
    }

    /** A sink whose close fails at once: the hand-off's close reports it, as when it closed the sink itself. */
    @Test
    void aSinkWhoseCloseFailsMakesCloseFail() {
        Sink failsOnClose = new Sink() {
            @Override
            public String name() {
                return "fails-on-close";
            }

            @Override
            public void write(EncodedBatch batch) {
            }

            @Override
            public void close() throws java.io.IOException {
                throw new java.io.IOException("disk gone");
            }
        };
        HandOffSink handOff = new HandOffSink(failsOnClose, 64, Duration.ofSeconds(30), Duration.ofSeconds(5));

        org.assertj.core.api.Assertions.assertThatThrownBy(handOff::close)
                .isInstanceOf(java.io.IOException.class).hasMessage("disk gone");
    }

    /** Writes {@code b0}, then 40 batches of two lines ({@code bN}, {@code cN}) while the sink holds that write; closes. */
    private static void writeFortyBehindAHeldWriteThenClose(GatedSink gated, HandOffSink handOff) throws Exception {
        handOff.write(TestBatches.of("b0"));
        assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 40; i++) {
            handOff.write(TestBatches.of("b" + i, "c" + i));
        }
        gated.gate.countDown();
        handOff.close();
    }

    /** Closes on another thread and fails the test unless the close returns within 10 s. */
    private static void closeWithinTenSeconds(HandOffSink handOff) throws Exception {
        CompletableFuture.runAsync(() -> {
            try {
                handOff.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private static void awaitLines(InMemorySink sink, int lines) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.lines().size() < lines && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
