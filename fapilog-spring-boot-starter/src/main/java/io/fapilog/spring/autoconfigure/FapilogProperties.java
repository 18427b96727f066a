package io.fapilog.spring.autoconfigure;

import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.config.Format;
import io.fapilog.config.TimestampPrecision;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.ModeSelection;
import io.fapilog.config.SinkType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of Fapilog ({@code fapilog.*}). Every setting left unset takes the value of the
 * chosen {@link #preset}; a setting made here always beats the preset.
 */
@ConfigurationProperties(prefix = "fapilog")
public class FapilogProperties {

    /** Whether Fapilog is auto-configured at all. */
    private boolean enabled = true;

    /** The bundle of settings to start from: dev, production, webflux, serverless, hardened or minimal. */
    private Preset preset = Preset.PRODUCTION;

    /**
     * Execution mode of loggers: auto (WebFlux request loggers async, sync loggers bound-loop on an event
     * loop and thread elsewhere), async, bound-loop or thread.
     */
    private ModeSelection mode;

    /**
     * Alias of logging.level.root: handed to Spring Boot's logging system unless logging.level.root is set.
     * Levels are read from the logging system (logging.level.*, groups, /actuator/loggers).
     */
    private Level level;

    /**
     * Alias of logging.level.*: fapilog.levels.com.acme=DEBUG is handed to Spring Boot's logging system as
     * logging.level.com.acme=DEBUG unless that is set too; the key ROOT is fapilog.level.
     */
    private Map<String, Level> levels = new LinkedHashMap<>();

    /** JSON layout of event lines: fapilog, ecs, logstash or gelf. Default: logging.structured.format.console, else fapilog. */
    private Format format;

    /** Fraction of a second in the JSON layouts' timestamps: millis or micros. Default: millis. */
    private TimestampPrecision timestampPrecision = TimestampPrecision.MILLIS;

    /** Worker count; events of one thread always go through the same worker. Default: 1. */
    private Integer workers;

    /** Built-in sinks: stdout-json, stdout-pretty, rotating-file, http, in-memory; otlp and kafka, beside them or alone, switch on those modules' sinks. Default: from the preset (plus rotating-file when logging.file.name or logging.file.path is set and the bridge is on). */
    private List<SinkType> sinks;

    private final Queue queue = new Queue();

    private final Batch batch = new Batch();

    private final File file = new File();

    private final Http http = new Http();

    private final Redaction redaction = new Redaction();

    private final Sampling sampling = new Sampling();

    private final RateLimit rateLimit = new RateLimit();

    private final Enrichers enrichers = new Enrichers();

    private final Service service = new Service();

    private final Shutdown shutdown = new Shutdown();

    private final Bridge bridge = new Bridge();

    private final RequestLogging requestLogging = new RequestLogging();

    private final Health health = new Health();

    public static class Queue {

        /** Events the queue holds for ordinary levels. Default: 10000. */
        private Integer capacity;

        /** Extra slots only protected levels may use. Default: 1000. */
        private Integer reserve;

        /** What a caller does when the queue is full: wait (up to wait-timeout) or drop. Default: from the preset. */
        private FullPolicy fullPolicy;

        /** The longest a caller waits for room under the wait policy. Default: 50ms. */
        private Duration waitTimeout;

        /** Levels that may use the reserve, so a queue full of noise does not drop them. Default: ERROR and above. */
        private Set<Level> protectedLevels;

        /**
         * The memory the queued events' large values (text, collections, arrays past 1 KB an event)
         * may hold together. A large event that finds it spent waits for room (thread mode under the
         * wait policy, up to wait-timeout) or has its large values cut to 512 characters, and is
         * written. Default: a tenth of the maximum heap.
         */
        private DataSize maxBytes;

        public Integer getCapacity() { return capacity; }
        public void setCapacity(Integer capacity) { this.capacity = capacity; }
        public Integer getReserve() { return reserve; }
        public void setReserve(Integer reserve) { this.reserve = reserve; }
        public FullPolicy getFullPolicy() { return fullPolicy; }
        public void setFullPolicy(FullPolicy fullPolicy) { this.fullPolicy = fullPolicy; }
        public Duration getWaitTimeout() { return waitTimeout; }
        public void setWaitTimeout(Duration waitTimeout) { this.waitTimeout = waitTimeout; }
        public Set<Level> getProtectedLevels() { return protectedLevels; }
        public void setProtectedLevels(Set<Level> protectedLevels) { this.protectedLevels = protectedLevels; }
        public DataSize getMaxBytes() { return maxBytes; }
        public void setMaxBytes(DataSize maxBytes) { this.maxBytes = maxBytes; }
    }

    public static class Batch {

        /** Events a worker takes per batch. Default: from the preset (production 256). */
        private Integer maxSize;

        /** The longest an event waits for its batch to fill. Default: from the preset (production 250ms). */
        private Duration timeout;

        public Integer getMaxSize() { return maxSize; }
        public void setMaxSize(Integer maxSize) { this.maxSize = maxSize; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
    }

    public static class File {

        /** The active log file of the rotating-file sink. Default: logs/fapilog.log. */
        private Path path;

        /** Roll when the active file would pass this size. Default: 100MB. */
        private DataSize maxFileSize;

        /** Roll at the first write after local midnight. Default: true. */
        private Boolean rotateDaily;

        /** Rolled files kept. Default: 7. */
        private Integer maxHistory;

        /** Compress rolled files with gzip. Default: true. */
        private Boolean gzip;

        /** The most the rolled files may take together; the oldest are deleted beyond it. Default: logging.logback.rollingpolicy.total-size-cap, else no cap. */
        private DataSize totalSizeCap;

        /** Apply max-history and total-size-cap to the rolled files found at start-up, not only at the next roll. Default: logging.logback.rollingpolicy.clean-history-on-start, else false. */
        private Boolean cleanHistoryOnStart;

        public Path getPath() { return path; }
        public void setPath(Path path) { this.path = path; }
        public DataSize getMaxFileSize() { return maxFileSize; }
        public void setMaxFileSize(DataSize maxFileSize) { this.maxFileSize = maxFileSize; }
        public Boolean getRotateDaily() { return rotateDaily; }
        public void setRotateDaily(Boolean rotateDaily) { this.rotateDaily = rotateDaily; }
        public Integer getMaxHistory() { return maxHistory; }
        public void setMaxHistory(Integer maxHistory) { this.maxHistory = maxHistory; }
        public Boolean getGzip() { return gzip; }
        public void setGzip(Boolean gzip) { this.gzip = gzip; }
        public DataSize getTotalSizeCap() { return totalSizeCap; }
        public void setTotalSizeCap(DataSize totalSizeCap) { this.totalSizeCap = totalSizeCap; }
        public Boolean getCleanHistoryOnStart() { return cleanHistoryOnStart; }
        public void setCleanHistoryOnStart(Boolean cleanHistoryOnStart) { this.cleanHistoryOnStart = cleanHistoryOnStart; }
    }

    public static class Http {

        /** Where the http sink posts batches (newline-delimited JSON). */
        private URI endpoint;

        /** Time allowed for each post of the http sink up to the response's status and headers (also its connect timeout). Default: 5s. */
        private Duration timeout;

        /** Extra request headers of the http sink, for example Authorization. */
        private Map<String, String> headers = new LinkedHashMap<>();

        public URI getEndpoint() { return endpoint; }
        public void setEndpoint(URI endpoint) { this.endpoint = endpoint; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public Map<String, String> getHeaders() { return headers; }
        public void setHeaders(Map<String, String> headers) { this.headers = headers; }
    }

    public static class Redaction {

        /** Named rule sets: credentials, pci, hipaa; none for none. Default (also when blank): from the preset. */
        private Set<String> presets;

        /** Extra field names masked wherever they occur (case-insensitive, nested). */
        private Set<String> fields = new LinkedHashSet<>();

        /** Extra regular expressions; matching parts of string values and the message are masked. */
        private List<String> patterns = new ArrayList<>();

        /** Mask user:password@ in URLs. Default: from the preset. */
        private Boolean urlCredentials;

        /** Drop an event (counted) when a redactor fails instead of writing it unredacted. Default: from the preset. */
        private Boolean failClosed;

        public Set<String> getPresets() { return presets; }
        public void setPresets(Set<String> presets) { this.presets = presets; }
        public Set<String> getFields() { return fields; }
        public void setFields(Set<String> fields) { this.fields = fields; }
        public List<String> getPatterns() { return patterns; }
        public void setPatterns(List<String> patterns) { this.patterns = patterns; }
        public Boolean getUrlCredentials() { return urlCredentials; }
        public void setUrlCredentials(Boolean urlCredentials) { this.urlCredentials = urlCredentials; }
        public Boolean getFailClosed() { return failClosed; }
        public void setFailClosed(Boolean failClosed) { this.failClosed = failClosed; }
    }

    public static class Sampling {

        /** Share of events below WARN that are kept, in (0, 1]. Default: 1. */
        private Double rate;

        public Double getRate() { return rate; }
        public void setRate(Double rate) { this.rate = rate; }
    }

    public static class RateLimit {

        /** Events per second kept before only ERROR and above pass; 0 for no limit. Default: 0. */
        private Double eventsPerSecond;

        /** Events the rate limit lets through at once. Default: 1000. */
        private Integer burst;

        public Double getEventsPerSecond() { return eventsPerSecond; }
        public void setEventsPerSecond(Double eventsPerSecond) { this.eventsPerSecond = eventsPerSecond; }
        public Integer getBurst() { return burst; }
        public void setBurst(Integer burst) { this.burst = burst; }
    }

    public static class Enrichers {

        /** Add service, env, version, host and pid to diagnostics. Default: from the preset. */
        private Boolean runtime;

        /** Add the caller's thread name to diagnostics. Default: from the preset. */
        private Boolean thread;

        /**
         * Copy the SLF4J MDC of the logging thread into the context of native fapilog events, at call
         * time (bridged SLF4J events always carry their MDC). Off by default.
         */
        private boolean mdc;

        /** The MDC keys copied when mdc is on (an allow-list); empty copies every key. */
        private Set<String> mdcKeys = new LinkedHashSet<>();

        public Boolean getRuntime() { return runtime; }
        public void setRuntime(Boolean runtime) { this.runtime = runtime; }
        public Boolean getThread() { return thread; }
        public void setThread(Boolean thread) { this.thread = thread; }
        public boolean isMdc() { return mdc; }
        public void setMdc(boolean mdc) { this.mdc = mdc; }
        public Set<String> getMdcKeys() { return mdcKeys; }
        public void setMdcKeys(Set<String> mdcKeys) { this.mdcKeys = mdcKeys; }
    }

    public static class Service {

        /** diagnostics.service. Default: spring.application.name. */
        private String name;

        /** diagnostics.env, for example prod. */
        private String env;

        /** diagnostics.version. */
        private String version;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getEnv() { return env; }
        public void setEnv(String env) { this.env = env; }
        public String getVersion() { return version; }
        public void setVersion(String version) { this.version = version; }
    }

    public static class Shutdown {

        /** The longest the drain at application shutdown may take. Default: from the preset (10s, serverless 2s). */
        private Duration timeout;

        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
    }

    public static class Health {

        /**
         * Report the fapilog health contributor DOWN (turning /actuator/health DOWN, and failing
         * probes that read it) while a sink's circuit is open or a worker is not running. When
         * false, such an outage shows as the status DEGRADED with details, which leaves the
         * aggregate health as the other contributors make it.
         */
        private boolean downOnSinkFailure = false;

        /**
         * How long a worker may be held in one batch before health reports it (DEGRADED, or DOWN with
         * down-on-sink-failure): a batch takes microseconds to milliseconds, so a worker held for
         * seconds waits on something (a value's toString() on a lock or a database, a local sink's
         * write on its disk) while the queue fills behind it. Health then shows where it is held.
         */
        private Duration workerHeldAfter = Duration.ofSeconds(10);

        public boolean isDownOnSinkFailure() { return downOnSinkFailure; }
        public Duration getWorkerHeldAfter() { return workerHeldAfter; }
        public void setWorkerHeldAfter(Duration workerHeldAfter) { this.workerHeldAfter = workerHeldAfter; }
        public void setDownOnSinkFailure(boolean downOnSinkFailure) { this.downOnSinkFailure = downOnSinkFailure; }
    }

    public static class Bridge {

        /** Route SLF4J/Logback events (Spring, Netty, Hibernate…) through Fapilog, replacing the console appender. Default: from the preset. */
        private Boolean slf4j;

        public Boolean getSlf4j() { return slf4j; }
        public void setSlf4j(Boolean slf4j) { this.slf4j = slf4j; }
    }

    public static class RequestLogging {

        /** Log one request_completed / request_failed event per HTTP request. Default: from the preset (webflux on). */
        private Boolean enabled;

        /** Paths (Ant patterns) that get no access log event. */
        private List<String> skipPaths = new ArrayList<>(List.of("/actuator/**"));

        /** Request headers copied into the access log event (data.headers), lower case. */
        private Set<String> headers = new LinkedHashSet<>();

        /** Allow-listed headers whose values are masked. */
        private Set<String> maskedHeaders = new LinkedHashSet<>(
                List.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"));

        /** Share of successful (status < 400) requests logged, in [0, 1]; failures are always logged. */
        private double sampleRate = 1.0;

        /** Header carrying the request id, read when valid and echoed on the response. */
        private String requestIdHeader = "X-Request-ID";

        /**
         * WebFlux: carry the request's context (request id, method, path, trace ids) through the Reactor
         * Context to every thread of the request's chain, so that static fapilog loggers and bridged SLF4J
         * loggers carry it; turns on Reactor's automatic context propagation (needs
         * io.micrometer:context-propagation). Servlet requests always carry it (scoped context and MDC).
         */
        private boolean propagateContext = true;

        public Boolean getEnabled() { return enabled; }
        public void setEnabled(Boolean enabled) { this.enabled = enabled; }
        public List<String> getSkipPaths() { return skipPaths; }
        public void setSkipPaths(List<String> skipPaths) { this.skipPaths = skipPaths; }
        public Set<String> getHeaders() { return headers; }
        public void setHeaders(Set<String> headers) { this.headers = headers; }
        public Set<String> getMaskedHeaders() { return maskedHeaders; }
        public void setMaskedHeaders(Set<String> maskedHeaders) { this.maskedHeaders = maskedHeaders; }
        public double getSampleRate() { return sampleRate; }
        public void setSampleRate(double sampleRate) { this.sampleRate = sampleRate; }
        public String getRequestIdHeader() { return requestIdHeader; }
        public void setRequestIdHeader(String requestIdHeader) { this.requestIdHeader = requestIdHeader; }
        public boolean isPropagateContext() { return propagateContext; }
        public void setPropagateContext(boolean propagateContext) { this.propagateContext = propagateContext; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Preset getPreset() { return preset; }
    public void setPreset(Preset preset) { this.preset = preset; }
    public ModeSelection getMode() { return mode; }
    public void setMode(ModeSelection mode) { this.mode = mode; }
    public Level getLevel() { return level; }
    public void setLevel(Level level) { this.level = level; }
    public Map<String, Level> getLevels() { return levels; }
    public void setLevels(Map<String, Level> levels) { this.levels = levels; }
    public Format getFormat() { return format; }
    public void setFormat(Format format) { this.format = format; }
    public TimestampPrecision getTimestampPrecision() { return timestampPrecision; }
    public void setTimestampPrecision(TimestampPrecision timestampPrecision) { this.timestampPrecision = timestampPrecision; }
    public Integer getWorkers() { return workers; }
    public void setWorkers(Integer workers) { this.workers = workers; }
    public List<SinkType> getSinks() { return sinks; }
    public void setSinks(List<SinkType> sinks) { this.sinks = sinks; }
    public Queue getQueue() { return queue; }
    public Batch getBatch() { return batch; }
    public File getFile() { return file; }
    public Http getHttp() { return http; }
    public Redaction getRedaction() { return redaction; }
    public Sampling getSampling() { return sampling; }
    public RateLimit getRateLimit() { return rateLimit; }
    public Enrichers getEnrichers() { return enrichers; }
    public Service getService() { return service; }
    public Shutdown getShutdown() { return shutdown; }
    public Bridge getBridge() { return bridge; }
    public Health getHealth() { return health; }
    public RequestLogging getRequestLogging() { return requestLogging; }
}
