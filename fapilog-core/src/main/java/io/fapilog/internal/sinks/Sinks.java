package io.fapilog.internal.sinks;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.HttpSinkSettings;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import java.io.IOException;
import java.util.Objects;

/** Creates the built-in sinks by {@link SinkType}. */
public final class Sinks {

    private Sinks() {
    }

    /** A file sink whose file was found writable, so a bad {@code fapilog.file.path} fails start-up. */
    private static RotatingFileSink openedFileSink(RotatingFileSettings settings) {
        RotatingFileSink sink = new RotatingFileSink(settings);
        try {
            sink.checkWritable();
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException("fapilog.file.path", settings.path().toAbsolutePath(),
                    "a file that can be created and written (" + (e.getMessage() != null ? e.getMessage() : e) + ")", e);
        }
        return sink;
    }

    /**
     * Creates a sink named after its type ({@link SinkType#id()}), not yet wrapped in a {@link ResilientSink}.
     *
     * @param file used by {@code rotating-file}; {@code null} for {@link RotatingFileSettings#defaults()}
     * @param http used by {@code http}, which needs its endpoint
     * @throws IllegalArgumentException for {@code http} without {@code fapilog.http.endpoint}, and for
     *         {@code rotating-file} when {@code fapilog.file.path} cannot be opened for writing
     */
    public static Sink create(SinkType type, RotatingFileSettings file, HttpSinkSettings http) {
        return switch (Objects.requireNonNull(type, "type")) {
            case STDOUT_JSON, STDOUT_PRETTY -> StreamSink.stdout(type.id());
            case ROTATING_FILE -> openedFileSink(file != null ? file : RotatingFileSettings.defaults());
            case HTTP -> new HttpSink(http != null ? http : HttpSinkSettings.defaults());
            case IN_MEMORY -> new InMemorySink(type.id());
        };
    }
}
