package io.fapilog.internal.sinks;

import io.fapilog.config.HttpSinkSettings;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinksTest {

    @Test
    void createsEachBuiltInSinkNamedAfterItsType(@TempDir Path dir) throws Exception {
        RotatingFileSettings file = new RotatingFileSettings(dir.resolve("app.log"), 1024, true, 3, false, 1024);
        HttpSinkSettings http = new HttpSinkSettings(URI.create("http://localhost:9/logs"));

        for (SinkType type : SinkType.values()) {
            try (Sink sink = Sinks.create(type, file, http)) {
                assertThat(sink.name()).isEqualTo(type.id());
                assertThat(sink).isInstanceOf(switch (type) {
                    case STDOUT_JSON, STDOUT_PRETTY -> StreamSink.class;
                    case ROTATING_FILE -> RotatingFileSink.class;
                    case HTTP -> HttpSink.class;
                    case IN_MEMORY -> InMemorySink.class;
                });
            }
        }
        assertThat(((RotatingFileSink) Sinks.create(SinkType.ROTATING_FILE, file, null)).path()).isEqualTo(file.path());
    }

    @Test
    void httpNeedsItsEndpoint() {
        assertThatThrownBy(() -> Sinks.create(SinkType.HTTP, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fapilog.http.endpoint");
        assertThatThrownBy(() -> Sinks.create(SinkType.HTTP, null, HttpSinkSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fapilog.http.endpoint");
    }
}
