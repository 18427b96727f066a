package io.fapilog.config;

import io.fapilog.internal.engine.Enums;
import java.util.Locale;

/** What a caller does when the queue is full ({@code fapilog.queue.full-policy}). */
public enum FullPolicy {
    /** Wait up to {@code queue.wait-timeout} (blocking in THREAD mode, never blocking in ASYNC), then drop and count. */
    WAIT,
    /** Drop and count at once; protected levels still use the reserve. */
    DROP;

    public static FullPolicy parse(String value) {
        return Enums.parse(FullPolicy.class, value, "fapilog.queue.full-policy");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
