package io.fapilog.opentelemetry;

import io.fapilog.FapilogConfig;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.config.JsonLayout;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Sink;
import io.fapilog.spi.SinkWriteException;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Ships fapilog's batches to an OpenTelemetry Collector (or any OTLP receiver) through the
 * OpenTelemetry SDK's {@link LogRecordExporter}: one export per batch, straight from the worker,
 * with no batching processor of its own in between (fapilog's queue is the only queue).
 *
 * <pre>{@code
 * OtlpSink otlp = OtlpSink.builder().endpoint("http://collector:4318/v1/logs").build();
 * FapilogRuntime runtime = Fapilog.builder().sink(otlp).start();
 * }</pre>
 *
 * <p>Accounting: {@link #write} returns only once the receiver acknowledged the batch, so an event
 * counts as written only when the collector took it. The exporter retries what the OTLP
 * specification calls retryable (HTTP 429, 502, 503, 504, connection failures; the matching gRPC
 * codes) with exponential back-off under its {@link RetryPolicy}; a batch still failing, or one the
 * receiver refused for good (400), makes {@code write} throw a {@link SinkWriteException}, which the
 * engine does not retry again: the events go to the fallback or are counted as dropped, and the
 * failure counts towards the sink's circuit breaker. The wait for a result is bounded
 * ({@link Builder#exportTimeout}); a batch still unanswered then fails the same way.
 */
public final class OtlpSink implements Sink {

    /** Loggers whose events this sink never exports: the exporter's own and its HTTP client's. */
    public static final List<String> DEFAULT_EXCLUDED_LOGGERS = List.of("io.opentelemetry.", "okhttp3.", "okio.");

    /**
     * The wait for an exporter the sink did not build: Spring Boot's default exporter needs up to
     * 5 attempts of 10 s plus about 8 s of back-off before it gives up.
     */
    static final Duration EXTERNAL_EXPORTER_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final LogRecordExporter exporter;
    /** Where the exporter this sink built sends; null for an exporter the application gave. */
    private final String endpoint;
    private final boolean ownsExporter;
    private final Duration exportTimeout;
    private final EncoderFactory encoder;
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder excluded = new LongAdder();
    /** Its client library's loggers: never sent, and never waiting for room in the queue. */
    private final List<String> excludedLoggers;
    private volatile boolean closed;
    private volatile CompletableResultCode inFlight;

    private OtlpSink(Builder b) {
        this.name = b.name;
        this.exporter = b.exporter != null ? b.exporter : b.buildExporter();
        this.endpoint = b.exporter != null ? null : b.url();
        this.ownsExporter = b.exporter == null || b.ownsExporter;
        this.exportTimeout = b.exportTimeout != null ? b.exportTimeout : b.derivedExportTimeout();
        this.excludedLoggers = List.copyOf(b.excludedLoggers);
        this.encoder = new RecordEncoders(b.layout.encoder(b.limits), b.limits, b.resource,
                excludedLoggers, excluded, b.clock, name -> false);
    }

    /**
     * Makes the sink's encoders. In a runtime, they know its sensitive field names: names that
     * flattening makes ({@code private} and {@code key} as {@code private.key}) are masked by them.
     */
    private record RecordEncoders(EncoderFactory lines, EncodingLimits limits, Resource resource,
                                  List<String> excludedLoggers, LongAdder excluded, Clock clock,
                                  Predicate<CharSequence> sensitive)
            implements EncoderFactory {

        @Override
        public Encoder create() {
            return new OtlpEncoder(lines.create(), limits, resource, excludedLoggers, excluded, clock, sensitive);
        }

        @Override
        public EncoderFactory forRuntime(FapilogConfig config) {
            return new RecordEncoders(lines, limits, resource, excludedLoggers, excluded, clock,
                    config.redaction().fieldNameMatcher());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The encoder the sink is written with: its JSON line plus the record it sends. */
    @Override
    public EncoderFactory encoder() {
        return encoder;
    }

    @Override
    public String name() {
        return name;
    }

    /** Events the receiver acknowledged. */
    public long acknowledgedEvents() {
        return acknowledged.sum();
    }

    /** Events of batches that failed for good (the engine sent them to the fallback or dropped them). */
    public long failedEvents() {
        return failed.sum();
    }

    /** Events not exported because their logger is excluded (the exporter's own logs). */
    public long excludedEvents() {
        return excluded.sum();
    }

    /** The exporter this sink hands its batches to. */
    public LogRecordExporter exporter() {
        return exporter;
    }

    /**
     * The most a request carries, about (each record counted as its JSON line): a collector refuses a
     * larger one whole (its HTTP receiver's default limit is 20 MiB; proxies and gRPC 4 MiB), which
     * sent every event of a batch of large ones to the fallback. A batch past it goes in several.
     */
    static final long REQUEST_BYTES = 4L << 20;

    @Override
    public void write(EncodedBatch batch) throws SinkWriteException {
        int events = batch.eventCount();
        if (closed) { // an event logged after the drain (a bean destroyed late): the drain closed the sink
            failed.add(events);
            throw new SinkWriteException("OTLP sink '" + name + "' is closed (the drain is over): events logged after it go to the fallback", null);
        }
        List<LogRecordData> records = new ArrayList<>(events);
        List<Integer> indexes = new ArrayList<>(events);
        List<Integer> unmapped = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            if (batch.record(i) instanceof LogRecordData record) {
                records.add(record);
                indexes.add(i);
            } else {
                unmapped.add(i); // a line from another encoder: it cannot become an OTLP record
            }
        }
        int from = 0;
        long deadline = System.nanoTime() + exportTimeout.toNanos(); // the batch's, however many requests it takes
        while (from < records.size()) {
            int to = requestEnd(batch, indexes, from);
            CompletableResultCode result = export(records.subList(from, to), deadline);
            if (!result.isDone() || !result.isSuccess()) {
                // this request's events and those not sent yet failed; the requests before were written
                List<Integer> notWritten = new ArrayList<>(indexes.subList(from, indexes.size()));
                notWritten.addAll(unmapped);
                acknowledged.add(from);
                failed.add(notWritten.size());
                throw new SinkWriteException(failureMessage(result), result.getFailureThrowable(),
                        notWritten.stream().mapToInt(Integer::intValue).sorted().toArray());
            }
            from = to;
        }
        acknowledged.add(records.size());
        if (!unmapped.isEmpty()) {
            failed.add(unmapped.size());
            throw new SinkWriteException("events without an OTLP record (was it given another encoder than its own?)",
                    null, unmapped.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** The end of the request that starts at record {@code from}: at least one record, at most {@link #REQUEST_BYTES}. */
    private static int requestEnd(EncodedBatch batch, List<Integer> indexes, int from) {
        long bytes = 0;
        int to = from;
        while (to < indexes.size()) {
            int event = indexes.get(to);
            bytes += batch.lineEnd(event) - batch.lineStart(event);
            if (bytes > REQUEST_BYTES && to > from) {
                break;
            }
            to++;
        }
        return to;
    }

    private CompletableResultCode export(List<LogRecordData> records, long deadline) {
        CompletableResultCode result = closed ? CompletableResultCode.ofFailure() : exporter.export(records);
        CompletableResultCode answered = new CompletableResultCode(); // close() also ends the wait
        result.whenComplete(answered::succeed);
        inFlight = answered;
        if (closed) {
            answered.succeed();
        }
        answered.join(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        inFlight = null;
        return result;
    }

    private String failureMessage(CompletableResultCode result) {
        if (closed) {
            return "OTLP sink '" + name + "' closed: the drain could not wait for the export any longer";
        }
        if (!result.isDone()) {
            return "OTLP export not answered within " + exportTimeout;
        }
        return OtlpFailures.describe(result.getFailureThrowable(), endpoint);
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public List<String> clientLoggers() {
        return excludedLoggers;
    }

    /**
     * Shuts the exporter down if this sink built it (an exporter given to the builder belongs to its
     * owner). A write still waiting for an export (a drain that cannot wait any longer) fails now,
     * its batch goes to the fallback; later writes fail at once.
     */
    @Override
    public void close() {
        closed = true;
        CompletableResultCode waiting = inFlight;
        if (waiting != null) {
            waiting.succeed();
        }
        if (ownsExporter) {
            exporter.shutdown().join(exportTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public String toString() {
        return "OtlpSink[" + name + " -> " + exporter + "]";
    }

    /** Configures an {@link OtlpSink}; every setting has a default that suits a collector on this machine. */
    public static final class Builder {

        private String name = "otlp";
        private OtlpProtocol protocol = OtlpProtocol.HTTP_PROTOBUF;
        private String endpoint;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String compression = "none";
        private Duration timeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private RetryPolicy retryPolicy = RetryPolicy.getDefault();
        private Duration exportTimeout;
        private LogRecordExporter exporter;
        private boolean ownsExporter;
        private Resource resource;
        private JsonLayout layout = JsonLayout.DEFAULT;
        private EncodingLimits limits = EncodingLimits.DEFAULT;
        private List<String> excludedLoggers = DEFAULT_EXCLUDED_LOGGERS;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The sink's name in metrics and health (default {@code otlp}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder protocol(OtlpProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** The receiver's URL; default {@link OtlpProtocol#defaultEndpoint()}. */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** A header sent with every request (authentication, tenant). */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            headers.forEach(this::header);
            return this;
        }

        /** {@code gzip} or {@code none} (default). */
        public Builder compression(String compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /** The longest one request may take (default 10 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How the exporter retries retryable failures (default {@link RetryPolicy#getDefault()}: 5
         * attempts, back-off from 1 s to 5 s); {@code null} for no retry.
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /**
         * The longest {@code write} waits for the exporter's result, retries included. Default: long
         * enough for every attempt of the retry policy to time out; 2 minutes for a given exporter.
         */
        public Builder exportTimeout(Duration exportTimeout) {
            this.exportTimeout = exportTimeout;
            return this;
        }

        /**
         * Uses {@code exporter} (for example Spring Boot's) instead of building one; the endpoint,
         * protocol, headers, compression, timeouts and retry settings are then the exporter's.
         * The sink does not shut it down unless {@code owned}.
         */
        public Builder exporter(LogRecordExporter exporter, boolean owned) {
            this.exporter = Objects.requireNonNull(exporter, "exporter");
            this.ownsExporter = owned;
            return this;
        }

        /**
         * A fixed resource for every record (for example Spring Boot's), whose attributes win over those
         * built from the event's {@code diagnostics} (service, version, env, host, pid, as the runtime
         * enricher fills them), which fill in the rest. Default: those alone.
         */
        public Builder resource(Resource resource) {
            this.resource = resource;
            return this;
        }

        /** The layout of the JSON lines the fallback writes when the collector cannot take a batch. */
        public Builder format(Format format) {
            this.layout = layout.withFormat(Objects.requireNonNull(format, "format"));
            return this;
        }

        /**
         * Lines as {@code config}'s runtime writes them: its format, member adjustments
         * ({@code logging.structured.json.*}), timestamp precision and encoding limits.
         */
        public Builder linesAs(FapilogConfig config) {
            this.layout = JsonLayout.of(config);
            return encodingLimits(config.encodingLimits());
        }

        public Builder encodingLimits(EncodingLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Logger name prefixes whose events are never exported (default {@link #DEFAULT_EXCLUDED_LOGGERS}). */
        public Builder excludedLoggers(List<String> prefixes) {
            this.excludedLoggers = List.copyOf(prefixes);
            return this;
        }

        /** The clock of the observed timestamp (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public OtlpSink build() {
            return new OtlpSink(this);
        }

        private String url() {
            return endpoint != null && !endpoint.isBlank() ? endpoint : protocol.defaultEndpoint();
        }

        private LogRecordExporter buildExporter() {
            String url = url();
            return switch (protocol) {
                case HTTP_PROTOBUF -> {
                    OtlpHttpLogRecordExporterBuilder http = OtlpHttpLogRecordExporter.builder()
                            .setEndpoint(url).setTimeout(timeout).setConnectTimeout(connectTimeout)
                            .setCompression(compression).setRetryPolicy(retryPolicy)
                            .setMeterProvider(MeterProvider::noop);
                    headers.forEach(http::addHeader);
                    yield http.build();
                }
                case GRPC -> {
                    OtlpGrpcLogRecordExporterBuilder grpc = OtlpGrpcLogRecordExporter.builder()
                            .setEndpoint(url).setTimeout(timeout).setConnectTimeout(connectTimeout)
                            .setCompression(compression).setRetryPolicy(retryPolicy)
                            .setMeterProvider(MeterProvider::noop);
                    headers.forEach(grpc::addHeader);
                    yield grpc.build();
                }
            };
        }

        /** Every attempt timing out, plus the longest back-off between them, plus a second. */
        private Duration derivedExportTimeout() {
            if (exporter != null) {
                return EXTERNAL_EXPORTER_TIMEOUT;
            }
            int attempts = retryPolicy == null ? 1 : retryPolicy.getMaxAttempts();
            Duration backoff = retryPolicy == null ? Duration.ZERO : retryPolicy.getMaxBackoff();
            return timeout.plus(connectTimeout).multipliedBy(attempts)
                    .plus(backoff.multipliedBy(Math.max(0, attempts - 1))).plusSeconds(1);
        }
    }
}
