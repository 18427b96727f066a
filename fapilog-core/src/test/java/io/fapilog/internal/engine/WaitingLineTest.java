package io.fapilog.internal.engine;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting line on its own: order, bound, expiry by the sweep, and exactly-once resolution under contention. */
class WaitingLineTest {

    private static final long TIMEOUT = TimeUnit.MILLISECONDS.toNanos(50);
    /** A queue with no room: callers who join with it never admit themselves. */
    private static final EventQueue FULL = fullQueue();

    private static EventQueue fullQueue() {
        EventQueue queue = new EventQueue(1, 0);
        queue.offer(event(Level.INFO, "fills"), false);
        return queue;
    }

    /** A queue of {@code capacity} holding as many events, "queued 0", "queued 1"... */
    private static EventQueue filledQueue(int capacity) {
        EventQueue queue = new EventQueue(capacity, 0);
        for (int i = 0; i < capacity; i++) {
            queue.offer(event(Level.INFO, "queued " + i), false);
        }
        return queue;
    }

    private static LogEvent event(Level level, String message) {
        return LogEvent.of(0, level, "test", message);
    }

    /** A timer that runs what is due at once (telling waiters) and only records the sweeps it was asked for, and when. */
    private static final class ManualTimer implements SweepTimer {
        final List<Long> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable task, long delayNanos) {
            if (delayNanos == 0) {
                task.run();
            } else {
                delays.add(delayNanos);
            }
        }
    }

    @Test
    void sweepExpiresAtEachDeadlineRatherThanOneTimeoutAfterTheLastSweep() {
        AtomicLong now = new AtomicLong();
        ManualTimer timer = new ManualTimer();
        WaitingLine line = new WaitingLine(10, TIMEOUT, timer, now::get);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();

        line.join(event(Level.INFO, "first"), told(first), FULL);
        now.set(TIMEOUT / 2);
        line.join(event(Level.INFO, "second"), told(second), FULL);
        assertThat(timer.delays).containsExactly(TIMEOUT);

        now.set(TIMEOUT);
        line.sweep();
        assertThat(first).isDone();
        assertThat(second).isNotDone();
        assertThat(line.expired()).isEqualTo(1);
        // The next sweep is due at the second event's deadline, not a whole timeout later.
        assertThat(timer.delays).containsExactly(TIMEOUT, TIMEOUT / 2);

        now.set(TIMEOUT + TIMEOUT / 2);
        line.sweep();
        assertThat(second).isDone();
        assertThat(line.expired()).isEqualTo(2);
        assertThat(line.isEmpty()).isTrue();
        assertThat(timer.delays).hasSize(2);
    }

    @Test
    void sweepsAreAtLeastTheMinimumPeriodApart() {
        AtomicLong now = new AtomicLong();
        ManualTimer timer = new ManualTimer();
        WaitingLine line = new WaitingLine(10, TIMEOUT, timer, now::get);
        line.join(event(Level.INFO, "first"), null, FULL);
        now.set(1_000);
        line.join(event(Level.INFO, "second"), null, FULL);
        now.set(TIMEOUT);
        line.sweep();
        assertThat(timer.delays).containsExactly(TIMEOUT, WaitingLine.MIN_SWEEP_NANOS);
    }

    /**
     * A heavy event's weight is held against the queue's memory while it waits in line, and given
     * back whichever way it leaves: expired, withdrawn, or taken by the worker.
     */
    @Test
    void heavyEventsInLineAreWeighedUntilTheyLeaveIt() {
        AtomicLong now = new AtomicLong();
        QueueMemory memory = new QueueMemory(Long.MAX_VALUE);
        WaitingLine line = new WaitingLine(10, TIMEOUT, new ManualTimer(), now::get);
        line.weighAgainst(memory);
        LogEvent[] heavy = new LogEvent[3];
        for (int i = 0; i < heavy.length; i++) {
            heavy[i] = LogEvent.of(0, Level.INFO, "test", "heavy", "body", "x".repeat(2_000 + i));
            heavy[i].weigh();
        }
        LogEvent light = event(Level.INFO, "light");
        light.weigh();

        line.join(heavy[0], null, FULL);
        now.addAndGet(TIMEOUT / 2);
        WaitingLine.Entry withdrawn = line.join(heavy[1], null, FULL);
        line.join(light, null, FULL);
        line.join(heavy[2], null, FULL);
        assertThat(memory.held()).isEqualTo(heavy[0].weight() + heavy[1].weight() + heavy[2].weight());

        now.addAndGet(TIMEOUT / 2);
        line.sweep();
        assertThat(memory.held()).as("the first expired").isEqualTo(heavy[1].weight() + heavy[2].weight());
        assertThat(line.withdraw(withdrawn)).isTrue();
        assertThat(memory.held()).isEqualTo(heavy[2].weight());
        LogEvent[] batch = new LogEvent[4];
        assertThat(line.takeInto(batch, 0, 4, new EventQueue(4, 0))).isEqualTo(2);
        assertThat(batch).startsWith(light, heavy[2]);
        assertThat(memory.held()).isZero();
    }

    /**
     * Expired entries the worker has not unlinked yet do not count as waiting, so they do not fill
     * the bound; they do count against the memory cap until the worker's next take unlinks them.
     */
    @Test
    void expiredEntriesTheWorkerHasNotUnlinkedOnlyCountAgainstTheMemoryCap() {
        AtomicLong now = new AtomicLong();
        EventQueue queue = new EventQueue(100, 0);
        WaitingLine line = new WaitingLine(3, TIMEOUT, new ManualTimer(), now::get);
        int cap = 3 * (WaitingLine.LINKED_PER_BOUND - 1);  // with the 3 that may wait: 4 × the bound linked
        for (int i = 0; i < cap; i++) {
            assertThat(line.join(event(Level.INFO, "e" + i), null, FULL)).as("join %d", i).isNotNull();
            now.addAndGet(TIMEOUT);
            line.sweep();
            assertThat(line.isEmpty()).isTrue();
        }
        assertThat(line.expired()).isEqualTo(cap);
        assertThat(line.linked()).isEqualTo(cap);
        assertThat(line.join(event(Level.INFO, "over the memory cap"), null, FULL)).isNull();
        assertThat(line.takeInto(new LogEvent[4], 0, 4, queue)).isZero(); // the worker's take unlinks them
        assertThat(line.linked()).isZero();
        assertThat(line.join(event(Level.INFO, "after the take"), null, FULL)).isNotNull();
    }

    /**
     * While the queue stays full the worker neither takes from the line nor admits into the queue:
     * its rounds still unlink the entries expired at the front, which a storm would otherwise pile up
     * (one an expired wait) until the queue drained.
     */
    @Test
    void theWorkersRoundsUnlinkExpiredEntriesWhileTheQueueStaysFull() {
        AtomicLong now = new AtomicLong();
        WaitingLine line = new WaitingLine(100, TIMEOUT, new ManualTimer(), now::get);
        for (int i = 0; i < 5; i++) {
            line.join(event(Level.INFO, "e" + i), null, FULL);
        }
        now.addAndGet(TIMEOUT);
        line.join(event(Level.INFO, "still in time"), null, FULL);
        line.sweep();
        assertThat(line.expired()).isEqualTo(5);
        assertThat(line.linked()).isEqualTo(6);

        line.admit(FULL);

        assertThat(line.linked()).as("the one still waiting").isEqualTo(1);
        assertThat(line.isEmpty()).isFalse();
        now.addAndGet(TIMEOUT);
        line.sweep();
        line.admit(FULL);
        assertThat(line.linked()).isZero();
        assertThat(line.expired()).isEqualTo(6);
    }

    @Test
    void callersThatDoNotParkFindTheLineBoundedParkingOnesDoNot() {
        WaitingLine line = new WaitingLine(3, TIMEOUT, null);
        for (int i = 0; i < 3; i++) {
            assertThat(line.join(event(Level.INFO, "e" + i), null, FULL)).isNotNull();
        }
        assertThat(line.join(event(Level.INFO, "refused"), null, FULL)).isNull();
        assertThat(line.joinParked(event(Level.INFO, "parked"), FULL)).isNotNull();
        assertThat(line.linked()).isEqualTo(4);
    }

    @Test
    void theWorkerTakesWaitingEventsInOrderIntoItsBatch() {
        EventQueue queue = new EventQueue(4, 2);
        WaitingLine line = new WaitingLine(100, TIMEOUT, null);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            futures.add(done);
            line.join(event(Level.INFO, "e" + i), told(done), FULL);
        }
        LogEvent[] batch = new LogEvent[8];
        batch[0] = event(Level.INFO, "drained from the queue");
        assertThat(line.takeInto(batch, 1, 4, queue)).isEqualTo(4);
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        line.tellAccepted();
        assertThat(futures.subList(0, 4)).allMatch(CompletableFuture::isDone);
        assertThat(futures.subList(4, 6)).noneMatch(CompletableFuture::isDone);
        assertThat(line.linked()).isEqualTo(2);
        assertThat(line.isEmpty()).isFalse();

        assertThat(line.takeInto(batch, 5, 3, queue)).isEqualTo(2);
        line.tellAccepted();
        assertThat(futures).allMatch(CompletableFuture::isDone);
        for (int i = 0; i < 6; i++) {
            assertThat(batch[i + 1].message()).isEqualTo("e" + i);
        }
        assertThat(line.isEmpty()).isTrue();
        assertThat(line.linked()).isZero();
        assertThat(line.taken()).isEqualTo(6);
        assertThat(queue.acceptedCount()).isZero();
    }

    /**
     * Room freed in the queue goes to the waiting events in order: admitted, they are accepted at
     * once (their callers told, their deadlines no longer count) and taken after the queue drains.
     */
    @Test
    void theWorkerAdmitsWaitingEventsAsRoomFreesAndTakesThemOnceTheQueueIsDrained() {
        AtomicLong now = new AtomicLong();
        EventQueue queue = new EventQueue(4, 0);
        WaitingLine line = new WaitingLine(3, TIMEOUT, new ManualTimer(), now::get);
        for (int i = 0; i < 2; i++) {
            assertThat(queue.offer(event(Level.INFO, "queued " + i), false)).isEqualTo(EventQueue.ACCEPTED);
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            futures.add(done);
            line.join(event(Level.INFO, "waiting " + i), told(done), FULL);
        }
        assertThat(line.isFull()).isTrue();

        line.admit(queue);
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        line.tellAccepted();
        assertThat(futures.subList(0, 2)).allMatch(CompletableFuture::isDone);
        assertThat(futures.get(2)).isNotDone();
        assertThat(line.admitted()).isEqualTo(2);
        assertThat(line.isFull()).as("admitted events leave the bound").isFalse();
        line.admit(queue);
        assertThat(line.admitted()).as("no room for more").isEqualTo(2);

        now.set(TIMEOUT);
        line.sweep();
        assertThat(line.expired()).as("only the event still waiting expires").isEqualTo(1);

        LogEvent[] batch = new LogEvent[8];
        assertThat(line.takeInto(batch, 0, 8, queue)).as("the queue holds earlier events").isZero();
        assertThat(queue.drain(batch, 0, 8)).isEqualTo(2);
        assertThat(line.takeInto(batch, 2, 6, queue)).isEqualTo(2);
        assertThat(java.util.Arrays.stream(batch, 0, 4).map(LogEvent::message))
                .containsExactly("queued 0", "queued 1", "waiting 0", "waiting 1");
        assertThat(line.admitted()).isZero();
        assertThat(line.isEmpty()).isTrue();
        assertThat(line.linked()).isZero();
        assertThat(line.taken()).isEqualTo(2);
    }

    /**
     * A caller that joins right behind admitted entries while the queue has room admits itself:
     * it does not wait for the worker's round, nobody is told, and the line keeps its order. One
     * behind a waiting entry, or finding no room, waits.
     */
    @Test
    void aCallerBehindAdmittedEntriesAdmitsItselfWhileTheQueueHasRoom() {
        EventQueue queue = new EventQueue(3, 0);
        queue.offer(event(Level.INFO, "queued"), false);
        WaitingLine line = new WaitingLine(100, TIMEOUT, null);
        line.join(event(Level.INFO, "first"), null, FULL);           // waits: nobody admitted before it
        line.admit(queue);
        WaitingLine.Entry second = line.joinParked(event(Level.INFO, "second"), queue);
        WaitingLine.Entry third = line.join(event(Level.INFO, "third"), () -> {
            throw new AssertionError("a caller that admitted itself is told by nobody");
        }, queue);
        WaitingLine.Entry fourth = line.join(event(Level.INFO, "fourth"), null, queue);

        assertThat(second.state).isEqualTo(WaitingLine.Entry.SELF_ADMITTED);
        assertThat(line.await(second, queue)).as("returns at once").isTrue();
        assertThat(third.state).as("the queue's room is spent").isEqualTo(WaitingLine.Entry.WAITING);
        assertThat(fourth.state).as("behind a waiting entry").isEqualTo(WaitingLine.Entry.WAITING);
        assertThat(line.admitted()).isEqualTo(2);

        LogEvent[] batch = new LogEvent[8];
        assertThat(queue.drain(batch, 0, 8)).isEqualTo(1);
        assertThat(line.takeInto(batch, 1, 7, queue)).isEqualTo(4);
        assertThat(java.util.Arrays.stream(batch, 0, 5).map(LogEvent::message))
                .containsExactly("queued", "first", "second", "third", "fourth");
        assertThat(line.admitted()).isZero();
        assertThat(line.isEmpty()).isTrue();
    }

    /** A caller that admitted itself as the queue closed is cancelled and counted: the worker may have finished. */
    @Test
    void aSelfAdmittedEntryCanStillBeCancelled() {
        EventQueue queue = new EventQueue(3, 0);
        WaitingLine line = new WaitingLine(100, TIMEOUT, null);
        line.join(event(Level.INFO, "first"), null, FULL);
        line.admit(queue);  // admitted and left in the line: its caller does not park
        WaitingLine.Entry entry = line.join(event(Level.INFO, "late"), null, queue);
        assertThat(entry.state).isEqualTo(WaitingLine.Entry.SELF_ADMITTED);
        line.cancel(entry);
        assertThat(entry.state).isEqualTo(WaitingLine.Entry.CANCELLED);
        assertThat(line.cancelled()).isEqualTo(1);
        assertThat(line.admitted()).as("the first one").isEqualTo(1);
    }

    /**
     * A caller that joins behind a taken entry has nothing pending before it: its event goes into
     * the queue when there is room (counted by the queue, not the line), and waits otherwise.
     */
    @Test
    void aCallerWithNothingPendingBeforeItGoesIntoTheQueue() {
        EventQueue queue = new EventQueue(2, 0);
        WaitingLine line = new WaitingLine(100, TIMEOUT, null);
        WaitingLine.Entry first = line.joinParked(event(Level.INFO, "first"), queue);
        assertThat(first.state).isEqualTo(WaitingLine.Entry.TAKEN);
        assertThat(line.await(first, queue)).as("returns at once").isTrue();
        WaitingLine.Entry second = line.join(event(Level.INFO, "second"), () -> {
            throw new AssertionError("nobody tells a caller whose event went in at once");
        }, queue);
        assertThat(second.state).isEqualTo(WaitingLine.Entry.TAKEN);
        WaitingLine.Entry third = line.join(event(Level.INFO, "third"), null, queue);
        assertThat(third.state).as("no room left").isEqualTo(WaitingLine.Entry.WAITING);

        assertThat(queue.acceptedCount()).isEqualTo(2);
        assertThat(line.taken()).isZero();
        assertThat(line.isEmpty()).isFalse();
        LogEvent[] batch = new LogEvent[4];
        assertThat(queue.drain(batch, 0, 4)).isEqualTo(2);
        assertThat(line.takeInto(batch, 2, 2, queue)).isEqualTo(1);
        assertThat(java.util.Arrays.stream(batch, 0, 3).map(LogEvent::message))
                .containsExactly("first", "second", "third");
        assertThat(line.isEmpty()).isTrue();
    }

    /**
     * A parked caller at the front is admitted once the queue has {@code admitAtRoom} free, or once
     * it has used half its wait, whichever comes first; a caller that does not park is admitted into
     * whatever room there is.
     */
    @Test
    void parkedCallersWaitForMoreRoomUntilHalfwayToTheirDeadline() {
        AtomicLong now = new AtomicLong();
        EventQueue queue = filledQueue(8);
        WaitingLine line = new WaitingLine(100, 4, TIMEOUT, null, now::get);
        WaitingLine.Entry parked = line.joinParked(event(Level.INFO, "parked"), queue);
        LogEvent[] batch = new LogEvent[8];

        queue.drain(batch, 0, 3);
        line.admit(queue);
        assertThat(parked.state).as("room 3 of 4").isEqualTo(WaitingLine.Entry.WAITING);
        now.set(TIMEOUT / 2);
        line.admit(queue);
        assertThat(parked.state).as("halfway to its deadline").isEqualTo(WaitingLine.Entry.TAKEN);
        assertThat(queue.size()).isEqualTo(6);

        WaitingLine.Entry parkedAgain = line.joinParked(event(Level.INFO, "parked again"), FULL);
        queue.drain(batch, 0, 1);
        line.admit(queue);
        assertThat(parkedAgain.state).isEqualTo(WaitingLine.Entry.WAITING);
        queue.drain(batch, 0, 2);
        line.admit(queue);
        assertThat(parkedAgain.state).as("room 4 of 4").isEqualTo(WaitingLine.Entry.TAKEN);
        line.tellAccepted();

        WaitingLine.Entry notParking = line.join(event(Level.INFO, "not parking"), null, FULL);
        queue.drain(batch, 0, 8);
        queue.offer(event(Level.INFO, "fills"), false);
        for (int i = 0; i < 6; i++) {
            queue.offer(event(Level.INFO, "fills " + i), false);
        }
        line.admit(queue);
        assertThat(notParking.state).as("room 1 is enough").isEqualTo(WaitingLine.Entry.ADMITTED);
    }

    /**
     * A parked caller held back for more room is not dropped at its deadline if the worker freed
     * room meanwhile but had no round since: it admits itself, in its place in the line. With no
     * room it is dropped, as before; either way exactly once.
     */
    @Test
    void aParkedCallerAtItsDeadlineAdmitsItselfIfTheQueueHasRoom() {
        AtomicLong now = new AtomicLong();
        EventQueue queue = filledQueue(8);
        WaitingLine line = new WaitingLine(100, 4, TIMEOUT, null, now::get);
        WaitingLine.Entry parked = line.joinParked(event(Level.INFO, "parked"), queue);
        WaitingLine.Entry behind = line.joinParked(event(Level.INFO, "behind"), queue);
        LogEvent[] batch = new LogEvent[8];
        queue.drain(batch, 0, 1);
        line.admit(queue);
        assertThat(parked.state).as("room 1 of 4, not halfway").isEqualTo(WaitingLine.Entry.WAITING);

        now.set(TIMEOUT);
        assertThat(line.await(parked, queue)).isTrue();
        assertThat(parked.state).isEqualTo(WaitingLine.Entry.SELF_ADMITTED);
        assertThat(line.admitted()).isEqualTo(1);
        assertThat(line.await(behind, queue)).as("the room is spent").isFalse();
        assertThat(behind.state).isEqualTo(WaitingLine.Entry.EXPIRED);
        assertThat(line.expired()).isEqualTo(1);

        assertThat(queue.drain(batch, 0, 8)).isEqualTo(7);
        assertThat(line.takeInto(batch, 7, 1, queue)).isEqualTo(1);
        assertThat(batch[7].message()).isEqualTo("parked");
        assertThat(line.admitted()).isZero();
        assertThat(line.isEmpty()).isTrue();
    }

    /** The sweep expires the events of callers that do not park; a parked caller expires its own, or admits it if there is room. */
    @Test
    void theSweepLeavesParkedCallersToTheirOwnDeadline() {
        AtomicLong now = new AtomicLong();
        EventQueue queue = filledQueue(8);
        WaitingLine line = new WaitingLine(100, 4, TIMEOUT, new ManualTimer(), now::get);
        WaitingLine.Entry parked = line.joinParked(event(Level.INFO, "parked"), queue);
        CompletableFuture<Void> notParkingDone = new CompletableFuture<>();
        WaitingLine.Entry notParking = line.join(event(Level.INFO, "not parking"), told(notParkingDone), queue);
        LogEvent[] batch = new LogEvent[8];
        queue.drain(batch, 0, 1);  // room for one, and no round of the worker since

        now.set(TIMEOUT);
        line.sweep();
        assertThat(notParking.state).isEqualTo(WaitingLine.Entry.EXPIRED);
        assertThat(notParkingDone).isDone();
        assertThat(parked.state).isEqualTo(WaitingLine.Entry.WAITING);
        assertThat(line.await(parked, queue)).isTrue();
        assertThat(line.expired()).isEqualTo(1);
    }

    /**
     * The events of parked callers at the front of the line go into the queue as they are admitted,
     * so the line empties and the woken callers offer to the queue again, instead of joining behind
     * their own admitted events; an entry of a caller that does not park stays in the line, and the
     * ones behind it too, to keep the order.
     */
    @Test
    void parkedCallersAtTheFrontAreAdmittedIntoTheQueue() throws Exception {
        EventQueue queue = filledQueue(8);
        WaitingLine line = new WaitingLine(100, TIMEOUT, null);
        WaitingLine.Entry parked = line.joinParked(event(Level.INFO, "parked"), queue);
        WaitingLine.Entry notParking = line.join(event(Level.INFO, "not parking"), null, queue);
        WaitingLine.Entry parkedBehind = line.joinParked(event(Level.INFO, "parked behind"), queue);
        assertThat(List.of(parked.state, notParking.state, parkedBehind.state)).containsOnly(WaitingLine.Entry.WAITING);

        LogEvent[] batch = new LogEvent[8];
        assertThat(queue.drain(batch, 0, 4)).isEqualTo(4);
        line.admit(queue);
        line.tellAccepted();
        assertThat(parked.state).as("moved into the queue").isEqualTo(WaitingLine.Entry.TAKEN);
        assertThat(notParking.state).isEqualTo(WaitingLine.Entry.ADMITTED);
        assertThat(parkedBehind.state).as("behind one left in the line").isEqualTo(WaitingLine.Entry.ADMITTED);
        assertThat(queue.size()).isEqualTo(5);
        assertThat(line.admitted()).isEqualTo(2);
        assertThat(line.await(parked, queue)).isTrue();
        assertThat(line.await(parkedBehind, queue)).isTrue();

        assertThat(queue.drain(batch, 0, 8)).isEqualTo(5);
        assertThat(line.takeInto(batch, 5, 3, queue)).isEqualTo(2);
        assertThat(java.util.Arrays.stream(batch, 0, 7).map(LogEvent::message)).containsExactly(
                "queued 4", "queued 5", "queued 6", "queued 7", "parked", "not parking", "parked behind");
        assertThat(line.taken()).as("the moved one is the queue's").isEqualTo(2);
        assertThat(line.isEmpty()).isTrue();
    }

    /** Events a caller queued before it joined the line are written first: the worker takes only from a drained queue. */
    @Test
    void theWorkerTakesNothingWhileTheQueueHoldsEvents() {
        EventQueue queue = new EventQueue(4, 0);
        WaitingLine line = new WaitingLine(100, TIMEOUT, null);
        assertThat(queue.offer(event(Level.INFO, "queued first"), false)).isEqualTo(EventQueue.ACCEPTED);
        line.join(event(Level.INFO, "waiting second"), null, FULL);
        LogEvent[] batch = new LogEvent[4];
        assertThat(line.takeInto(batch, 0, 4, queue)).isZero();
        assertThat(queue.drain(batch, 0, 4)).isEqualTo(1);
        assertThat(line.takeInto(batch, 1, 3, queue)).isEqualTo(1);
        assertThat(batch[0].message()).isEqualTo("queued first");
        assertThat(batch[1].message()).isEqualTo("waiting second");
    }

    /** The worker wakes only the first parked caller of a take; each wakes the next. */
    @Test
    void everyParkedCallerOfATakeWakesUp() throws Exception {
        EventQueue queue = new EventQueue(16, 0);
        WaitingLine line = new WaitingLine(100, TimeUnit.SECONDS.toNanos(60), null);
        List<Thread> callers = new ArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            LogEvent event = event(Level.INFO, "e" + i);
            Thread caller = new Thread(() -> {
                if (line.await(line.joinParked(event, FULL), FULL)) {
                    accepted.incrementAndGet();
                }
            }, "caller-" + i);
            caller.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (caller.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.yield();
            }
            callers.add(caller);
        }
        assertThat(line.takeInto(new LogEvent[16], 0, 16, queue)).isEqualTo(5);
        line.tellAccepted();
        for (Thread caller : callers) {
            caller.join(10_000);
            assertThat(caller.isAlive()).as("%s woke up", caller.getName()).isFalse();
        }
        assertThat(accepted.get()).isEqualTo(5);
        assertThat(line.isEmpty()).isTrue();
    }

    @Test
    void theWorkerTellsListenedWaitersOnTheTimerInOneTaskAndResolvesTheOthersInPassing() {
        EventQueue queue = new EventQueue(16, 0);
        List<Runnable> tasks = new ArrayList<>();
        WaitingLine line = new WaitingLine(100, TIMEOUT, (task, delay) -> tasks.add(task));
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        AtomicInteger quietlyResolved = new AtomicInteger();
        AtomicInteger toldAlthoughNobodyListens = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            futures.add(done);
            line.join(event(Level.INFO, "listened " + i), told(done), FULL);
            line.join(event(Level.INFO, "fire and forget " + i), new LineWaiter() {
                @Override
                public void resolved() {
                    toldAlthoughNobodyListens.incrementAndGet();
                }

                @Override
                public boolean unheard() {
                    return true;
                }

                @Override
                public boolean resolvedQuietly() {
                    quietlyResolved.incrementAndGet();
                    return true;
                }
            }, FULL);
        }
        tasks.clear();  // the sweep
        assertThat(line.takeInto(new LogEvent[16], 0, 16, queue)).isEqualTo(6);
        line.tellAccepted();
        assertThat(quietlyResolved.get()).isEqualTo(3);
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        assertThat(tasks).hasSize(1);
        tasks.get(0).run();
        assertThat(futures).allMatch(CompletableFuture::isDone);
        assertThat(toldAlthoughNobodyListens.get()).isZero();
    }

    /** Rounds accepted while the telling task is pending go to that task: one task, not one per round, in order. */
    @Test
    void roundsAcceptedWhileTheTellingTaskIsPendingAreToldByIt() {
        List<Runnable> tasks = new ArrayList<>();
        AcceptedWaiters accepted = new AcceptedWaiters((task, delay) -> tasks.add(task));
        List<Integer> told = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 2; i++) {
                int n = round * 2 + i;
                accepted.add(() -> told.add(n));
            }
            accepted.tell();
        }
        assertThat(tasks).hasSize(1);
        assertThat(told).isEmpty();
        tasks.get(0).run();
        assertThat(told).containsExactly(0, 1, 2, 3, 4, 5);

        accepted.add(() -> told.add(6));
        accepted.tell();
        assertThat(tasks).as("a new task once the last one finished").hasSize(2);
        tasks.get(1).run();
        assertThat(told).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    /**
     * The end of a drain waits for the telling task: until it ran, the rounds handed over are not
     * told, and the wait gives up at its deadline; once it ran on another thread, the wait returns
     * with every waiter told.
     */
    @Test
    void theEndOfADrainWaitsUntilTheTellingTaskHasToldEveryRound() throws Exception {
        List<Runnable> tasks = new ArrayList<>();
        AcceptedWaiters accepted = new AcceptedWaiters((task, delay) -> tasks.add(task));
        AtomicInteger told = new AtomicInteger();
        accepted.add(told::incrementAndGet);
        accepted.add(told::incrementAndGet);
        accepted.tell();
        assertThat(accepted.awaitTold(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20))).as("never ran").isFalse();

        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return accepted.awaitTold(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        });
        waiting.await();
        assertThat(drained).isNotDone();
        new Thread(tasks.get(0)).start();
        assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(told.get()).isEqualTo(2);
        assertThat(accepted.awaitTold(System.nanoTime())).as("nothing pending").isTrue();
    }

    /** A caller's code that throws while its waiter is told does not keep the others, or later rounds, from hearing. */
    @Test
    void aWaiterThatThrowsWhenToldDoesNotSilenceTheOthers() {
        List<Runnable> tasks = new ArrayList<>();
        AcceptedWaiters accepted = new AcceptedWaiters((task, delay) -> tasks.add(task));
        List<String> told = new ArrayList<>();
        accepted.add(() -> {
            throw new IllegalStateException("a subscriber's chain failed");
        });
        accepted.add(() -> told.add("after the failure"));
        accepted.tell();
        tasks.get(0).run();
        assertThat(told).containsExactly("after the failure");

        accepted.add(() -> told.add("next round"));
        accepted.tell();
        assertThat(tasks).hasSize(2);
        tasks.get(1).run();
        assertThat(told).containsExactly("after the failure", "next round");
    }

    /** A telling task its scheduler dropped (shut down) loses its turn: later rounds, and its own, are still told. */
    @Test
    void aTellingTaskThatNeverStartsLosesItsTurnToANewOne() {
        List<Runnable> tasks = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        AcceptedWaiters accepted = new AcceptedWaiters((task, delay) -> tasks.add(task), now::get);
        List<Integer> told = new ArrayList<>();
        accepted.add(() -> told.add(0));
        accepted.tell();  // tasks.get(0) is never run: dropped
        now.addAndGet(AcceptedWaiters.STARTED_WITHIN_NANOS);
        accepted.add(() -> told.add(1));
        accepted.tell();
        assertThat(tasks).as("not overdue yet").hasSize(1);
        now.addAndGet(1);
        accepted.add(() -> told.add(2));
        accepted.tell();
        assertThat(tasks).hasSize(2);
        tasks.get(1).run();
        assertThat(told).containsExactly(0, 1, 2);
        tasks.get(0).run();  // if the dropped task runs after all, its turn is gone: it tells nothing twice
        assertThat(told).containsExactly(0, 1, 2);
    }

    /** A timer that refuses the task, with an exception or an error: the round is told on the calling thread. */
    @Test
    void aTimerThatRefusesTheTaskLeavesTheTellingToTheWorker() {
        List<Throwable> refusals = List.of(new RejectedExecutionException("shut down"),
                new OutOfMemoryError("unable to create native thread"));
        for (Throwable refusal : refusals) {
            AcceptedWaiters accepted = new AcceptedWaiters((task, delay) -> {
                if (refusal instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) refusal;
            });
            List<Integer> told = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                int n = round;
                accepted.add(() -> told.add(n));
                accepted.tell();
            }
            assertThat(told).as("refused with %s", refusal).containsExactly(0, 1, 2);
        }
    }

    /** A task tells at most ROUNDS_PER_TASK rounds, then a new task goes on, in order: no thread of a shared scheduler is held for long. */
    @Test
    void aTellingTaskHandsItsTurnOnAfterABudgetOfRounds() {
        List<Runnable> tasks = new ArrayList<>();
        AcceptedWaiters accepted = new AcceptedWaiters((task, delay) -> tasks.add(task));
        List<Integer> told = new ArrayList<>();
        int rounds = 2 * AcceptedWaiters.ROUNDS_PER_TASK + 5;
        for (int round = 0; round < rounds; round++) {
            int n = round;
            accepted.add(() -> told.add(n));
            accepted.tell();
        }
        assertThat(tasks).hasSize(1);
        tasks.get(0).run();
        assertThat(told).hasSize(AcceptedWaiters.ROUNDS_PER_TASK);
        assertThat(tasks).hasSize(2);
        tasks.get(1).run();
        tasks.get(2).run();
        assertThat(tasks).hasSize(3);
        assertThat(told).hasSize(rounds);
        for (int i = 0; i < rounds; i++) {
            assertThat(told.get(i)).isEqualTo(i);
        }
    }

    /**
     * The race between a telling task finishing and the worker handing over one more round, forced in
     * each of 20,000 trials: the round handed over just as the task ends is always told, and never
     * more than one telling task runs at a time.
     */
    @Test
    void aRoundHandedOverAsTheTellingTaskFinishesIsNeverLost() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try {
            AcceptedWaiters accepted = new AcceptedWaiters((task, delay) -> executor.execute(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    task.run();
                } finally {
                    running.decrementAndGet();
                }
            }));
            for (int trial = 0; trial < 20_000; trial++) {
                AtomicBoolean first = new AtomicBoolean();
                CountDownLatch second = new CountDownLatch(1);
                accepted.add(() -> first.set(true));
                accepted.tell();
                while (!first.get()) {
                    Thread.onSpinWait();  // the task is telling round one and about to finish
                }
                for (int spin = trial % 64; spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                accepted.add(second::countDown);
                accepted.tell();
                assertThat(second.await(10, TimeUnit.SECONDS)).as("trial %d: the second round told", trial).isTrue();
            }
            assertThat(mostAtOnce.get()).isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * A worker hands over 20,000 rounds while the telling tasks run on a pool of four threads: every
     * waiter is told exactly once and in order (one task at a time), and no round is left behind.
     */
    @Test
    void everyRoundHandedOverUnderConcurrencyIsToldOnceInOrder() throws Exception {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        try {
            AcceptedWaiters accepted = new AcceptedWaiters(
                    (task, delay) -> pool.schedule(task, delay, TimeUnit.NANOSECONDS));
            int rounds = 20_000;
            int perRound = 5;
            AtomicInteger next = new AtomicInteger();
            AtomicInteger outOfOrder = new AtomicInteger();
            CountDownLatch all = new CountDownLatch(rounds * perRound);
            Thread worker = new Thread(() -> {
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < perRound; i++) {
                        int n = round * perRound + i;
                        accepted.add(() -> {
                            if (next.getAndIncrement() != n) {
                                outOfOrder.incrementAndGet();
                            }
                            all.countDown();
                        });
                    }
                    accepted.tell();
                }
            }, "worker");
            worker.start();
            worker.join(30_000);
            assertThat(all.await(30, TimeUnit.SECONDS)).as("every waiter told").isTrue();
            assertThat(outOfOrder.get()).isZero();
            assertThat(next.get()).isEqualTo(rounds * perRound);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Many callers join at once, parked and not, while a worker drains a tiny queue and takes from
     * the line, and a sweep expires late events: every event ends exactly once (consumed or
     * expired), each caller's events arrive in order across queue and line, and every parked caller
     * and every future learns the outcome.
     */
    @RepeatedTest(5)
    void everyEventIsResolvedExactlyOnceUnderContention() throws Exception {
        resolvesEveryEventExactlyOnceUnderContention(1);
    }

    /** The same with parked callers admitted only once half the queue is free (or halfway to their deadline). */
    @RepeatedTest(5)
    void everyEventIsResolvedExactlyOnceUnderContentionWhenParkedCallersWaitForMoreRoom() throws Exception {
        resolvesEveryEventExactlyOnceUnderContention(4, 0);
    }

    /**
     * The same with every fifth event an {@code ERROR}, let into a reserve of 4 from behind waiting
     * ordinary events: still each once, in each caller's order, and none counted as waiting after.
     */
    @RepeatedTest(5)
    void everyEventIsResolvedExactlyOnceUnderContentionWithErrorsLetIntoTheReserve() throws Exception {
        resolvesEveryEventExactlyOnceUnderContention(4, 4);
    }

    private void resolvesEveryEventExactlyOnceUnderContention(int admitAtRoom) throws Exception {
        resolvesEveryEventExactlyOnceUnderContention(admitAtRoom, 0);
    }

    private void resolvesEveryEventExactlyOnceUnderContention(int admitAtRoom, int reserve) throws Exception {
        int producers = 8;
        int perProducer = 5_000;
        EventQueue queue = new EventQueue(8, reserve);
        AtomicBoolean sweeping = new AtomicBoolean(true);
        WaitingLine line = new WaitingLine(64, admitAtRoom, TimeUnit.MILLISECONDS.toNanos(2), null);
        if (reserve > 0) {
            line.protectLevels(errorProtected());
        }

        Set<String> consumed = new HashSet<>();
        int[] lastSeq = new int[producers];
        java.util.Arrays.fill(lastSeq, -1);
        AtomicBoolean producing = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<Throwable> workerFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            LogEvent[] batch = new LogEvent[4];
            while (producing.get() || !line.isEmpty() || queue.size() > 0) {
                int count = queue.drain(batch, 0, batch.length);
                if (count < batch.length) {
                    count += line.takeInto(batch, count, batch.length - count, queue);
                }
                line.admit(queue);
                line.tellAccepted();
                for (int i = 0; i < count; i++) {
                    String[] parts = batch[i].message().split("/");
                    int producer = Integer.parseInt(parts[0]);
                    int seq = Integer.parseInt(parts[1]);
                    assertThat(seq).isGreaterThan(lastSeq[producer]);
                    lastSeq[producer] = seq;
                    assertThat(consumed.add(batch[i].message())).isTrue();
                }
                if (count == 0) {
                    Thread.yield();
                }
            }
        }, "line-worker");
        worker.setUncaughtExceptionHandler((thread, error) -> workerFailure.set(error));
        Thread sweeper = new Thread(() -> {
            while (sweeping.get()) {
                line.sweep();
                Thread.yield();
            }
        }, "line-sweeper");

        AtomicLong droppedAtJoin = new AtomicLong();
        AtomicLong parkedAccepted = new AtomicLong();
        AtomicLong parkedDropped = new AtomicLong();
        List<CompletableFuture<Void>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger directlyAccepted = new AtomicInteger();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    boolean error = reserve > 0 && i % 5 == 0;
                    LogEvent event = event(error ? Level.ERROR : Level.INFO, producer + "/" + i);
                    // As Engine.offerInTurn: a parked caller's error goes ahead of the waiting events, not of
                    // those admitted in their place (its own last one may be among them)
                    boolean offers = error && producer % 2 == 0 ? line.admitted() <= 0 : line.isEmpty();
                    if (offers && queue.offer(event, error) == EventQueue.ACCEPTED) {
                        directlyAccepted.incrementAndGet();
                        continue;
                    }
                    if (producer % 2 == 0) {
                        WaitingLine.Entry entry = line.joinParked(event, queue);
                        if (line.await(entry, queue)) {
                            parkedAccepted.incrementAndGet();
                        } else {
                            parkedDropped.incrementAndGet();
                        }
                    } else {
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        WaitingLine.Entry entry = line.join(event, told(done), queue);
                        if (entry == null) {
                            droppedAtJoin.incrementAndGet();
                        } else if (!entry.accepted()) {
                            futures.add(done);  // still waiting: told when resolved (one that admitted itself never is)
                        }
                    }
                }
            }, "producer-" + p));
        }
        worker.start();
        sweeper.start();
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
            assertThat(thread.isAlive()).isFalse();
        }
        // Let the line empty: the last waiting events are taken or expire.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!line.isEmpty() && System.nanoTime() < deadline) {
            Thread.yield();
        }
        producing.set(false);
        worker.join(10_000);
        sweeping.set(false);
        sweeper.join(10_000);
        assertThat(worker.isAlive()).isFalse();
        assertThat(workerFailure.get()).isNull();

        long total = (long) producers * perProducer;
        assertThat(line.isEmpty()).isTrue();
        assertThat((long) consumed.size() + line.expired() + droppedAtJoin.get()).isEqualTo(total);
        assertThat(queue.acceptedCount() + line.taken()).isEqualTo(consumed.size());
        assertThat(parkedDropped.get()).isLessThanOrEqualTo(line.expired());
        assertThat(futures).allMatch(CompletableFuture::isDone);
        assertThat(line.cancelled()).isZero();
        assertThat(line.protectedWaiting()).isZero();
    }

    private static boolean[] errorProtected() {
        boolean[] levels = new boolean[Level.values().length];
        levels[Level.ERROR.ordinal()] = true;
        return levels;
    }

    /** A queue of capacity 2 and reserve 2, full of both: two ordinary events and two errors. */
    private static EventQueue fullWithItsReserve() {
        return fullWithItsReserve(2);
    }

    /** A queue of {@code capacity} and reserve 2, full of both: ordinary events, then two errors. */
    private static EventQueue fullWithItsReserve(int capacity) {
        EventQueue queue = new EventQueue(capacity, 2);
        for (int i = 0; i < capacity; i++) {
            queue.offer(event(Level.INFO, "q" + i), false);
        }
        queue.offer(event(Level.ERROR, "r0"), true);
        queue.offer(event(Level.ERROR, "r1"), true);
        return queue;
    }

    /**
     * A waiting {@code ERROR} behind a waiting ordinary event is let into the reserve as soon as the
     * worker frees room there (as a newcomer's error would be), while the ordinary one waits for room
     * of its own. Admitted in their place, they are taken after the events before them.
     */
    @Test
    void aWaitingErrorBehindAWaitingOrdinaryEventIsLetIntoTheFreeReserve() {
        AtomicLong now = new AtomicLong();
        EventQueue queue = fullWithItsReserve();
        WaitingLine line = new WaitingLine(10, TIMEOUT, (task, delay) -> { }, now::get);
        line.protectLevels(errorProtected());
        WaitingLine.Entry info = line.join(event(Level.INFO, "waiting info"), null, queue);
        WaitingLine.Entry parkedInfo = line.joinParked(event(Level.INFO, "parked info"), queue);
        WaitingLine.Entry error = line.join(event(Level.ERROR, "waiting error"), null, queue);
        WaitingLine.Entry parkedError = line.joinParked(event(Level.ERROR, "parked error"), queue);
        WaitingLine.Entry lateError = line.join(event(Level.ERROR, "late error"), null, queue);
        assertThat(line.protectedWaiting()).isEqualTo(3);

        LogEvent[] batch = new LogEvent[8];
        assertThat(queue.drain(batch, 0, 2)).isEqualTo(2);  // the queue stays at its capacity: room for errors only
        line.admit(queue);
        line.tellAccepted();

        assertThat(info.state).isEqualTo(WaitingLine.Entry.WAITING);
        assertThat(parkedInfo.state).isEqualTo(WaitingLine.Entry.WAITING);
        assertThat(error.state).isEqualTo(WaitingLine.Entry.ADMITTED);
        assertThat(parkedError.state).isEqualTo(WaitingLine.Entry.ADMITTED);
        assertThat(lateError.state).as("the reserve's two places are given").isEqualTo(WaitingLine.Entry.WAITING);
        assertThat(line.admitted()).isEqualTo(2);
        assertThat(line.protectedWaiting()).isEqualTo(1);
        assertThat(queue.room(true) - line.admitted()).isZero();

        now.set(TIMEOUT);
        line.sweep();
        assertThat(line.expired()).as("the ordinary one that found no room, and the last error").isEqualTo(2);
        assertThat(line.protectedWaiting()).isZero();
        assertThat(line.await(parkedInfo, queue)).isFalse();
        assertThat(line.await(parkedError, queue)).isTrue();
        assertThat(queue.drain(batch, 0, 8)).isEqualTo(2);
        assertThat(line.takeInto(batch, 0, 8, queue)).isEqualTo(2);
        assertThat(batch[0].message()).isEqualTo("waiting error");
        assertThat(batch[1].message()).isEqualTo("parked error");
        assertThat(line.admitted()).isZero();
        assertThat(line.isEmpty()).isTrue();
    }

    /**
     * A parked caller's error admitted in its place from behind a waiting event is moved into the
     * queue once it stands at the front, as one that admitted itself is, and so are the parked callers
     * behind it: the line does not carry their events.
     */
    @Test
    void aParkedCallersErrorAdmittedFromBehindGoesIntoTheQueueOnceAtTheFront() {
        AtomicLong now = new AtomicLong();
        EventQueue queue = fullWithItsReserve(4);
        WaitingLine line = new WaitingLine(10, TIMEOUT, (task, delay) -> { }, now::get);
        line.protectLevels(errorProtected());
        line.join(event(Level.INFO, "async info"), null, queue);
        WaitingLine.Entry error = line.joinParked(event(Level.ERROR, "parked error"), queue, 10 * TIMEOUT);
        LogEvent[] batch = new LogEvent[8];
        queue.drain(batch, 0, 2);
        line.admit(queue);
        assertThat(error.state).isEqualTo(WaitingLine.Entry.ADMITTED);
        WaitingLine.Entry parkedInfo = line.joinParked(event(Level.INFO, "parked info"), queue, 10 * TIMEOUT);
        now.set(TIMEOUT);
        line.sweep();  // the async info expires: the error stands at the front
        queue.drain(batch, 0, 2);
        line.admit(queue);
        assertThat(new int[] {error.state, parkedInfo.state})
                .containsExactly(WaitingLine.Entry.TAKEN, WaitingLine.Entry.TAKEN);
        assertThat(line.admitted()).isZero();
        assertThat(queue.size()).isEqualTo(4);
    }

    /**
     * A caller joining behind an error let in from behind a waiting ordinary event waits as behind
     * that one: it neither admits itself into room the worker freed nor offers past the line, ahead of
     * the event that waited longer (which would then find no room and be dropped).
     */
    @Test
    void aNewcomerBehindAnErrorLetInFromBehindDoesNotOvertakeTheEventsWaitingBeforeIt() {
        for (boolean parked : new boolean[] {false, true}) {
            AtomicLong now = new AtomicLong();
            EventQueue queue = fullWithItsReserve(4);
            WaitingLine line = new WaitingLine(10, TIMEOUT, (task, delay) -> { }, now::get);
            line.protectLevels(errorProtected());
            WaitingLine.Entry older = line.join(event(Level.INFO, "older"), null, queue);
            WaitingLine.Entry error = parked ? line.joinParked(event(Level.ERROR, "error"), queue)
                    : line.join(event(Level.ERROR, "error"), null, queue);
            LogEvent[] batch = new LogEvent[8];
            queue.drain(batch, 0, 2);
            line.admit(queue);
            assertThat(error.state).isEqualTo(WaitingLine.Entry.ADMITTED);

            queue.drain(batch, 0, 2);  // ordinary room, the queue not drained
            WaitingLine.Entry newer = line.join(event(Level.INFO, "newer"), null, queue);
            assertThat(newer.state).as("parked error: %s", parked).isEqualTo(WaitingLine.Entry.WAITING);
            line.admit(queue);
            assertThat(older.accepted()).as("the older one first, parked error: %s", parked).isTrue();
        }
    }

    /**
     * A parked thread's error let in from behind a waiting ordinary event stays in its place, so the
     * thread's next error joins the line behind it (Engine offers a protected level straight to the
     * reserve only while no event is admitted in its place) and comes after it.
     */
    @Test
    void aParkedThreadsErrorLetInFromBehindIsWrittenBeforeItsNextOne() throws Exception {
        AtomicLong now = new AtomicLong();
        EventQueue queue = fullWithItsReserve();
        WaitingLine line = new WaitingLine(10, TIMEOUT, (task, delay) -> { }, now::get);
        line.protectLevels(errorProtected());
        line.join(event(Level.INFO, "other thread's info"), null, queue);
        CountDownLatch joined = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            WaitingLine.Entry entry = line.joinParked(event(Level.ERROR, "first"), queue);
            joined.countDown();
            if (line.await(entry, queue)) {
                LogEvent second = event(Level.ERROR, "second");
                if (line.admitted() > 0) {  // as Engine.offerInTurn
                    line.join(second, null, queue);
                } else {
                    queue.offer(second, true);
                }
            }
        });
        thread.start();
        assertThat(joined.await(5, TimeUnit.SECONDS)).isTrue();
        LogEvent[] batch = new LogEvent[8];
        queue.drain(batch, 0, 2);
        awaitParkedIn(thread);
        line.admit(queue);
        line.tellAccepted();
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
        int count = queue.drain(batch, 0, 8);
        count += line.takeInto(batch, count, 8 - count, queue);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            written.add(batch[i].message());
        }
        assertThat(written).containsSubsequence("first", "second");
    }

    private static void awaitParkedIn(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }

    /**
     * In an error storm that keeps the reserve busy, a waiting {@code ERROR} behind a waiting ordinary
     * event gets the reserve's room the worker frees before newcomers' errors take it: before, it
     * was passed over at every round and dropped at its deadline.
     */
    @Test
    void aWaitingErrorIsNotPassedOverByNewcomersWhileAnOrdinaryEventWaitsBeforeIt() {
        AtomicLong now = new AtomicLong();
        EventQueue queue = fullWithItsReserve();
        WaitingLine line = new WaitingLine(10, TIMEOUT, (task, delay) -> { }, now::get);
        line.protectLevels(errorProtected());
        line.join(event(Level.INFO, "waiting info"), null, queue);
        WaitingLine.Entry error = line.join(event(Level.ERROR, "waiting error"), null, queue);
        LogEvent[] batch = new LogEvent[1];
        for (int round = 0; round < 5; round++) {
            now.addAndGet(TIMEOUT / 5);
            queue.drain(batch, 0, 1);
            line.admit(queue);
            queue.offer(event(Level.ERROR, "newcomer " + round), true);  // as Engine.offerInTurn: ahead of the line
        }
        line.sweep();
        assertThat(error.state).isEqualTo(WaitingLine.Entry.ADMITTED);
        assertThat(line.expired()).as("the ordinary one, which found no room of its own").isEqualTo(1);
    }

    /** The waiter of a caller that does not park, completing {@code future} when told. */
    private static LineWaiter told(CompletableFuture<Void> future) {
        return () -> future.complete(null);
    }
}
