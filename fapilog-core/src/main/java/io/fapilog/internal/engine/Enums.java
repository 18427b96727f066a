package io.fapilog.internal.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses property values into enum constants, with errors that name the property and the allowed values. */
public final class Enums {

    private Enums() {
    }

    /**
     * Matches {@code value} against the constants' names, ignoring case and treating {@code -} as {@code _}.
     *
     * @throws IllegalArgumentException "Invalid value 'x' for property; allowed values: a, b"
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String property) {
        String wanted = value == null ? "" : value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("Invalid value '" + value + "' for " + property + "; allowed values: "
                + allowedValues(type));
    }

    /** The constants as property values: lower case, {@code -} for {@code _}. */
    public static String allowedValues(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}
