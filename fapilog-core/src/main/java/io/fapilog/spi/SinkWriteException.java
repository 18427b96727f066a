package io.fapilog.spi;

import java.util.Arrays;

/**
 * Thrown by a {@link Sink} whose write failed for good: the sink, or the client it wraps, already
 * retried as its protocol prescribes, so the engine does not retry the batch again. It sends the
 * events that were not written to the fallback (or counts them as dropped) and counts the failure
 * towards the circuit breaker. With {@link #failedEvents()} a sink reports a partial write: only
 * those events of the batch failed, the others were written and must not be written twice.
 */
public class SinkWriteException extends Exception {

    private final int[] failedEvents;

    /** Every event of the batch failed. */
    public SinkWriteException(String message, Throwable cause) {
        super(message, cause);
        this.failedEvents = null;
    }

    /**
     * Only the events at {@code failedEvents} (indexes into the batch, ascending) failed.
     */
    public SinkWriteException(String message, Throwable cause, int[] failedEvents) {
        super(message, cause);
        this.failedEvents = failedEvents.clone();
    }

    /** Indexes of the events that were not written, ascending; {@code null} when none was. */
    public int[] failedEvents() {
        return failedEvents == null ? null : failedEvents.clone();
    }

    /** How many of a batch of {@code batchSize} events failed. */
    public int failedCount(int batchSize) {
        return failedEvents == null ? batchSize : failedEvents.length;
    }

    @Override
    public String toString() {
        return failedEvents == null ? super.toString()
                : super.toString() + " (events " + Arrays.toString(failedEvents) + ")";
    }
}
