package io.fapilog.config;

import java.time.Duration;

/**
 * How a runtime ends ({@code fapilog.shutdown.*}).
 *
 * @param timeout the longest a close or the shutdown hook waits for the drain
 * @param hook drain at JVM exit if nobody stopped the runtime
 */
public record ShutdownSettings(Duration timeout, boolean hook) {

    public ShutdownSettings {
        InvalidSettingException.requireDuration("fapilog.shutdown.timeout", timeout, true);
    }
}
