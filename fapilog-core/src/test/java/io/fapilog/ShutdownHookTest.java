package io.fapilog;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM that logs and returns from main without stopping anything still writes every event. */
class ShutdownHookTest {

    public static void main(String[] args) {
        Logger log = Fapilog.getLogger("exit", Preset.MINIMAL);
        for (int i = 0; i < 5_000; i++) {
            log.info("before exit", "i", i);
        }
    }

    @Test
    void theShutdownHookDrainsLoggersNobodyStopped() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ShutdownHookTest.class.getName()).redirectErrorStream(false).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(5_000);
        assertThat(TestSinks.parse(lines)).allSatisfy(event -> assertThat(event.get("message").asString())
                .isEqualTo("before exit"));
    }
}
