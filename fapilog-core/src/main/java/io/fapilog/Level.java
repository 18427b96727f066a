package io.fapilog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Severity of a log event, lowest first. {@link #AUDIT} and {@link #SECURITY} are never
 * removed by a level threshold: they record facts, not noise.
 */
public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, AUDIT, SECURITY;

    private static final Level[] VALUES = values();

    /** Whether a threshold never filters this level. */
    public boolean bypassesThreshold() {
        return this == AUDIT || this == SECURITY;
    }

    /** Whether this level is at least as severe as {@code other}. */
    public boolean isAtLeast(Level other) {
        return ordinal() >= other.ordinal();
    }

    /**
     * Parses a level name, case-insensitively; {@code WARNING} and {@code FATAL} are accepted as
     * aliases of {@code WARN} and {@code CRITICAL}.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Level parse(String name) {
        if (name != null) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            switch (upper) {
                case "WARNING": return WARN;
                case "FATAL": return CRITICAL;
                default:
                    for (Level level : VALUES) {
                        if (level.name().equals(upper)) {
                            return level;
                        }
                    }
            }
        }
        throw new IllegalArgumentException("Unknown level '" + name + "'; allowed values: " + allowedValues());
    }

    /** The level names, comma separated, for error messages. */
    public static String allowedValues() {
        return Arrays.stream(VALUES).map(Enum::name).collect(Collectors.joining(", "));
    }
}
