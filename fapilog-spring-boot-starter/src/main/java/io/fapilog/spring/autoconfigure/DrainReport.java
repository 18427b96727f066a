package io.fapilog.spring.autoconfigure;

import io.fapilog.DrainResult;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.EngineStats;
import io.fapilog.config.SinkType;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prints the outcome of the shutdown drain as one JSON line in the shape of a Fapilog event
 * ({@code message} "Fapilog drained", {@code data} with the {@link DrainResult}), written directly
 * because the engine it describes has stopped.
 */
final class DrainReport {

    static final String LOGGER = FapilogLifecycle.class.getName();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<PrintStream> out;
    private final String service;

    DrainReport(Supplier<PrintStream> out, String service) {
        this.out = out;
        this.service = service;
    }

    /** Standard output when the runtime writes there, standard error otherwise. */
    static DrainReport forRuntime(FapilogRuntime runtime) {
        FapilogConfig config = runtime.config();
        boolean stdout = config.sinks().contains(SinkType.STDOUT_JSON) || config.sinks().contains(SinkType.STDOUT_PRETTY);
        return new DrainReport(stdout ? () -> System.out : () -> System.err, config.service().name());
    }

    void print(DrainResult result, EngineStats stats, Duration timeout, Duration elapsed) {
        out.get().println(line(result, stats, timeout, elapsed));
    }

    /** The JSON line; {@code result} is {@code null} when the drain did not finish within {@code timeout}. */
    String line(DrainResult result, EngineStats stats, Duration timeout, Duration elapsed) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (result != null) {
            data.put("submitted", result.submitted());
            data.put("processed", result.processed());
            data.put("dropped", result.dropped());
            data.put("filtered", result.filtered());
            data.put("queue_high_watermark", result.queueHighWatermark());
            data.put("duration_ms", result.duration().toMillis());
        } else {
            data.put("submitted", stats.submitted());
            data.put("processed", stats.processed());
            data.put("dropped", stats.dropped());
            data.put("filtered", stats.filtered());
            data.put("queued", stats.queueSize());
            data.put("timeout_ms", timeout.toMillis());
            data.put("duration_ms", elapsed.toMillis());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", Instant.ofEpochMilli(System.currentTimeMillis()).toString());
        event.put("level", result != null && result.dropped() == 0 ? "INFO" : "WARN");
        event.put("message", result != null ? "Fapilog drained" : "Fapilog drain timed out");
        event.put("logger", LOGGER);
        if (service != null) {
            event.put("diagnostics", Map.of("service", service));
        }
        event.put("data", data);
        return JSON.writeValueAsString(event);
    }
}
