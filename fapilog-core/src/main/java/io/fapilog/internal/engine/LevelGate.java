package io.fapilog.internal.engine;

import io.fapilog.Level;

/**
 * The threshold one logger name checks on every call: a single volatile read and comparison.
 * Updated in place when a level changes at run time.
 */
public final class LevelGate {

    private volatile int threshold;

    LevelGate(Level level) {
        set(level);
    }

    /** A null level (a caller's slip) is INFO, at which its event is logged: a log call never throws. */
    public boolean isEnabled(Level level) {
        return (level != null ? level.ordinal() : INFO) >= threshold;
    }

    private static final int INFO = Level.INFO.ordinal();

    public Level level() {
        return Level.values()[threshold];
    }

    void set(Level level) {
        // Capped at AUDIT so that AUDIT and SECURITY always pass with the same one comparison.
        threshold = Math.min(level.ordinal(), Level.AUDIT.ordinal());
    }
}
