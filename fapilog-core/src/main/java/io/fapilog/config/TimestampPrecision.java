package io.fapilog.config;

import io.fapilog.internal.engine.Enums;
import java.util.Locale;

/** The fraction of a second the JSON layouts write ({@code fapilog.timestamp-precision}). */
public enum TimestampPrecision {
    /** {@code 2026-12-01T18:43:07.123Z}: the clock read as {@link System#currentTimeMillis()}. */
    MILLIS,
    /**
     * {@code 2026-12-01T18:43:07.123456Z}: the clock read as {@link java.time.Instant#now()} (the
     * resolution the operating system gives, microseconds on Linux).
     */
    MICROS;

    public static TimestampPrecision parse(String value) {
        return Enums.parse(TimestampPrecision.class, value, "fapilog.timestamp-precision");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
