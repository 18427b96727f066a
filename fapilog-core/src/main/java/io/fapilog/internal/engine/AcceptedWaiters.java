package io.fapilog.internal.engine;

import java.util.ArrayList;

/**
 * The {@link LineWaiter}s whose events a worker's round accepted, told after the round: at once
 * and quietly where nobody listens yet, the others in one task on the timer's threads, so no
 * caller's code runs on the worker and the worker pays for at most one task a round. Without a
 * timer they are told on the worker. Worker-confined.
 */
final class AcceptedWaiters {

    private final SweepTimer timer;
    private final ArrayList<LineWaiter> waiters = new ArrayList<>();

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
                waiters.get(i).resolved();
            }
        } else if (listened > 0) {
            LineWaiter[] toTell = waiters.subList(0, listened).toArray(new LineWaiter[0]);
            Runnable tellAll = () -> {
                for (LineWaiter waiter : toTell) {
                    waiter.resolved();
                }
            };
            try {
                timer.schedule(tellAll, 0);
            } catch (RuntimeException rejected) {
                tellAll.run();
            }
        }
        waiters.clear();
    }
}
