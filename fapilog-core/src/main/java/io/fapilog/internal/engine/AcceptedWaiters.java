package io.fapilog.internal.engine;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The {@link LineWaiter}s whose events a worker's round accepted, told after the round: at once
 * and quietly where nobody listens yet, the others off the worker by one telling task on the
 * timer's threads, so no caller's code runs on the worker. That task tells the rounds handed to
 * it in order, up to {@value #ROUNDS_PER_TASK} rounds, then hands its turn to a new task (so it
 * never holds a thread of a shared scheduler for long); while a task has the turn, the worker only
 * hands it more rounds, so under load the worker pays neither for a task nor for waking a thread
 * per round. A task that has not started {@link #STARTED_WITHIN_NANOS} after it was scheduled (its
 * scheduler shut down and dropped it) loses the turn to a new one. Without a timer, or when it
 * refuses the task, they are told on the calling thread. Worker-confined, except the rounds
 * handed over and the turn.
 */
final class AcceptedWaiters {

    /** Rounds one telling task tells before it hands its turn to a new task. */
    static final int ROUNDS_PER_TASK = 64;
    /** How long a scheduled telling task may take to start before the worker gives its turn to another. */
    static final long STARTED_WITHIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long TOLD_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    /** {@link #turn}: no telling task. */
    private static final long IDLE = 0;
    /** {@link #turn}: a telling task is running; positive values: the generation of a task scheduled, not started. */
    private static final long RUNNING = -1;

    private final SweepTimer timer;
    private final LongSupplier clock;
    private final ArrayList<LineWaiter> waiters = new ArrayList<>();
    /** Whether a waiter of this round came through {@link #add}: only those may have nobody listening. */
    private boolean mayBeUnheard;
    /** Rounds of listened waiters, oldest first, for the telling task. */
    private final ConcurrentLinkedQueue<LineWaiter[]> rounds = new ConcurrentLinkedQueue<>();
    /** Who tells the rounds handed over: {@link #IDLE}, {@link #RUNNING}, or a scheduled task's generation. */
    private final AtomicLong turn = new AtomicLong(IDLE);
    private final AtomicLong generations = new AtomicLong();
    private volatile long scheduledAt;

    AcceptedWaiters(SweepTimer timer) {
        this(timer, System::nanoTime);
    }

    AcceptedWaiters(SweepTimer timer, LongSupplier clock) {
        this.timer = timer;
        this.clock = clock;
    }

    void add(LineWaiter waiter) {
        waiters.add(waiter);
        mayBeUnheard = true;
    }

    /**
     * Adds a waiter known to have a listener (a waiting-room event's that asked to be told), so it
     * cannot be resolved quietly: in a round of such waiters only, the worker hands them to the
     * telling task without reading them. (A round that also holds waiters from {@link #add} reads
     * them all, as before.)
     */
    void addListened(LineWaiter waiter) {
        waiters.add(waiter);
    }

    void tell() {
        if (waiters.isEmpty()) {
            return;
        }
        int unheard = 0;
        if (timer != null && mayBeUnheard) {
            // The callers made these waiters up to a waiting room ago: look at them all first, so the
            // cache misses overlap, instead of one compare-and-set stalling on each in turn.
            for (int i = 0; i < waiters.size(); i++) {
                if (waiters.get(i).unheard()) {
                    unheard++;
                }
            }
        }
        int listened = 0;
        for (int i = 0; i < waiters.size(); i++) {
            LineWaiter waiter = waiters.get(i);
            if (unheard == 0 || !waiter.resolvedQuietly()) {
                waiters.set(listened++, waiter);
            }
        }
        if (listened > 0 && timer == null) {
            for (int i = 0; i < listened; i++) {
                LineWaiter.tell(waiters.get(i));
            }
        } else if (listened > 0) {
            rounds.add(waiters.subList(0, listened).toArray(new LineWaiter[0]));
            handOver();
        }
        waiters.clear();
        mayBeUnheard = false;
    }

    /** Makes sure a telling task has the turn: schedules one if none has, or if the one scheduled never started. */
    private void handOver() {
        long current = turn.get();
        boolean stuck = current > 0 && clock.getAsLong() - scheduledAt > STARTED_WITHIN_NANOS;
        if (current == IDLE || stuck) {
            long generation = generations.incrementAndGet();
            if (turn.compareAndSet(current, generation) && !scheduled(generation)) {
                tellRounds(generation);
            }
        }
    }

    private boolean scheduled(long generation) {
        scheduledAt = clock.getAsLong();
        try {
            timer.schedule(() -> tellRounds(generation), 0);
            return true;
        } catch (Throwable refused) { // shut down, or no thread to be had
            return false;
        }
    }

    /** A telling task: takes the turn if it is still its own, tells the rounds, then gives the turn up or on. */
    private void tellRounds(long generation) {
        if (!turn.compareAndSet(generation, RUNNING)) {
            return;  // its turn went to another task while it waited to start
        }
        int told = 0;
        while (true) {
            LineWaiter[] round;
            while ((round = rounds.poll()) != null) {
                for (LineWaiter waiter : round) {
                    LineWaiter.tell(waiter);
                }
                if (++told == ROUNDS_PER_TASK) {
                    long next = generations.incrementAndGet();
                    scheduledAt = clock.getAsLong();  // before the turn shows it scheduled: not taken for stuck
                    turn.set(next);
                    if (scheduled(next)) {
                        return;
                    }
                    if (!turn.compareAndSet(next, RUNNING)) {
                        return;  // taken over meanwhile
                    }
                    told = 0;
                }
            }
            turn.set(IDLE);
            // A round handed over after the last poll, whose worker saw the turn still taken, is ours.
            if (rounds.isEmpty() || !turn.compareAndSet(IDLE, RUNNING)) {
                return;
            }
        }
    }

    /**
     * Waits, parking in short steps, until every round handed over was told and no telling task
     * holds the turn, or {@code deadlineNanos} (a {@link System#nanoTime()} value) passed; returns
     * whether all were told. For the end of a drain: the {@code Mono}s of the last events written
     * complete before the drain says it is done.
     */
    boolean awaitTold(long deadlineNanos) {
        while (!rounds.isEmpty() || turn.get() != IDLE) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            LockSupport.parkNanos(this, TOLD_POLL_NANOS);
        }
        return true;
    }
}
