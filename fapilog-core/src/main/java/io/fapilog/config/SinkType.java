package io.fapilog.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The built-in sinks, by their property name ({@code fapilog.sinks}). */
public enum SinkType {
    STDOUT_JSON("stdout-json"),
    STDOUT_PRETTY("stdout-pretty"),
    ROTATING_FILE("rotating-file"),
    HTTP("http"),
    IN_MEMORY("in-memory");

    private final String id;

    SinkType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SinkType parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (SinkType type : values()) {
            if (type.id.equals(wanted)) {
                return type;
            }
        }
        throw new InvalidSettingException("fapilog.sinks", value,
                "one of: " + Arrays.stream(values()).map(SinkType::id).collect(Collectors.joining(", ")));
    }
}
