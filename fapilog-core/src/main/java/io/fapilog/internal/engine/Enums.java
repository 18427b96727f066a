package io.fapilog.internal.engine;

import io.fapilog.config.InvalidSettingException;

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
     * @throws InvalidSettingException naming the property and the allowed values
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String property) {
        String wanted = value == null ? "" : value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw new InvalidSettingException(property, value, "one of: " + allowedValues(type));
    }

    /** The constants as property values: lower case, {@code -} for {@code _}. */
    public static String allowedValues(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}
