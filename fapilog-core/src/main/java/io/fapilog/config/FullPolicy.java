package io.fapilog.config;

import io.fapilog.internal.engine.Enums;
import java.util.Locale;

/** What a caller does when the queue is full ({@code fapilog.queue.full-policy}). */
public enum FullPolicy {
    /**
     * Wait in a first-come, first-served line for up to {@code queue.wait-timeout} (only a THREAD
     * caller blocks), then drop and count; protected levels go to the reserve ahead of the line.
     */
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
