package io.fapilog;

import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A sink's threshold (Spring Boot's {@code logging.threshold.file}): the other sinks still get every event the loggers let through. */
class SinkThresholdTest {

    @Test
    void aSinkWritesOnlyEventsAtItsThresholdWhileTheOthersWriteEveryEvent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.log");
        InMemorySink memory = new InMemorySink("test");
        FapilogRuntime runtime = fileAt(file, Level.WARN).sink(memory).start();
        Logger log = runtime.getLogger("threshold");
        log.debug("below the logger's level");
        log.info("info");
        log.warn("warn");
        log.error("error");
        log.audit("audit");
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(messages(memory.lines())).containsExactly("info", "warn", "error", "audit");
        assertThat(messages(Files.readAllLines(file))).containsExactly("warn", "error", "audit");
        assertThat(result.submitted()).isEqualTo(4);
        assertThat(result.processed()).isEqualTo(4);
        assertThat(result.filtered()).isZero();
    }

    /** An event below the threshold of every sink is counted as filtered: submitted == processed + dropped + filtered. */
    @Test
    void anEventNoSinkTakesIsCountedAsFiltered(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.log");
        FapilogRuntime runtime = fileAt(file, Level.ERROR).start();
        Logger log = runtime.getLogger("threshold");
        for (int i = 0; i < 10; i++) {
            log.info("info", "i", i);
        }
        log.error("error");
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(messages(Files.readAllLines(file))).containsExactly("error");
        assertThat(result.submitted()).isEqualTo(11);
        assertThat(result.processed()).isEqualTo(1);
        assertThat(result.filtered()).isEqualTo(10);
        assertThat(result.dropped()).isZero();
    }

    /** AUDIT and SECURITY pass every threshold, as they pass the loggers' levels. */
    @Test
    void auditAndSecurityEventsPassEveryThreshold(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.log");
        FapilogRuntime runtime = fileAt(file, Level.SECURITY).start();
        Logger log = runtime.getLogger("threshold");
        log.critical("critical");
        log.audit("audit");
        log.security("security");
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(messages(Files.readAllLines(file))).containsExactly("audit", "security");
        assertThat(result.filtered()).isEqualTo(1);
    }

    /** The production preset writing to a rotating file at {@code file} with {@code threshold}. */
    private static FapilogConfig.Builder fileAt(Path file, Level threshold) {
        return Fapilog.builder().preset(Preset.PRODUCTION).sinks(SinkType.ROTATING_FILE)
                .file(new RotatingFileSettings(file, 0, false, 1, false, 1024))
                .sinkThreshold(SinkType.ROTATING_FILE, threshold).shutdownHook(false);
    }

    private static List<String> messages(List<String> lines) {
        return TestSinks.parse(lines).stream().map(event -> event.get("message").asString()).toList();
    }
}
