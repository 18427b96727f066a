package io.fapilog.internal.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs a sweep pass on a {@link SweepTimer} while there is something to sweep: at most one
 * scheduled at a time, at the delay the last pass asked for and at most once per
 * {@link WaitingLine#MIN_SWEEP_NANOS}. Without a timer nothing runs.
 *
 * <p>Callers make their event pending first and then {@link #request}; a pass clears the
 * scheduled flag before it asks whether anything is still pending. So either the caller sees the
 * flag cleared and schedules, or the pass sees its event: no event is left without a sweep.
 */
final class ScheduledSweep {

    private final SweepTimer timer;
    /** One pass: returns the nanoseconds until the next one is due, or a negative value when it found none due later. */
    private final LongSupplier pass;
    /** Whether anything still waits to be resolved: then a pass that found nothing due comes again after {@code recheckNanos}. */
    private final BooleanSupplier pending;
    private final long recheckNanos;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    ScheduledSweep(SweepTimer timer, LongSupplier pass, BooleanSupplier pending, long recheckNanos) {
        this.timer = timer;
        this.pass = pass;
        this.pending = pending;
        this.recheckNanos = recheckNanos;
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
        long next = -1;
        try {
            next = pass.getAsLong();
        } finally {  // also when a waiter told in the pass threw: the rest still gets its pass
            scheduled.set(false);
            if (next < 0 && pending.getAsBoolean()) {
                next = recheckNanos;  // read after clearing the flag: see the class comment
            }
            if (next >= 0) {
                request(Math.max(next, WaitingLine.MIN_SWEEP_NANOS));
            }
        }
    }
}
