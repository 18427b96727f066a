package io.fapilog.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.fapilog.config.Format;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The encoder benchmark measures whole, valid lines, not an encoder's fallback for a failed event. */
class EncoderBenchmarkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eachOperationEncodesTheFullEventOncePerEventOfTheBatch() {
        EncoderBenchmark benchmark = new EncoderBenchmark();
        benchmark.format = Format.FAPILOG;
        benchmark.setUp();

        int length = benchmark.encode();

        assertThat(benchmark.batch.eventCount()).isEqualTo(256);
        assertThat(benchmark.encode()).isEqualTo(length);
        JsonNode line = firstLine(benchmark);
        assertThat(line.get("level").asString()).isEqualTo("INFO");
        assertThat(line.get("message").asString()).isEqualTo(BenchEvent.MESSAGE);
        assertThat(line.get("logger").asString()).isEqualTo(BenchEvent.LOGGER);
        assertThat(line.get("diagnostics").toString())
                .isEqualTo("{\"host\":\"vm\",\"pid\":2452,\"thread\":\"http-nio-8080-exec-1\"}");
        assertThat(line.get("data").toString()).isEqualTo("{\"user\":\"alice\",\"item_id\":0,\"size\":1000}");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"ECS", "LOGSTASH"})
    void theOtherLayoutsWriteTheEventWithoutAnEncodingError(Format format) {
        EncoderBenchmark benchmark = new EncoderBenchmark();
        benchmark.format = format;
        benchmark.setUp();

        benchmark.encode();

        assertThat(benchmark.batch.eventCount()).isEqualTo(256);
        JsonNode line = firstLine(benchmark);
        assertThat(line.get("message").asString()).isEqualTo(BenchEvent.MESSAGE);
        assertThat(line.has("encoding_error")).isFalse();
        assertThat(line.toString()).contains("\"alice\"", "2452", "http-nio-8080-exec-1");
    }

    private static JsonNode firstLine(EncoderBenchmark benchmark) {
        int start = benchmark.batch.lineStart(0);
        int end = benchmark.batch.lineEnd(0);
        return JSON.readTree(new String(benchmark.batch.array(), start, end - start, StandardCharsets.UTF_8));
    }
}
