package io.fapilog;

import io.fapilog.config.Format;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.LogBridge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace ids are written once per event, under each layout's name for them, whether they come from a
 * context provider (Micrometer Tracing, on every logger) or from the MDC of a bridged event, where
 * Micrometer puts them as {@code traceId} and {@code spanId}.
 */
class TraceIdNamesTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN = "b7ad6b7169203331";

    @ParameterizedTest
    @CsvSource({
            "FAPILOG, /context/trace_id, /context/span_id",
            "ECS, /trace/id, /span/id",
            "LOGSTASH, /traceId, /spanId",
            "GELF, /_traceId, /_spanId"})
    void nativeAndBridgedEventsCarryTheIdsOnceUnderTheLayoutsNames(Format format, String tracePath, String spanPath)
            throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink, format)
                .shutdownHook(false).start();
        runtime.addContextProvider(() -> new Object[] {"trace_id", TRACE, "span_id", SPAN});
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("traceId", TRACE);
        mdc.put("spanId", SPAN);
        mdc.put("tenant", "acme");

        runtime.getLogger("svc").info("native");
        runtime.bridge().submit(System.currentTimeMillis(), Level.INFO, "com.acme.Bridged", "bridged", null,
                "main", LogBridge.contextPairs(mdc), null, List.of());
        runtime.stopAndDrain(Duration.ofSeconds(10));

        List<JsonNode> events = TestSinks.parse(sink.lines());
        assertThat(events).hasSize(2);
        for (JsonNode event : events) {
            assertThat(event.at(tracePath).asString()).isEqualTo(TRACE);
            assertThat(event.at(spanPath).asString()).isEqualTo(SPAN);
            assertThat(event.toString().split(TRACE, -1)).as("the trace id once: %s", event).hasSize(2);
            assertThat(event.toString().split(SPAN, -1)).as("the span id once: %s", event).hasSize(2);
        }
        assertThat(events.get(1).toString()).contains("acme");
    }

    @ParameterizedTest
    @CsvSource({"FAPILOG, /data/trace_id", "ECS, /trace_id", "LOGSTASH, /trace_id", "GELF, /_trace_id"})
    void aDataFieldNamedLikeATraceIdKeepsItsName(Format format, String path) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink, format)
                .shutdownHook(false).start();
        runtime.getLogger("svc").info("data", "trace_id", "my-value");
        runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(TestSinks.parse(sink.lines()).get(0).at(path).asString()).isEqualTo("my-value");
    }

    @ParameterizedTest
    @CsvSource({"FAPILOG, /context/trace_id", "LOGSTASH, /traceId", "GELF, /_traceId"})
    void micrometersKeysInAnMdcAllowListAreWrittenOnce(Format format, String path) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).mdc(io.fapilog.config.MdcSettings.keys("traceId", "spanId"))
                .sinks().sink(sink, format).shutdownHook(false).start();
        runtime.addContextProvider(() -> new Object[] {"trace_id", TRACE, "span_id", SPAN});
        org.slf4j.MDC.put("traceId", TRACE);
        org.slf4j.MDC.put("spanId", SPAN);
        try {
            runtime.getLogger("svc").info("native");
        } finally {
            org.slf4j.MDC.clear();
        }
        runtime.stopAndDrain(Duration.ofSeconds(10));

        JsonNode event = TestSinks.parse(sink.lines()).get(0);
        assertThat(event.at(path).asString()).isEqualTo(TRACE);
        assertThat(event.toString().split(TRACE, -1)).as("the trace id once: %s", event).hasSize(2);
    }
}
