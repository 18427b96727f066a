package io.fapilog;

/** The state of a {@link ResilientSink}'s circuit breaker. */
public enum CircuitState {
    /** Batches go to the wrapped sink. */
    CLOSED,
    /** The wrapped sink failed too often: batches go straight to the fallback. */
    OPEN,
    /** The open period has passed: one trial batch decides between {@link #CLOSED} and {@link #OPEN}. */
    HALF_OPEN
}
