package io.fapilog.internal.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs a sweep pass on a {@link SweepTimer} while there is something to sweep: at most one
 * scheduled at a time, at the delay the last pass asked for and at most once per
 * {@link WaitingLine#MIN_SWEEP_NANOS}. Without a timer nothing runs.
 */
final class ScheduledSweep {

    private final SweepTimer timer;
    /** One pass: returns the nanoseconds until the next one is due, or a negative value for none. */
    private final LongSupplier pass;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    ScheduledSweep(SweepTimer timer, LongSupplier pass) {
        this.timer = timer;
        this.pass = pass;
    }

    /** Makes sure a pass comes within {@code delayNanos}, unless one is scheduled already. */
    void request(long delayNanos) {
        if (timer != null && !scheduled.get() && scheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(this::run, delayNanos);
            } catch (RuntimeException rejected) {
                scheduled.set(false);  // the timer shut down: what waits is resolved otherwise, or at the drain
            }
        }
    }

    void run() {
        long next = pass.getAsLong();
        scheduled.set(false);  // after the pass: what came during it is seen by the next one
        if (next >= 0) {
            request(Math.max(next, WaitingLine.MIN_SWEEP_NANOS));
        }
    }
}
