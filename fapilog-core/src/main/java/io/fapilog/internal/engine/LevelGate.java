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

    /** False for a null level: a log call never throws, and has no level to be written at. */
    public boolean isEnabled(Level level) {
        return level != null && level.ordinal() >= threshold;
    }

    public Level level() {
        return Level.values()[threshold];
    }

    void set(Level level) {
        // Capped at AUDIT so that AUDIT and SECURITY always pass with the same one comparison.
        threshold = Math.min(level.ordinal(), Level.AUDIT.ordinal());
    }
}
