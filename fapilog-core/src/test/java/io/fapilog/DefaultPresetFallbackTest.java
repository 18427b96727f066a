package io.fapilog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A static logger's first call starts the default preset's runtime: a preset name that is not one,
 * or a preset whose runtime cannot start, made every log call throw (one in a catch block replaced
 * the caller's own exception). Logging never throws: the production preset takes over, said once.
 */
class DefaultPresetFallbackTest {

    @Test
    void aPresetNameThatIsNotOneFallsBackToProduction() throws Exception {
        OwnJvm run = OwnJvm.run(LogsWithPresetProperty.class);

        JsonNode line = TestSinks.JSON.readTree(run.stdout().lines().filter(l -> l.contains("after the typo")).findFirst().orElseThrow());
        assertThat(line.get("level").asString()).isEqualTo("ERROR");
        assertThat(line.get("data").get("password").asString()).isEqualTo("***"); // production's redaction
        assertThat(run.stdout()).doesNotContain("threw");
        assertThat(run.stderr().lines().filter(l -> l.startsWith("fapilog: "))).singleElement().asString()
                .contains("'prod'").contains("fapilog.preset").contains("(-Dfapilog.preset=prod)")
                .endsWith("; the default runtime uses the production preset instead");
    }

    @Test
    void aPresetWhoseRuntimeCannotStartFallsBackToProduction(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("logs"), "a file where the hardened preset's log directory would be");

        OwnJvm run = OwnJvm.run(LogsWithDefaultPreset.class, Map.of("FAPILOG_PRESET", "hardened"), directory.toFile());

        assertThat(run.stdout().lines().filter(l -> l.contains("still written"))).hasSize(1);
        assertThat(run.stdout()).doesNotContain("threw");
        assertThat(run.stderr().lines().filter(l -> l.startsWith("fapilog: "))).singleElement().asString()
                .startsWith("fapilog: the hardened preset (FAPILOG_PRESET=hardened) could not start: ")
                .endsWith("; the default runtime uses the production preset instead");
    }

    /** Run in a JVM of its own: the default preset is read once per JVM. */
    public static final class LogsWithPresetProperty {
        public static void main(String[] args) {
            System.setProperty("fapilog.preset", "prod");
            try {
                Fapilog.getLogger("main").error("after the typo", "password", "hunter2");
            } catch (RuntimeException e) {
                System.out.println("threw " + e);
            }
        }
    }

    /** Run in a JVM of its own, with {@code FAPILOG_PRESET} set. */
    public static final class LogsWithDefaultPreset {
        public static void main(String[] args) {
            try {
                Fapilog.getLogger("main").info("still written");
            } catch (RuntimeException e) {
                System.out.println("threw " + e);
            }
        }
    }
}
