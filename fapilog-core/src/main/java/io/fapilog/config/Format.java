package io.fapilog.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The JSON layout of an event line ({@code fapilog.format}). */
public enum Format {
    /** The fapilog envelope: timestamp, level, message, logger, context, diagnostics, data. */
    FAPILOG,
    /** Elastic Common Schema: {@code @timestamp}, {@code log.level}, {@code ecs.version}… */
    ECS,
    /** logstash-logback-encoder's layout: {@code @timestamp}, {@code @version}, {@code level}… */
    LOGSTASH,
    /** Graylog Extended Log Format 1.1: {@code version}, {@code short_message}, {@code timestamp}, {@code _}-prefixed fields. */
    GELF;

    /** The property value: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Format parse(String value) {
        for (Format format : values()) {
            if (format.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return format;
            }
        }
        throw new InvalidSettingException("fapilog.format", value,
                "one of: " + Arrays.stream(values()).map(Format::id).collect(Collectors.joining(", ")));
    }
}
