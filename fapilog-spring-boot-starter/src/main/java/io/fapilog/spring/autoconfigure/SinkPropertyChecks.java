package io.fapilog.spring.autoconfigure;

import io.fapilog.config.InvalidSettingException;

import java.time.Duration;
import java.util.List;

/**
 * Checks of the remote sinks' properties ({@code fapilog.kafka.*}, {@code fapilog.otlp.*}) before
 * their clients see them: a bad value fails start-up naming the property and the values it takes,
 * as the core properties do, instead of the client library's own message (or none at all).
 */
public final class SinkPropertyChecks {

    private SinkPropertyChecks() {
    }

    /** {@code value} is one of {@code allowed}, as the client library takes it (exactly). */
    public static void oneOf(String property, String value, List<String> allowed) {
        InvalidSettingException.require(value != null && allowed.contains(value), property, value, "one of " + String.join(", ", allowed));
    }

    /** A duration longer than zero, at most {@link InvalidSettingException#MAX_DURATION a day}. */
    public static void positive(String property, Duration value) {
        InvalidSettingException.require(value != null && value.compareTo(Duration.ZERO) > 0 && atMostADay(value), property, value,
                "a duration longer than zero, at most 1 day");
    }

    /** A duration of zero or more, at most {@link InvalidSettingException#MAX_DURATION a day}. */
    public static void notNegative(String property, Duration value) {
        InvalidSettingException.require(value != null && !value.isNegative() && atMostADay(value), property, value,
                "a duration of zero or more, at most 1 day");
    }

    private static boolean atMostADay(Duration value) {
        return value.compareTo(InvalidSettingException.MAX_DURATION) <= 0;
    }
}
