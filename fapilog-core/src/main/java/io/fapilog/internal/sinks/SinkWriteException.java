package io.fapilog.internal.sinks;

import java.io.IOException;
import java.time.Duration;

/**
 * A failed write that tells the {@link ResilientSink} whether retrying can help, and how long the
 * destination asked to be left alone ({@code Retry-After}).
 */
public final class SinkWriteException extends IOException {

    private final boolean retryable;
    private final Duration retryAfter;

    /** @param retryAfter the wait the destination asked for, or {@code null} */
    public SinkWriteException(String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The wait the destination asked for before a retry, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
