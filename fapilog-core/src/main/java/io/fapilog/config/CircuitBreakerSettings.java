package io.fapilog.config;

import java.time.Duration;

/**
 * How a failing sink is retried and isolated.
 *
 * @param retries extra attempts for a failed batch before it goes to the fallback
 * @param retryBackoff wait before the first retry, doubled for each further one
 * @param failureThreshold consecutive failed batches that open the circuit
 * @param openDuration how long an open circuit sends batches straight to the fallback before one trial write
 * @param fallbackToStderr write batches the sink could not take to standard error
 * @param maxFailureTime time a failing sink may cost: a batch stops being retried once its attempts
 *                       and back-off would pass it, and the circuit opens once consecutive failed
 *                       batches have spent it together (a collector that accepts and never answers
 *                       opens the circuit in about this long, not after {@code failureThreshold} timeouts)
 */
public record CircuitBreakerSettings(int retries, Duration retryBackoff, int failureThreshold,
                                     Duration openDuration, boolean fallbackToStderr, Duration maxFailureTime) {

    /** Default time a failing sink may cost before its circuit opens. */
    public static final Duration DEFAULT_MAX_FAILURE_TIME = Duration.ofSeconds(10);

    /**
     * Two retries, opened after five failed batches (or 10 s of failing), a trial write 5 s after it
     * opened: a collector or broker back from an outage is written again within seconds (with 30 s, 114
     * of the 447 events logged after an OTLP receiver came back went to the
     * fallback), while a sink still down costs one failed batch every 5 s.
     */
    public static final CircuitBreakerSettings DEFAULT =
            new CircuitBreakerSettings(2, Duration.ofMillis(10), 5, Duration.ofSeconds(5), true);

    public CircuitBreakerSettings {
        maxFailureTime = maxFailureTime == null ? DEFAULT_MAX_FAILURE_TIME : maxFailureTime;
        within("maxFailureTime", maxFailureTime, false);
        within("retryBackoff", retryBackoff, true);
        within("openDuration", openDuration, true);
    }

    /** Durations up to {@link InvalidSettingException#MAX_DURATION a day}: longer ones overflow the retries' arithmetic. */
    private static void within(String setting, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || !zeroAllowed && value.isZero()
                || value.compareTo(InvalidSettingException.MAX_DURATION) > 0) {
            throw new IllegalArgumentException("circuit breaker " + setting + " must be a duration "
                    + (zeroAllowed ? ">= 0" : "> 0") + ", at most 1 day, was " + value);
        }
    }

    /** Settings with the {@link #DEFAULT_MAX_FAILURE_TIME}. */
    public CircuitBreakerSettings(int retries, Duration retryBackoff, int failureThreshold, Duration openDuration,
                                  boolean fallbackToStderr) {
        this(retries, retryBackoff, failureThreshold, openDuration, fallbackToStderr, DEFAULT_MAX_FAILURE_TIME);
    }
}
