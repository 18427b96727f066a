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
 */
public record CircuitBreakerSettings(int retries, Duration retryBackoff, int failureThreshold,
                                     Duration openDuration, boolean fallbackToStderr) {

    public static final CircuitBreakerSettings DEFAULT =
            new CircuitBreakerSettings(2, Duration.ofMillis(10), 5, Duration.ofSeconds(30), true);
}
