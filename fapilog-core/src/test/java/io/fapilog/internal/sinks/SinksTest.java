package io.fapilog.internal.sinks;

import io.fapilog.config.HttpSinkSettings;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
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

    /** Rolling renames the active file: a device at the path (a way some switch file logging off) is refused, untouched. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aRotatingFileOnADeviceFailsAtStartAndLeavesTheDeviceAlone() {
        Path devNull = Path.of("/dev/null");
        RotatingFileSettings file = new RotatingFileSettings(devNull, 100, true, 3, false, 1024);

        assertThatThrownBy(() -> Sinks.create(SinkType.ROTATING_FILE, file, null))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.property()).isEqualTo("fapilog.file.path"))
                .hasMessageContaining("not a regular file");
        assertThat(Files.isRegularFile(devNull)).isFalse();
        assertThat(Files.exists(devNull)).isTrue();
    }

    /** A roll of a link would rename the link and leave its target behind for good. */
    @Test
    void aRotatingFileThatIsASymbolicLinkFailsAtStartAndLeavesLinkAndTargetAlone(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("current.log"), "kept\n");
        Path link = Files.createSymbolicLink(dir.resolve("app.log"), target);
        RotatingFileSettings file = new RotatingFileSettings(link, 100, true, 3, false, 1024);

        assertThatThrownBy(() -> Sinks.create(SinkType.ROTATING_FILE, file, null))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.property()).isEqualTo("fapilog.file.path"))
                .hasMessageContaining("is a symbolic link (to " + target + ")");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("kept\n");
        try (var listed = Files.list(dir)) {
            assertThat(listed).hasSize(2);
        }
    }

    @Test
    void httpNeedsItsEndpoint() {
        assertThatThrownBy(() -> Sinks.create(SinkType.HTTP, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fapilog.http.endpoint");
        assertThatThrownBy(() -> Sinks.create(SinkType.HTTP, null, HttpSinkSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fapilog.http.endpoint");
    }
}
