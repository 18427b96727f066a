package io.fapilog.log4j2;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A byte[] or char[] a placeholder takes, which Log4j2 writes element by element, is masked as
 * fapilog's own logger masks it (it was spelled out in the message, past every text rule).
 */
class PlaceholderArraysTest {

    private final InMemorySink sink = new InMemorySink();
    private final FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
            .shutdownHook(false).start();

    @AfterEach
    void stop() {
        Log4j2Bridge.disconnect(runtime);
        runtime.close();
    }

    @Test
    void bytesAndCharsAPlaceholderTakesAreMasked() {
        Log4j2Bridge.connect(runtime);
        char[] chars = "user=ann password=CH-SECRET".toCharArray();
        byte[] bytes = "user=ann password=BY-SECRET".getBytes(StandardCharsets.US_ASCII);

        LogManager.getLogger("com.acme.Creds").info("chars {} bytes {} for {}", chars, bytes, "ann");
        Arrays.fill(chars, 'x');
        runtime.stopAndDrain(Duration.ofSeconds(10));

        List<String> lines = sink.lines().stream().filter(line -> line.contains("com.acme.Creds")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("SECRET");
        String expected = "chars " + Arrays.toString("user=ann password=***".toCharArray())
                + " bytes " + Arrays.toString("user=ann password=***".getBytes(StandardCharsets.US_ASCII)) + " for ann";
        assertThat(JsonMapper.builder().build().readTree(lines.get(0)).get("message").asString()).isEqualTo(expected);
    }
}
