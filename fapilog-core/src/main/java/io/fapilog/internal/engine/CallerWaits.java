package io.fapilog.internal.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The waits of thread-mode callers for room in the queue, under the {@code wait} policy: how many
 * calls waited (for a slot, for memory under the budget, or both: one wait), and how long in all.
 * Calls that found room at once are not counted.
 */
final class CallerWaits {

    private final LongAdder calls = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    /** A call's wait: nothing when it did not wait. */
    void record(long waitedNanos) {
        if (waitedNanos > 0) {
            calls.increment();
            nanos.add(waitedNanos);
        }
    }

    long calls() {
        return calls.sum();
    }

    long nanos() {
        return nanos.sum();
    }
}
