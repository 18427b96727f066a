package io.fapilog;

import io.fapilog.config.Format;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An odd number of key/value arguments shifts every pair after the slip: a sensitive name lands as a
 * value, and the secret after it as the next field's key or the unpaired value, where the rule on
 * names never looked. It was written in clear, in every layout.
 */
class OddArgumentsRedactionTest {

    /** Rejects a member named twice, as Elasticsearch does. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @ParameterizedTest
    @EnumSource(Format.class)
    void aSecretAfterASensitiveNameIsMaskedWhereverTheShiftPutsIt(Format format) {
        List<String> lines = logged(format, log -> {
            log.info("value forgotten before the secret", "user", "password", "hunter2-last");
            log.info("value forgotten, more pairs after", "user", "password", "hunter2-key", "email", "ada@example.com");
            log.info("even and aligned", "user", "ada", "password", "hunter2-aligned");
            log.info("two sensitive names in a row", "password", "token", "hunter2-after-token");
            log.info("two shifted keys", "user", "password", "hunter2-one", "apiKey", "hunter2-two", "ip", "10.0.0.1");
            log.info("Login with hunter2-repeated", "user", "password", "hunter2-repeated");
        });

        assertThat(lines).hasSize(6).noneMatch(line -> line.contains("hunter2"));
        for (String line : lines) {
            JSON.readTree(line); // valid JSON, no duplicate member broken by the masked key
        }
        assertThat(lines.get(1)).contains("ada@example.com"); // what followed the secret is kept
    }

    @Test
    void theShiftedFieldsKeepTheirPlaces() {
        JsonNode data = JSON.readTree(logged(Format.FAPILOG, log ->
                log.info("shifted", "user", "password", "hunter2", "email", "ada@example.com")).get(0)).get("data");
        assertThat(data.get("user").asString()).isEqualTo("password");
        assertThat(data.get("***").asString()).isEqualTo("email");
        assertThat(data.get("_unpaired").asString()).isEqualTo("ada@example.com");
    }

    /** Text that merely mentions a sensitive name is no name: what follows it keeps its key. */
    @Test
    void aValueThatMentionsASensitiveNameIsNoName() {
        JsonNode data = JSON.readTree(logged(Format.FAPILOG, log ->
                log.info("mention", "reason", "wrong password", "attempts", 3, "left")).get(0)).get("data");
        assertThat(data.get("reason").asString()).isEqualTo("wrong password");
        assertThat(data.get("attempts").asInt()).isEqualTo(3);
    }

    /** The lines the production preset writes in {@code format} for what {@code calls} log. */
    private static List<String> logged(Format format, java.util.function.Consumer<Logger> calls) {
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).format(format).sinks().sink(sink)
                .shutdownHook(false).start()) {
            calls.accept(runtime.getLogger("odd"));
            runtime.flush().join();
        }
        return sink.lines();
    }
}
