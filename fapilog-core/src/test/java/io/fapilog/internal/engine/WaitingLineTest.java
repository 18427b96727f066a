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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting line on its own: order, bound, expiry by the sweep, and exactly-once resolution under contention. */
class WaitingLineTest {

    private static final long TIMEOUT = TimeUnit.MILLISECONDS.toNanos(50);
    private static final boolean[] ERRORS_PROTECTED = protectedFrom(Level.ERROR);

    private static boolean[] protectedFrom(Level lowest) {
        boolean[] result = new boolean[Level.values().length];
        for (Level level : Level.values()) {
            result[level.ordinal()] = level.ordinal() >= lowest.ordinal();
        }
        return result;
    }

    private static LogEvent event(Level level, String message) {
        return LogEvent.of(0, level, "test", message);
    }

    /** A timer that only records what it was asked to run, and when. */
    private static final class ManualTimer implements SweepTimer {
        final List<Long> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable task, long delayNanos) {
            delays.add(delayNanos);
        }
    }

    @Test
    void sweepExpiresAtEachDeadlineRatherThanOneTimeoutAfterTheLastSweep() {
        AtomicLong now = new AtomicLong();
        ManualTimer timer = new ManualTimer();
        WaitingLine line = new WaitingLine(10, TIMEOUT, timer, now::get);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();

        line.join(event(Level.INFO, "first"), told(first));
        now.set(TIMEOUT / 2);
        line.join(event(Level.INFO, "second"), told(second));
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
        line.join(event(Level.INFO, "first"), null);
        now.set(1_000);
        line.join(event(Level.INFO, "second"), null);
        now.set(TIMEOUT);
        line.sweep();
        assertThat(timer.delays).containsExactly(TIMEOUT, WaitingLine.MIN_SWEEP_NANOS);
    }

    /**
     * Callers that moved their own events (room was free when they joined) leave resolved entries
     * until the worker's next round unlinks them; those must not count against the bound, or a
     * line nobody waits in refuses events while the queue has room.
     */
    @Test
    void resolvedEntriesTheWorkerHasNotUnlinkedDoNotFillTheBound() {
        EventQueue queue = new EventQueue(100, 0);
        WaitingLine line = new WaitingLine(3, TIMEOUT, null);
        for (int i = 0; i < 3 * WaitingLine.LINKED_PER_BOUND; i++) {
            assertThat(line.join(event(Level.INFO, "e" + i), null)).as("join %d", i).isNotNull();
            line.moveWhileRoom(queue, ERRORS_PROTECTED);
            assertThat(line.isEmpty()).isTrue();
        }
        assertThat(queue.size()).isEqualTo(3 * WaitingLine.LINKED_PER_BOUND);
        assertThat(line.join(event(Level.INFO, "over the memory cap"), null)).isNull();
        line.moveInto(queue, ERRORS_PROTECTED); // the worker's round unlinks them
        assertThat(line.linked()).isZero();
        assertThat(line.join(event(Level.INFO, "after the round"), null)).isNotNull();
    }

    @Test
    void callersThatDoNotParkFindTheLineBoundedParkingOnesDoNot() {
        WaitingLine line = new WaitingLine(3, TIMEOUT, null);
        for (int i = 0; i < 3; i++) {
            assertThat(line.join(event(Level.INFO, "e" + i), null)).isNotNull();
        }
        assertThat(line.join(event(Level.INFO, "refused"), null)).isNull();
        assertThat(line.joinParked(event(Level.INFO, "parked"))).isNotNull();
        assertThat(line.linked()).isEqualTo(4);
    }

    @Test
    void theWorkerMovesWaitingEventsInOrderWhileTheQueueHasRoom() {
        EventQueue queue = new EventQueue(4, 2);
        WaitingLine line = new WaitingLine(100, TIMEOUT, null);
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            futures.add(done);
            line.join(event(Level.INFO, "e" + i), told(done));
        }
        assertThat(line.moveInto(queue, ERRORS_PROTECTED)).isFalse();
        assertThat(futures.subList(0, 4)).allMatch(CompletableFuture::isDone);
        assertThat(futures.subList(4, 6)).noneMatch(CompletableFuture::isDone);
        assertThat(line.linked()).isEqualTo(2);

        LogEvent[] batch = new LogEvent[8];
        assertThat(queue.drain(batch, 0, 8)).isEqualTo(4);
        assertThat(line.moveInto(queue, ERRORS_PROTECTED)).isTrue();
        assertThat(queue.drain(batch, 4, 8)).isEqualTo(2);
        for (int i = 0; i < 6; i++) {
            assertThat(batch[i].message()).isEqualTo("e" + i);
        }
        assertThat(line.linked()).isZero();
    }

    /** The worker wakes only the first parked caller of a round; each wakes the next. */
    @Test
    void everyParkedCallerOfARoundWakesUp() throws Exception {
        EventQueue queue = new EventQueue(16, 0);
        WaitingLine line = new WaitingLine(100, TimeUnit.SECONDS.toNanos(60), null);
        List<Thread> callers = new ArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            LogEvent event = event(Level.INFO, "e" + i);
            Thread caller = new Thread(() -> {
                if (line.await(line.joinParked(event))) {
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
        assertThat(line.moveInto(queue, ERRORS_PROTECTED)).isTrue();
        for (Thread caller : callers) {
            caller.join(10_000);
            assertThat(caller.isAlive()).as("%s woke up", caller.getName()).isFalse();
        }
        assertThat(accepted.get()).isEqualTo(5);
        assertThat(queue.size()).isEqualTo(5);
    }

    @Test
    void theWorkerCompletesFuturesOnTheTimerInOneTask() {
        EventQueue queue = new EventQueue(16, 0);
        List<Runnable> tasks = new ArrayList<>();
        WaitingLine line = new WaitingLine(100, TIMEOUT, (task, delay) -> tasks.add(task));
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            futures.add(done);
            line.join(event(Level.INFO, "e" + i), told(done));
        }
        tasks.clear();  // the sweep
        line.moveInto(queue, ERRORS_PROTECTED);
        assertThat(futures).noneMatch(CompletableFuture::isDone);
        assertThat(tasks).hasSize(1);
        tasks.get(0).run();
        assertThat(futures).allMatch(CompletableFuture::isDone);
    }

    @Test
    void aProtectedEventInTheLineMayUseTheReserve() {
        EventQueue queue = new EventQueue(1, 1);
        assertThat(queue.offer(event(Level.INFO, "fills"), false)).isEqualTo(EventQueue.ACCEPTED);
        WaitingLine line = new WaitingLine(100, TIMEOUT, null);
        line.join(event(Level.ERROR, "error"), null);
        assertThat(line.moveInto(queue, ERRORS_PROTECTED)).isTrue();
        assertThat(queue.size()).isEqualTo(2);
    }

    /**
     * Many callers join at once, parked and not, while a worker drains a tiny queue and moves the
     * line, callers move it too when they find room, and a sweep expires late events: every event
     * ends exactly once (consumed or expired), each caller's events arrive in order, and every
     * parked caller and every future learns the outcome.
     */
    @RepeatedTest(5)
    void everyEventIsResolvedExactlyOnceUnderContention() throws Exception {
        int producers = 8;
        int perProducer = 5_000;
        EventQueue queue = new EventQueue(8, 0);
        AtomicBoolean sweeping = new AtomicBoolean(true);
        WaitingLine line = new WaitingLine(64, TimeUnit.MILLISECONDS.toNanos(2), null);
        boolean[] none = new boolean[Level.values().length];

        Set<String> consumed = new HashSet<>();
        int[] lastSeq = new int[producers];
        java.util.Arrays.fill(lastSeq, -1);
        AtomicBoolean producing = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<Throwable> workerFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = new Thread(() -> {
            LogEvent[] batch = new LogEvent[4];
            while (producing.get() || !line.isEmpty() || queue.size() > 0) {
                int count = queue.drain(batch, 0, batch.length);
                line.moveInto(queue, none);
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
                    LogEvent event = event(Level.INFO, producer + "/" + i);
                    if (line.isEmpty() && queue.offer(event, false) == EventQueue.ACCEPTED) {
                        directlyAccepted.incrementAndGet();
                        continue;
                    }
                    if (producer % 2 == 0) {
                        WaitingLine.Entry entry = line.joinParked(event);
                        if (queue.hasRoom()) {
                            line.moveWhileRoom(queue, none);
                        }
                        if (line.await(entry)) {
                            parkedAccepted.incrementAndGet();
                        } else {
                            parkedDropped.incrementAndGet();
                        }
                    } else {
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        if (line.join(event, told(done)) == null) {
                            droppedAtJoin.incrementAndGet();
                        } else {
                            futures.add(done);
                            if (queue.hasRoom()) {
                                line.moveWhileRoom(queue, none);
                            }
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
        // Let the line empty: the last waiting events are moved or expire.
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
        assertThat(queue.acceptedCount()).isEqualTo(consumed.size());
        assertThat(parkedDropped.get()).isLessThanOrEqualTo(line.expired());
        assertThat(futures).allMatch(CompletableFuture::isDone);
        assertThat(line.cancelled()).isZero();
    }

    /** The waiter of a caller that does not park, completing {@code future} when told. */
    private static LineWaiter told(CompletableFuture<Void> future) {
        return () -> future.complete(null);
    }
}
