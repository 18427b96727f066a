package io.fapilog.config;

import io.fapilog.internal.engine.Enums;
import io.fapilog.ExecutionMode;

import java.util.Locale;

/** Which execution mode loggers use ({@code fapilog.mode}). */
public enum ModeSelection {
    /** {@code AsyncLogger}s are ASYNC; a sync {@code Logger} is BOUND_LOOP when created on a Reactor non-blocking thread, else THREAD. */
    AUTO,
    ASYNC,
    BOUND_LOOP,
    THREAD;

    public static ModeSelection parse(String value) {
        return Enums.parse(ModeSelection.class, value, "fapilog.mode");
    }

    /** The property value: {@code auto}, {@code async}, {@code bound-loop}, {@code thread}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The forced mode, or null for {@link #AUTO}. */
    public ExecutionMode forced() {
        return this == AUTO ? null : ExecutionMode.valueOf(name());
    }
}
