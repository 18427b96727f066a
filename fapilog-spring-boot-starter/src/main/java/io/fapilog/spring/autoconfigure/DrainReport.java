package io.fapilog.spring.autoconfigure;

import io.fapilog.DrainResult;
import io.fapilog.FapilogConfig;
import io.fapilog.Level;
import io.fapilog.config.Format;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.FapilogRuntime;
import io.fapilog.EngineStats;
import io.fapilog.config.SinkType;
import io.fapilog.config.StructuredJson;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Prints the outcome of the shutdown drain as one line in the runtime's layout (the fapilog
 * envelope, ECS, Logstash, GELF, or a readable line for {@code stdout-pretty}); in the fapilog
 * envelope it is a Fapilog event
 * ({@code message} "Fapilog drained", {@code data} with the {@link DrainResult}), written directly
 * because the engine it describes has stopped. Events a sink's fallback (standard error) wrote in
 * its place ({@code data.to_fallback}, over the runtime's life) make it a warning, as drops do: they
 * were kept, but not where the application sends its logs.
 */
final class DrainReport {

    static final String LOGGER = FapilogLifecycle.class.getName();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration PRINT_WAIT = Duration.ofSeconds(1);

    private final Supplier<PrintStream> out;
    /** The runtime's process fields ({@code service}, {@code env}, {@code version}, {@code host}, {@code pid}). */
    private final Map<String, Object> diagnostics;
    private final EncoderFactory encoder;
    private final Predicate<Level> enabled;

    DrainReport(Supplier<PrintStream> out, String service) {
        this(out, service == null ? Map.of() : Map.of("service", service), null, level -> true);
    }

    /**
     * @param encoder the layout of the line; null for the fapilog envelope
     * @param enabled whether the report's logger is enabled at a level (Boot's {@code logging.level.*})
     */
    DrainReport(Supplier<PrintStream> out, Map<String, Object> diagnostics, EncoderFactory encoder, Predicate<Level> enabled) {
        this.out = out;
        this.diagnostics = diagnostics;
        this.encoder = encoder;
        this.enabled = enabled;
    }

    /**
     * Standard output when the runtime writes there, standard error otherwise; in the runtime's
     * layout: readable lines when standard output gets only {@code stdout-pretty}, else its JSON
     * format with its member adjustments; at the levels the runtime's loggers follow, and at or above
     * the standard output sink's threshold ({@code logging.threshold.console}).
     */
    static DrainReport forRuntime(FapilogRuntime runtime) {
        FapilogConfig config = runtime.config();
        boolean json = config.sinks().contains(SinkType.STDOUT_JSON);
        boolean pretty = config.sinks().contains(SinkType.STDOUT_PRETTY);
        EncoderFactory encoder = pretty && !json ? EncoderFactory.pretty(false, config.encodingLimits())
                : config.format() != Format.FAPILOG || !config.structuredJson().equals(StructuredJson.NONE)
                ? EncoderFactory.json(config.format(), config.encodingLimits(), config.structuredJson())
                : null;
        Level threshold = config.sinkThresholds().get(json ? SinkType.STDOUT_JSON : SinkType.STDOUT_PRETTY);
        return new DrainReport(json || pretty ? () -> System.out : () -> System.err, envelope(runtime), encoder,
                level -> runtime.getLogger(LOGGER).isEnabled(level) && (threshold == null || level.isAtLeast(threshold)));
    }

    /** The events' process fields when the runtime enricher writes them, else the service's name alone (when set). */
    private static Map<String, Object> envelope(FapilogRuntime runtime) {
        Map<String, Object> fields = runtime.processFields();
        String service = runtime.config().service().name();
        return !fields.isEmpty() || service == null ? fields : Map.of("service", service);
    }

    /**
     * Prints the report, waiting at most {@link #PRINT_WAIT} for the stream to take it: after a drain
     * that timed out, a sink may still be blocked in a write to the same stream (a pipe nobody reads),
     * holding its lock, and the shutdown must not wait for it.
     */
    void print(DrainResult result, EngineStats stats, long toFallback, Duration timeout, Duration elapsed) {
        if (enabled.test(level(result, toFallback))) {
            PrintStream stream = out.get();
            String line = line(result, stats, toFallback, timeout, elapsed);
            // UTF-8, as the events beside it, whatever the stream's charset
            byte[] bytes = (line + System.lineSeparator()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Thread printer = new Thread(() -> {
                stream.write(bytes, 0, bytes.length);
                stream.flush();
            }, "fapilog-drain-report");
            printer.setDaemon(true);
            printer.start();
            try {
                printer.join(PRINT_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Level level(DrainResult result, long toFallback) {
        return result != null && result.dropped() == 0 && toFallback == 0 ? Level.INFO : Level.WARN;
    }

    /**
     * The JSON line; {@code result} is {@code null} when the drain did not finish within {@code timeout};
     * {@code toFallback}: events the sinks' fallbacks wrote in their place.
     */
    String line(DrainResult result, EngineStats stats, long toFallback, Duration timeout, Duration elapsed) {
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
            // Neither written nor dropped when the application exits now: lost, and said so.
            data.put("in_flight", stats.submitted() - stats.processed() - stats.dropped() - stats.filtered());
            data.put("timeout_ms", timeout.toMillis());
            data.put("duration_ms", elapsed.toMillis());
        }
        if (toFallback > 0) {
            data.put("to_fallback", toFallback);
        }
        Level level = level(result, toFallback);
        String message = result != null ? "Fapilog drained" : "Fapilog drain timed out";
        if (encoder != null) {
            EncodedBatch batch = new EncodedBatch();
            encoder.create().encode(new ReportEvent(System.currentTimeMillis(), level, LOGGER, message,
                    new ReportEvent.MapFields(diagnostics), new ReportEvent.MapFields(data)), batch);
            return new String(batch.array(), 0, batch.lineEnd(0), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", Instant.ofEpochMilli(System.currentTimeMillis()).toString());
        event.put("level", level.name());
        event.put("message", message);
        event.put("logger", LOGGER);
        if (!diagnostics.isEmpty()) {
            event.put("diagnostics", diagnostics);
        }
        event.put("data", data);
        return JSON.writeValueAsString(event);
    }
}
