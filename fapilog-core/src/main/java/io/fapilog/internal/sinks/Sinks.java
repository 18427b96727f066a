package io.fapilog.internal.sinks;

import io.fapilog.config.HttpSinkSettings;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import java.util.Objects;

/** Creates the built-in sinks by {@link SinkType}. */
public final class Sinks {

    private Sinks() {
    }

    /**
     * Creates a sink named after its type ({@link SinkType#id()}), not yet wrapped in a {@link ResilientSink}.
     *
     * @param file used by {@code rotating-file}; {@code null} for {@link RotatingFileSettings#defaults()}
     * @param http used by {@code http}, which needs its endpoint
     * @throws IllegalArgumentException for {@code http} without {@code fapilog.http.endpoint}
     */
    public static Sink create(SinkType type, RotatingFileSettings file, HttpSinkSettings http) {
        return switch (Objects.requireNonNull(type, "type")) {
            case STDOUT_JSON, STDOUT_PRETTY -> StreamSink.stdout(type.id());
            case ROTATING_FILE -> new RotatingFileSink(file != null ? file : RotatingFileSettings.defaults());
            case HTTP -> new HttpSink(http != null ? http : HttpSinkSettings.defaults());
            case IN_MEMORY -> new InMemorySink(type.id());
        };
    }
}
