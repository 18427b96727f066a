package io.fapilog.config;

import java.time.Duration;

/**
 * How workers batch events ({@code fapilog.batch.*}).
 *
 * @param maxSize events a worker takes per batch
 * @param timeout the longest an event waits for its batch to fill
 */
public record BatchSettings(int maxSize, Duration timeout) {

    public BatchSettings {
        InvalidSettingException.require(maxSize >= 1, "fapilog.batch.max-size", maxSize, "a number >= 1");
        InvalidSettingException.require(timeout != null && !timeout.isNegative() && !timeout.isZero(), "fapilog.batch.timeout", timeout,
                "a duration > 0");
    }
}
