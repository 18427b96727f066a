package io.fapilog.internal.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Expires the events in a queue's waiting room ({@link EventQueue#offerToWait}) on a
 * {@link SweepTimer}: scheduled while any wait, at the earliest deadline, at most once per
 * {@link WaitingLine#MIN_SWEEP_NANOS}; so a wait ends at most one sweep period after its deadline.
 */
final class WaitingRoomSweep {

    private final EventQueue queue;
    private final SweepTimer timer;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    WaitingRoomSweep(EventQueue queue, SweepTimer timer, long timeoutNanos, LongSupplier clock) {
        this.queue = queue;
        this.timer = timer;
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
    }

    /** After an event went into the waiting room: makes sure a sweep will come. */
    void eventWaits() {
        schedule(timeoutNanos);
    }

    private void schedule(long delayNanos) {
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(this::sweep, delayNanos);
            } catch (RuntimeException rejected) {
                scheduled.set(false);  // the timer shut down: the events wait until drained
            }
        }
    }

    void sweep() {
        long next = queue.expireWaiting(clock.getAsLong());
        scheduled.set(false);  // after the pass: an event that came during it is seen by the next one
        if (next >= 0) {
            schedule(Math.max(next, WaitingLine.MIN_SWEEP_NANOS));
        }
    }
}
