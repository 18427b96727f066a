package io.fapilog.config;

import java.time.Duration;

/**
 * How workers batch events ({@code fapilog.batch.*}).
 *
 * @param maxSize events a worker takes per batch, at most {@value #MAX_SIZE}
 * @param timeout the longest an event waits for its batch to fill
 */
public record BatchSettings(int maxSize, Duration timeout) {

    /** The largest batch: each worker holds an array of this many events, and larger batches write no faster. */
    public static final int MAX_SIZE = 65_536;

    public BatchSettings {
        InvalidSettingException.require(maxSize >= 1 && maxSize <= MAX_SIZE, "fapilog.batch.max-size", maxSize,
                "a number from 1 to " + MAX_SIZE);
        InvalidSettingException.requireDuration("fapilog.batch.timeout", timeout, false);
    }
}
