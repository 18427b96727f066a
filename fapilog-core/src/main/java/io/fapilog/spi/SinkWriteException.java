package io.fapilog.spi;

import java.time.Duration;
import java.util.Arrays;

/**
 * A failed {@link Sink} write that tells the engine what to do next. By default it is final: the
 * sink, or the client it wraps, already retried as its protocol prescribes, so the engine does not
 * retry the batch; it sends the events that were not written to the fallback (or counts them as
 * dropped) and counts the failure towards the circuit breaker. With {@link #failedEvents()} a sink
 * reports a partial write: only those events failed, the others were written and must not be written
 * twice. A {@linkplain #retryable retryable} failure is retried by the engine after at least
 * {@link #retryAfter()} (an HTTP 503 with {@code Retry-After}). Any other exception a sink throws is
 * retried with back-off.
 */
public class SinkWriteException extends Exception {

    private final int[] failedEvents;
    private final boolean retryable;
    private final Duration retryAfter;

    /** Every event of the batch failed, for good. */
    public SinkWriteException(String message, Throwable cause) {
        this(message, cause, null, false, null);
    }

    /** Only the events at {@code failedEvents} (indexes into the batch, ascending) failed, for good. */
    public SinkWriteException(String message, Throwable cause, int[] failedEvents) {
        this(message, cause, failedEvents.clone(), false, null);
    }

    /**
     * The whole batch failed; the engine retries it when {@code retryable}, after at least
     * {@code retryAfter} (may be null).
     */
    public SinkWriteException(String message, boolean retryable, Duration retryAfter) {
        this(message, null, null, retryable, retryAfter);
    }

    private SinkWriteException(String message, Throwable cause, int[] failedEvents, boolean retryable, Duration retryAfter) {
        super(message, cause);
        this.failedEvents = failedEvents;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** Indexes of the events that were not written, ascending; {@code null} when none was. */
    public int[] failedEvents() {
        return failedEvents == null ? null : failedEvents.clone();
    }

    /** How many of a batch of {@code batchSize} events failed. */
    public int failedCount(int batchSize) {
        return failedEvents == null ? batchSize : failedEvents.length;
    }

    /** Whether the engine should retry the batch. */
    public boolean retryable() {
        return retryable;
    }

    /** The wait the destination asked for before a retry, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The most event indexes {@link #toString()} lists: a notice, not a report of a batch of thousands. */
    static final int LISTED_EVENTS = 10;

    @Override
    public String toString() {
        if (failedEvents == null) {
            return super.toString();
        }
        if (failedEvents.length <= LISTED_EVENTS) {
            return super.toString() + " (events " + Arrays.toString(failedEvents) + ")";
        }
        String first = Arrays.toString(Arrays.copyOf(failedEvents, LISTED_EVENTS));
        return super.toString() + " (" + failedEvents.length + " events: " + first.substring(0, first.length() - 1) + ", ...])";
    }
}
