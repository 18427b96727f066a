package io.fapilog.internal.engine;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting room of a queue: events of callers that must not block wait in the ring itself. */
class WaitingRoomTest {

    private static final long DEADLINE = 1_000;

    private static LogEvent event(String message) {
        return LogEvent.of(0, Level.INFO, "test", message);
    }

    private static List<String> drainAll(EventQueue queue) {
        LogEvent[] batch = new LogEvent[64];
        List<String> messages = new ArrayList<>();
        int count;
        while ((count = queue.drain(batch, 0, batch.length)) > 0 || !queue.isDrained()) {
            for (int i = 0; i < count; i++) {
                messages.add(batch[i].message());
            }
        }
        return messages;
    }

    /** Eight times a worker's share of the capacity, at least the share, and past that at most 131,072. */
    @ParameterizedTest(name = "share {0}: {1}")
    @CsvSource({"1, 8", "16, 128", "10000, 80000", "16384, 131072", "20000, 131072", "131072, 131072", "200000, 200000",
            "2147483647, 2147483647"})
    void theWaitingBoundCoversAStallOfTheWorker(int share, int bound) {
        assertThat(Engine.waitingBound(share)).isEqualTo(bound);
    }

    /** A single worker's room: at least the waiting bound, and the rest of the ring (a power of two) beyond the queue. */
    @ParameterizedTest(name = "capacity {0}, reserve {1}: {2}")
    @CsvSource({"1, 0, 15", "16, 8, 232", "10000, 1000, 120072", "10000, 0, 121072", "16384, 0, 245760",
            "131072, 0, 131072", "200000, 1000, 323288"})
    void aSingleWorkersWaitingRoomFillsTheRing(int capacity, int reserve, int room) {
        assertThat(Engine.waitingRoom(capacity, reserve)).isEqualTo(room);
        assertThat(Integer.bitCount(capacity + reserve + room)).isOne();
        assertThat(room).isGreaterThanOrEqualTo(Engine.waitingBound(capacity));
    }

    @Test
    void eventsBeyondTheCapacityWaitInTheRingUpToTheWaitingRoomThenAreRefused() {
        EventQueue queue = new EventQueue(2, 0, 3);

        assertThat(queue.offerToWait(event("a"), DEADLINE, null)).isEqualTo(EventQueue.ACCEPTED);
        assertThat(queue.offerToWait(event("b"), DEADLINE, null)).isEqualTo(EventQueue.ACCEPTED);
        assertThat(queue.offer(event("ordinary"), false)).isEqualTo(EventQueue.FULL);
        assertThat(queue.offerToWait(event("c"), DEADLINE, null)).isEqualTo(EventQueue.WAITING);
        assertThat(queue.offerToWait(event("d"), DEADLINE, null)).isEqualTo(EventQueue.WAITING);
        assertThat(queue.waitingRoomFull()).isFalse();
        assertThat(queue.offerToWait(event("e"), DEADLINE, null)).isEqualTo(EventQueue.WAITING);
        assertThat(queue.waitingRoomFull()).isTrue();
        assertThat(queue.offerToWait(event("f"), DEADLINE, null)).isEqualTo(EventQueue.FULL);
        assertThat(queue.size()).isEqualTo(5);

        assertThat(drainAll(queue)).containsExactly("a", "b", "c", "d", "e");
        assertThat(queue.expiredCount()).isZero();
    }

    /**
     * At a deadline the sweep expires an event room did not come for, and admits (and tells) one
     * room came for that the consumer has not told yet, busy as it may be in a slow sink.
     */
    @Test
    void aSweepExpiresOnlyTheWaitingEventsNotAdmittedByTheirDeadline() {
        EventQueue queue = new EventQueue(2, 0, 4);
        queue.offerToWait(event("a"), 100, null);
        queue.offerToWait(event("b"), 100, null);
        queue.offerToWait(event("c"), 100, null);   // waits: slot 2, admitted once 1 is drained
        queue.offerToWait(event("d"), 200, null);   // waits: admitted once 2 are drained
        queue.offerToWait(event("e"), 300, null);
        LogEvent[] batch = new LogEvent[1];
        assertThat(queue.drain(batch, 0, 1)).isEqualTo(1);  // "a" out: "c" admitted

        assertThat(queue.expireWaiting(99)).isEqualTo(1);    // nothing due; "c" is next, 1 ns on
        assertThat(queue.hasUnresolvedWaiting()).isTrue();
        long next = queue.expireWaiting(250);                // "c" admitted, "d" due and not admitted; "e" is not due
        assertThat(next).isEqualTo(50);
        assertThat(queue.expiredCount()).isEqualTo(1);
        assertThat(queue.queued()).isEqualTo(3);             // "b", "c", "e": the expired "d" is not queued
        assertThat(queue.expireWaiting(250)).isEqualTo(50);  // each resolved once
        assertThat(queue.expiredCount()).isEqualTo(1);
        assertThat(queue.hasUnresolvedWaiting()).isTrue();   // "e"

        assertThat(drainAll(queue)).containsExactly("b", "c", "e");
        assertThat(queue.acceptedCount()).isEqualTo(5);      // accepted, then one dropped: 4 drained + 1 expired
        assertThat(queue.queued()).isZero();
        assertThat(queue.hasUnresolvedWaiting()).isFalse();
        assertThat(queue.expireWaiting(1_000)).isEqualTo(-1);
    }

    @Test
    void aSlotReusedAfterAWaitingEventIsAnOrdinaryOneAgain() {
        EventQueue queue = new EventQueue(1, 0, 1);  // two slots
        queue.offerToWait(event("a"), 100, null);
        queue.offerToWait(event("waits"), 100, null);
        assertThat(drainAll(queue)).containsExactly("a", "waits");
        queue.offer(event("b"), false);
        queue.offer(event("c"), false);  // full: refused
        assertThat(drainAll(queue)).containsExactly("b");
        queue.offer(event("d"), false);  // the slot "waits" had

        assertThat(queue.expireWaiting(10_000)).isEqualTo(-1);
        assertThat(drainAll(queue)).containsExactly("d");
        assertThat(queue.expiredCount()).isZero();
    }

    @Test
    void protectedEventsUseTheReserveBeyondTheWaitingEvents() {
        EventQueue queue = new EventQueue(2, 1, 3);
        for (String message : List.of("a", "b", "c", "d", "e")) {
            queue.offerToWait(event(message), DEADLINE, null);
        }
        assertThat(queue.offer(event("error"), true)).isEqualTo(EventQueue.ACCEPTED);
        assertThat(queue.offer(event("error 2"), true)).isEqualTo(EventQueue.FULL);  // the reserve is one

        assertThat(drainAll(queue)).containsExactly("a", "b", "c", "d", "e", "error");
        // With nobody waiting the reserve is what it was.
        queue.offer(event("f"), false);
        queue.offer(event("g"), false);
        assertThat(queue.offer(event("error 3"), true)).isEqualTo(EventQueue.ACCEPTED);
        assertThat(queue.offer(event("error 4"), true)).isEqualTo(EventQueue.FULL);
    }

    /** A caller's code that throws when told of its expired event keeps the sweep from none of the others. */
    @Test
    void aWaiterThatThrowsDoesNotEndTheSweep() {
        EventQueue queue = new EventQueue(1, 0, 2);
        AtomicInteger told = new AtomicInteger();
        queue.offer(event("a"), false);
        queue.offerToWait(event("b"), 100, () -> {
            told.incrementAndGet();
            throw new IllegalStateException("the caller's chain fails");
        });
        queue.offerToWait(event("c"), 100, told::incrementAndGet);

        assertThat(queue.expireWaiting(200)).isEqualTo(-1);
        assertThat(queue.expiredCount()).isEqualTo(2);
        assertThat(told.get()).isEqualTo(2);
        assertThat(queue.hasUnresolvedWaiting()).isFalse();
    }

    /** A waiter is told once: by the worker as it admits the event, or by the sweep that expires it. */
    @Test
    void waitersAreToldOnceWhenTheirEventIsAdmittedOrExpires() {
        AcceptedWaiters accepted = new AcceptedWaiters(null);
        EventQueue queue = new EventQueue(2, 0, 4, accepted);
        AtomicInteger[] told = new AtomicInteger[5];
        for (int i = 0; i < told.length; i++) {
            told[i] = new AtomicInteger();
        }
        for (int i = 0; i < 5; i++) {
            AtomicInteger count = told[i];
            assertThat(queue.offerToWait(event("e" + i), 100 * (i + 1), count::incrementAndGet))
                    .isEqualTo(i < 2 ? EventQueue.ACCEPTED : EventQueue.WAITING);
        }
        LogEvent[] batch = new LogEvent[1];
        queue.drain(batch, 0, 1);   // "e0" out: "e2" admitted
        queue.admitWaiting();
        accepted.tell();
        assertThat(told).extracting(AtomicInteger::get).containsExactly(0, 0, 1, 0, 0);

        queue.expireWaiting(450);   // "e3" (400) expires, "e4" (500) not due
        assertThat(told).extracting(AtomicInteger::get).containsExactly(0, 0, 1, 1, 0);

        queue.admitWaiting();       // nothing new admitted
        accepted.tell();
        assertThat(drainAll(queue)).containsExactly("e1", "e2", "e4");  // "e4" told as it is drained
        accepted.tell();
        assertThat(told).extracting(AtomicInteger::get).containsExactly(0, 0, 1, 1, 1);
        queue.admitWaiting();
        queue.expireWaiting(10_000);
        accepted.tell();
        assertThat(told).extracting(AtomicInteger::get).containsExactly(0, 0, 1, 1, 1);
        assertThat(queue.expiredCount()).isEqualTo(1);
    }

    /** A waiter that listens only when asked to: records its seat, counts how often it is told. */
    static class LateWaiter implements LineWaiter {
        final AtomicInteger told = new AtomicInteger();
        private final Runnable onTold;
        WaitingRoom room;
        long index;

        @Override
        public boolean seated(WaitingRoom room, long index) {
            this.room = room;
            this.index = index;
            return true;
        }

        LateWaiter() {
            this(() -> { });
        }

        LateWaiter(Runnable onTold) {
            this.onTold = onTold;
        }

        boolean listen() {
            return room.listen(index);
        }

        @Override
        public void resolved() {
            told.incrementAndGet();
            onTold.run();
        }
    }

    /**
     * A waiter that asks to be told only once it listens is told by whoever resolves its slot
     * (the worker admitting or draining it, the sweep expiring it) if it listened before, exactly
     * once; if it never listens, nobody looks at it; if it listens too late, it learns so.
     */
    @Test
    void aWaiterThatListensLateIsToldOnlyIfItListenedBeforeItsEventWasResolved() {
        AcceptedWaiters accepted = new AcceptedWaiters(null);
        EventQueue queue = new EventQueue(2, 0, 6, accepted);
        queue.offer(event("a"), false);
        queue.offer(event("b"), false);
        LateWaiter[] waiters = new LateWaiter[5];
        for (int i = 0; i < waiters.length; i++) {
            waiters[i] = new LateWaiter();
            assertThat(queue.offerToWait(event("w" + i), 100 * (i + 1), waiters[i])).isEqualTo(EventQueue.WAITING);
        }
        assertThat(waiters[0].listen()).isTrue();
        assertThat(waiters[0].listen()).as("asked once").isFalse();

        LogEvent[] batch = new LogEvent[2];
        queue.drain(batch, 0, 2);  // room for w0 and w1
        queue.admitWaiting();
        accepted.tell();
        assertThat(waiters[0].told.get()).as("listened before its admission").isEqualTo(1);
        assertThat(waiters[1].told.get()).as("never listened: nobody looked").isZero();
        assertThat(waiters[1].listen()).as("admitted already: it resolves itself").isFalse();

        assertThat(waiters[2].listen()).isTrue();
        assertThat(waiters[3].listen()).isTrue();
        queue.expireWaiting(350);  // w2 (300) expires, w3 (400) not due
        assertThat(waiters[2].told.get()).isEqualTo(1);
        assertThat(waiters[2].listen()).isFalse();
        assertThat(queue.expiredCount()).isEqualTo(1);

        assertThat(drainAll(queue)).containsExactly("w0", "w1", "w3", "w4");  // w3 and w4 kept as they are drained
        accepted.tell();
        assertThat(waiters[3].told.get()).as("listened, resolved as drained").isEqualTo(1);
        assertThat(waiters[4].told.get()).isZero();
        assertThat(waiters[4].listen()).isFalse();
        queue.expireWaiting(10_000);
        accepted.tell();
        assertThat(waiters).extracting(waiter -> waiter.told.get()).containsExactly(1, 0, 1, 1, 0);
        assertThat(queue.hasUnresolvedWaiting()).isFalse();
    }

    /**
     * A waiter that asks to listen after its event was written, once a later event waits in the
     * same slot, is told it is too late, and leaves that event's slot alone (whose waiter, here
     * none, is then never looked for).
     */
    @Test
    void aLateListenerNeverMarksALaterEventInItsSlot() {
        AcceptedWaiters accepted = new AcceptedWaiters((task, delay) -> task.run());  // with a timer, as in an engine
        EventQueue queue = new EventQueue(1, 0, 1, accepted);
        LateWaiter first = new LateWaiter();
        assertThat(queue.offerToWait(event("queued"), DEADLINE, null)).isEqualTo(EventQueue.ACCEPTED);
        assertThat(queue.offerToWait(event("first"), DEADLINE, first)).isEqualTo(EventQueue.WAITING);
        assertThat(drainAll(queue)).containsExactly("queued", "first");

        assertThat(queue.offerToWait(event("queued again"), DEADLINE, null)).isEqualTo(EventQueue.ACCEPTED);
        assertThat(queue.offerToWait(event("second, same slot"), DEADLINE, null)).isEqualTo(EventQueue.WAITING);
        assertThat(first.listen()).isFalse();
        LogEvent[] batch = new LogEvent[1];
        queue.drain(batch, 0, 1);
        queue.admitWaiting();
        accepted.tell();
        assertThat(drainAll(queue)).containsExactly("second, same slot");
        assertThat(first.told.get()).isZero();
    }

    /**
     * A room waiter that asked to be told is known to have a listener: the worker hands it to the
     * telling task without reading it (it was made up to a waiting room ago, so every read is a
     * cache miss on the worker), and the task tells it.
     */
    @Test
    void theWorkerHandsAListenedWaiterToTheTellingTaskWithoutReadingIt() {
        List<Runnable> tasks = new ArrayList<>();
        AcceptedWaiters accepted = new AcceptedWaiters((task, delay) -> tasks.add(task));
        EventQueue queue = new EventQueue(1, 0, 1, accepted);
        AtomicInteger readByWorker = new AtomicInteger();
        LateWaiter waiter = new LateWaiter() {
            @Override
            public boolean unheard() {
                readByWorker.incrementAndGet();
                return false;
            }

            @Override
            public boolean resolvedQuietly() {
                readByWorker.incrementAndGet();
                return false;
            }
        };
        assertThat(queue.offerToWait(event("queued"), DEADLINE, null)).isEqualTo(EventQueue.ACCEPTED);
        assertThat(queue.offerToWait(event("waiting"), DEADLINE, waiter)).isEqualTo(EventQueue.WAITING);
        assertThat(waiter.listen()).isTrue();

        LogEvent[] batch = new LogEvent[1];
        queue.drain(batch, 0, 1);
        queue.admitWaiting();
        accepted.tell();
        assertThat(readByWorker.get()).isZero();
        assertThat(waiter.told.get()).as("told by the task, not the worker").isZero();
        assertThat(tasks).hasSize(1);

        tasks.get(0).run();
        assertThat(waiter.told.get()).isEqualTo(1);
        assertThat(drainAll(queue)).containsExactly("waiting");
    }

    /** A consumer stuck in a slow sink does not tell the waiters of the events it made room for: the sweep does, once. */
    @Test
    void theSweepTellsAnAdmittedEventsWaiterTheConsumerHasNotToldYet() {
        AcceptedWaiters accepted = new AcceptedWaiters(null);
        EventQueue queue = new EventQueue(2, 0, 2, accepted);
        AtomicInteger told = new AtomicInteger();
        queue.offerToWait(event("a"), 100, null);
        queue.offerToWait(event("b"), 100, null);
        assertThat(queue.offerToWait(event("c"), 100, told::incrementAndGet)).isEqualTo(EventQueue.WAITING);
        LogEvent[] batch = new LogEvent[1];
        queue.drain(batch, 0, 1);   // room for "c"; the consumer goes on to write "a" and does not admit yet

        queue.expireWaiting(150);
        assertThat(told.get()).isEqualTo(1);
        assertThat(queue.expiredCount()).isZero();
        assertThat(queue.hasUnresolvedWaiting()).isFalse();

        queue.admitWaiting();
        accepted.tell();
        assertThat(drainAll(queue)).containsExactly("b", "c");
        accepted.tell();
        assertThat(told.get()).isEqualTo(1);
    }

    /** Events that waited and were admitted count against the capacity again, not beside the reserve. */
    @Test
    void theReserveBeyondTheWaitingRoomShrinksAsWaitingEventsAreAdmitted() {
        EventQueue queue = new EventQueue(2, 1, 3);
        for (String message : List.of("a", "b", "c", "d", "e")) {
            queue.offerToWait(event(message), DEADLINE, null);
        }
        LogEvent[] batch = new LogEvent[2];
        assertThat(queue.drain(batch, 0, 2)).isEqualTo(2);
        queue.admitWaiting();  // "c" and "d" admitted: within the capacity now; "e" still waits

        assertThat(queue.offer(event("error"), true)).isEqualTo(EventQueue.ACCEPTED);
        assertThat(queue.offer(event("error 2"), true)).isEqualTo(EventQueue.FULL);  // the reserve is one
        assertThat(drainAll(queue)).containsExactly("c", "d", "e", "error");
    }

    @Test
    void aClosedQueueRefusesWaitersAndStillDrainsTheWaitingEvents() {
        EventQueue queue = new EventQueue(1, 0, 2);
        queue.offerToWait(event("a"), DEADLINE, null);
        queue.offerToWait(event("b"), DEADLINE, null);
        queue.close();
        assertThat(queue.offerToWait(event("c"), DEADLINE, null)).isEqualTo(EventQueue.CLOSED);
        assertThat(drainAll(queue)).containsExactly("a", "b");
    }

    /**
     * Producers offering to wait, a consumer draining and a sweep expiring, on a clock that ticks at
     * every offer (so deadlines grow along the ring, as they do with a real clock; read in steps, many
     * events share one, as callers reading the clock at once do): every accepted
     * event is drained or expired exactly once, each producer's drained events keep their order, and
     * every waiter that listens is told exactly once (one that asks to listen at once, racing the
     * consumer and the sweep, is told exactly when its request came in time); the others never.
     */
    @ParameterizedTest(name = "capacity {0}, clock step {1}, repetition {2}")
    @CsvSource({"64, 1, 1", "64, 1, 2", "64, 256, 1", "1, 1, 1", "1, 1, 2", "1, 256, 1", "1, 256, 2"})
    void underContentionEveryWaitingEventIsDrainedOrExpiredExactlyOnce(int capacity, int clockStep, int repetition) throws Exception {
        int producers = 6;
        int perProducer = 30_000;
        AcceptedWaiters accepted = new AcceptedWaiters(null);
        // Capacity 1: a waiting event is admitted and drained within two events, so the sweep and the consumer race for it.
        EventQueue queue = new EventQueue(capacity, 4, 64, accepted);
        CountDownLatch start = new CountDownLatch(1);
        long[] refused = new long[producers];
        long[] waited = new long[producers];
        long[] toBeTold = new long[producers];
        long[] mayBeTold = new long[producers];
        AtomicLong told = new AtomicLong();
        AtomicLong clock = new AtomicLong();
        AtomicLong toldTwice = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    // Expires about 500 offers later unless admitted; with a coarse clock (step 256, more than a
                    // lap of the 128-slot ring) events a lap apart in one slot often share a deadline.
                    long deadline = clock.incrementAndGet() / clockStep * clockStep + 500;
                    AtomicBoolean once = new AtomicBoolean();
                    Runnable tell = () -> {
                        told.incrementAndGet();
                        if (!once.compareAndSet(false, true)) {
                            toldTwice.incrementAndGet();
                        }
                    };
                    // Every third listens only when asked, and is asked at once; every third one after it never.
                    int kind = i % 3;
                    LineWaiter waiter = kind == 0 ? tell::run : new LateWaiter(tell);
                    int result = queue.offerToWait(event(producer + ":" + i), deadline, waiter);
                    if (result == EventQueue.FULL) {
                        refused[producer]++;
                    } else if (result == EventQueue.WAITING) {
                        waited[producer]++;
                        if (kind == 0 || (kind == 1 && ((LateWaiter) waiter).listen())) {
                            toBeTold[producer]++;
                        } else if (kind == 1) {
                            mayBeTold[producer]++;  // too late, or resolved as it asked: it may have been told as well
                        }
                    }
                }
            }, "producer-" + p);
            threads.add(thread);
            thread.start();
        }
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread sweeper = new Thread(() -> {
            while (producing.get()) {
                queue.expireWaiting(clock.get());
            }
        }, "sweeper");
        sweeper.start();
        start.countDown();
        // The consumer starts once the sweep expired some: with the room full, it finds due events not admitted.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.expiredCount() == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(queue.expiredCount()).isPositive();

        Map<Integer, Integer> lastSeen = new HashMap<>();
        long drained = 0;
        LogEvent[] batch = new LogEvent[32];
        boolean done = false;
        while (!done) {
            done = threads.stream().noneMatch(Thread::isAlive);
            int count;
            while ((count = queue.drain(batch, 0, batch.length)) > 0 || !queue.isDrained()) {
                queue.admitWaiting();
                accepted.tell();
                for (int i = 0; i < count; i++) {
                    String[] parts = batch[i].message().split(":");
                    int producer = Integer.parseInt(parts[0]);
                    int seq = Integer.parseInt(parts[1]);
                    assertThat(seq).isGreaterThan(lastSeen.getOrDefault(producer, -1));
                    lastSeen.put(producer, seq);
                    drained++;
                }
            }
        }
        producing.set(false);
        sweeper.join(10_000);
        queue.expireWaiting(clock.get());
        drained += drainAll(queue).size();
        accepted.tell();

        long totalRefused = 0;
        long totalWaited = 0;
        long totalToBeTold = 0;
        long totalMayBeTold = 0;
        for (int p = 0; p < producers; p++) {
            totalRefused += refused[p];
            totalWaited += waited[p];
            totalToBeTold += toBeTold[p];
            totalMayBeTold += mayBeTold[p];
        }
        assertThat(totalWaited).isPositive();
        assertThat(totalToBeTold).isLessThan(totalWaited);
        assertThat(told.get()).as("every waiter that listened in time, none that never listened")
                .isBetween(totalToBeTold, totalToBeTold + totalMayBeTold);
        assertThat(toldTwice.get()).isZero();
        assertThat(queue.acceptedCount()).isEqualTo((long) producers * perProducer - totalRefused);
        assertThat(drained + queue.expiredCount()).isEqualTo(queue.acceptedCount());
        assertThat(queue.queued()).isZero();  // every expired event drained is one the sweep counted
        assertThat(queue.hasUnresolvedWaiting()).isFalse();
        assertThat(queue.expireWaiting(Long.MAX_VALUE / 2)).isEqualTo(-1);
    }
}
