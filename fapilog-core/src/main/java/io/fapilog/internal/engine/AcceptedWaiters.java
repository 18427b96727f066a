package io.fapilog.internal.engine;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link LineWaiter}s whose events a worker's round accepted, told after the round: at once
 * and quietly where nobody listens yet, the others off the worker by one task on the timer's
 * threads, so no caller's code runs on the worker. That task tells every round handed to it, in
 * order, until none is left; while it runs, the worker only hands it more rounds, so under load
 * the worker pays neither for a task per round nor for waking a thread per round. Without a
 * timer they are told on the worker. Worker-confined, except the rounds handed over.
 */
final class AcceptedWaiters {

    private final SweepTimer timer;
    private final ArrayList<LineWaiter> waiters = new ArrayList<>();
    /** Rounds of listened waiters, oldest first, for the telling task. */
    private final ConcurrentLinkedQueue<LineWaiter[]> rounds = new ConcurrentLinkedQueue<>();
    /** Whether a telling task is scheduled or running: it will tell every round handed over before it clears this. */
    private final AtomicBoolean telling = new AtomicBoolean();

    AcceptedWaiters(SweepTimer timer) {
        this.timer = timer;
    }

    void add(LineWaiter waiter) {
        waiters.add(waiter);
    }

    void tell() {
        if (waiters.isEmpty()) {
            return;
        }
        int unheard = 0;
        if (timer != null) {
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
                tellOne(waiters.get(i));
            }
        } else if (listened > 0) {
            rounds.add(waiters.subList(0, listened).toArray(new LineWaiter[0]));
            if (telling.compareAndSet(false, true)) {
                try {
                    timer.schedule(this::tellRounds, 0);
                } catch (RuntimeException rejected) {
                    tellRounds();
                }
            }
        }
        waiters.clear();
    }

    /** The telling task: every round handed over, then again if one came in as it finished. */
    private void tellRounds() {
        do {
            LineWaiter[] round;
            while ((round = rounds.poll()) != null) {
                for (LineWaiter waiter : round) {
                    tellOne(waiter);
                }
            }
            telling.set(false);
            // A round handed over after the last poll, whose worker saw 'telling' still set, is ours.
        } while (!rounds.isEmpty() && telling.compareAndSet(false, true));
    }

    /** Tells one waiter; a caller's code that throws must not keep the others from hearing. */
    private static void tellOne(LineWaiter waiter) {
        try {
            waiter.resolved();
        } catch (Throwable e) {
            InternalErrors.report("telling a waiting caller failed", e);
        }
    }
}
