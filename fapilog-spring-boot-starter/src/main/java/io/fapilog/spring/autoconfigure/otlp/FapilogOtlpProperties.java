package io.fapilog.spring.autoconfigure.otlp;

import io.fapilog.opentelemetry.OtlpSink;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OTLP sink ({@code fapilog.otlp.*}): ships every event to an OpenTelemetry Collector. With
 * {@code spring-boot-starter-opentelemetry} the connection settings come from Spring Boot's own
 * {@code management.opentelemetry.logging.export.otlp.*} and only {@code enabled}, {@code name},
 * {@code export-timeout} and {@code excluded-loggers} apply here.
 */
@ConfigurationProperties(prefix = "fapilog.otlp")
public class FapilogOtlpProperties {

    /** Whether events are exported over OTLP (the fapilog-opentelemetry module must be on the class path). */
    private boolean enabled;

    /** The sink's name in health, metrics and the actuator endpoint. */
    private String name = "otlp";

    /**
     * Use Spring Boot's OTLP LogRecordExporter bean (configured by
     * management.opentelemetry.logging.export.otlp.*) when the context has one.
     */
    private boolean useBootExporter = true;

    /** Use Spring Boot's OpenTelemetry Resource bean (service name, resource attributes) when the context has one. */
    private boolean useBootResource = true;

    /** Transport when fapilog builds the exporter: http/protobuf or grpc. */
    private String protocol = "http/protobuf";

    /**
     * The receiver's URL when fapilog builds the exporter. Default: http://localhost:4318/v1/logs
     * (http/protobuf) or http://localhost:4317 (grpc).
     */
    private String endpoint;

    /** Headers sent with every export request (authentication, tenant). */
    private Map<String, String> headers = new LinkedHashMap<>();

    /** Request compression when fapilog builds the exporter: none or gzip. */
    private String compression = "none";

    /** The longest one export request may take. */
    private Duration timeout = Duration.ofSeconds(10);

    /** The longest a connection attempt may take. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /**
     * The longest the sink waits for an export's result, retries included, before it counts the
     * batch as failed. Default: long enough for every retry to time out (2 minutes with Boot's exporter).
     */
    private Duration exportTimeout;

    /** Logger name prefixes whose events are never exported (the exporter's own logs). */
    private List<String> excludedLoggers = new ArrayList<>(OtlpSink.DEFAULT_EXCLUDED_LOGGERS);

    private final Retry retry = new Retry();

    /** How the exporter fapilog builds retries 429, 502, 503, 504 and connection failures. */
    public static class Retry {

        /** Whether failed exports are retried at all. */
        private boolean enabled = true;

        /** Attempts per export, the first included (2 to 5). */
        private int maxAttempts = 5;

        /** Wait before the first retry. */
        private Duration initialBackoff = Duration.ofSeconds(1);

        /** Longest wait between two attempts. */
        private Duration maxBackoff = Duration.ofSeconds(5);

        /** Factor applied to the wait after each retry. */
        private double backoffMultiplier = 1.5;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getInitialBackoff() { return initialBackoff; }
        public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
        public Duration getMaxBackoff() { return maxBackoff; }
        public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
        public double getBackoffMultiplier() { return backoffMultiplier; }
        public void setBackoffMultiplier(double backoffMultiplier) { this.backoffMultiplier = backoffMultiplier; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public boolean isUseBootExporter() { return useBootExporter; }
    public void setUseBootExporter(boolean useBootExporter) { this.useBootExporter = useBootExporter; }
    public boolean isUseBootResource() { return useBootResource; }
    public void setUseBootResource(boolean useBootResource) { this.useBootResource = useBootResource; }
    public String getProtocol() { return protocol; }
    public void setProtocol(String protocol) { this.protocol = protocol; }
    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
    public Map<String, String> getHeaders() { return headers; }
    public void setHeaders(Map<String, String> headers) { this.headers = headers; }
    public String getCompression() { return compression; }
    public void setCompression(String compression) { this.compression = compression; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getExportTimeout() { return exportTimeout; }
    public void setExportTimeout(Duration exportTimeout) { this.exportTimeout = exportTimeout; }
    public List<String> getExcludedLoggers() { return excludedLoggers; }
    public void setExcludedLoggers(List<String> excludedLoggers) { this.excludedLoggers = excludedLoggers; }
    public Retry getRetry() { return retry; }
}
