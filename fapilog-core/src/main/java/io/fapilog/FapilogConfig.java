package io.fapilog;

import io.fapilog.internal.engine.ReactorSupport;

import io.fapilog.internal.engine.Enums;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.MdcSettings;
import io.fapilog.config.ModeSelection;
import io.fapilog.config.RedactionSettings;
import io.fapilog.internal.presets.PresetDefinitions;
import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.config.ShutdownSettings;
import io.fapilog.config.ServiceSettings;
import io.fapilog.config.SamplingSettings;
import io.fapilog.config.QueueSettings;
import io.fapilog.config.EnrichmentSettings;
import io.fapilog.config.BatchSettings;
import io.fapilog.config.CustomSink;
import io.fapilog.config.HttpSinkSettings;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.StructuredJson;
import io.fapilog.config.TimestampPrecision;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Enricher;
import io.fapilog.spi.Filter;
import io.fapilog.spi.Redactor;
import io.fapilog.spi.Sink;
import io.fapilog.config.SinkType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything an engine is configured with: the effective values after the preset and the explicit
 * settings were applied. Build one with {@link Fapilog#builder()}.
 *
 * @param preset the preset the values started from
 * @param mode which execution mode loggers use
 * @param level threshold for loggers without a more specific entry in {@code levels}
 * @param levels thresholds by logger name prefix ({@code "com.acme"} covers {@code "com.acme.orders"})
 * @param format JSON layout of {@code stdout-json}, {@code rotating-file} and {@code http} lines
 * @param queue the queue between callers and workers
 * @param batch how workers batch events
 * @param workers worker count; each has a queue shard, events of one thread always go to the same worker
 * @param sinks built-in sinks
 * @param customSinks sink instances given to the builder, written after the built-in ones
 * @param filters filters given to the builder, run after the built-in sampling and rate limit
 * @param enrichers enrichers given to the builder, run after the built-in ones
 * @param redactors redactors given to the builder, run after the built-in ones
 * @param file settings of the {@code rotating-file} sink
 * @param http settings of the {@code http} sink
 * @param redaction what is masked
 * @param enrichment the built-in enrichers: runtime, thread, MDC
 * @param sampling the built-in filters: sampling and rate limit
 * @param service {@code diagnostics.service}, {@code env} and {@code version}
 * @param shutdown drain timeout and JVM shutdown hook
 * @param bridgeSlf4j route SLF4J/Logback events through fapilog (Spring starter)
 * @param requestLogging log one access event per HTTP request (Spring starter)
 * @param circuitBreaker retry and isolation of failing sinks
 * @param encodingLimits bounds on the size of one line
 * @param colour ANSI colours for {@code stdout-pretty} (null: only on a terminal)
 * @param structuredJson member adjustments of the JSON layouts (Boot's {@code logging.structured.json.*})
 * @param timestampPrecision milliseconds or microseconds in the timestamps of the JSON layouts
 * @param sinkThresholds the least level a built-in sink writes, by sink (Spring Boot's
 *        {@code logging.threshold.console} and {@code .file}); a sink not in it writes every event
 */
public record FapilogConfig(
        Preset preset, ModeSelection mode, Level level, Map<String, Level> levels, Format format,
        QueueSettings queue, BatchSettings batch, int workers,
        List<SinkType> sinks, List<CustomSink> customSinks, List<Filter> filters, List<Enricher> enrichers,
        List<Redactor> redactors, RotatingFileSettings file, HttpSinkSettings http, RedactionSettings redaction,
        EnrichmentSettings enrichment, SamplingSettings sampling, ServiceSettings service, ShutdownSettings shutdown,
        boolean bridgeSlf4j, boolean requestLogging,
        CircuitBreakerSettings circuitBreaker, EncodingLimits encodingLimits, Boolean colour,
        StructuredJson structuredJson, TimestampPrecision timestampPrecision, Map<SinkType, Level> sinkThresholds) {

    public FapilogConfig {
        InvalidSettingException.require(mode != null, "fapilog.mode", null, "one of: " + Enums.allowedValues(ModeSelection.class));
        // Forced without Reactor, the mode was taken and not run as it says: its workers need Reactor's scheduler.
        InvalidSettingException.require(mode != ModeSelection.ASYNC && mode != ModeSelection.BOUND_LOOP
                || ReactorSupport.isPresent(), "fapilog.mode", mode.id(),
                "auto or thread without Project Reactor on the class path (async and bound-loop need"
                        + " io.projectreactor:reactor-core, managed by the Spring Boot BOM" + ReactorSupport.ON_THE_MODULE_PATH + ")");
        InvalidSettingException.require(level != null, "fapilog.level", null, "one of: " + Level.allowedValues());
        InvalidSettingException.require(levels.keySet().stream().allMatch(java.util.Objects::nonNull)
                && levels.values().stream().allMatch(java.util.Objects::nonNull), "fapilog.levels", levels,
                "logger names, each with one of: " + Level.allowedValues());
        InvalidSettingException.require(format != null, "fapilog.format", null, "one of: " + Enums.allowedValues(Format.class));
        InvalidSettingException.require(sinks != null && !sinks.contains(null), "fapilog.sinks",
                sinks == null ? null : String.join(",", sinks.stream().map(t -> t == null ? "" : t.id()).toList()),
                "at least one of " + java.util.Arrays.stream(SinkType.values()).map(SinkType::id).toList());
        levels = Map.copyOf(levels);
        sinkThresholds = Map.copyOf(sinkThresholds);
        sinks = List.copyOf(sinks);
        customSinks = List.copyOf(customSinks);
        filters = List.copyOf(filters);
        enrichers = List.copyOf(enrichers);
        redactors = List.copyOf(redactors);
        InvalidSettingException.require(workers >= 1 && workers <= 64, "fapilog.workers", workers, "a number from 1 to 64");
        InvalidSettingException.require(!sinks.isEmpty() || !customSinks.isEmpty(), "fapilog.sinks", sinks,
                "at least one of " + java.util.Arrays.stream(SinkType.values()).map(SinkType::id).toList());
        CustomSink unnamed = customSinks.stream().filter(custom -> isBlank(custom.sink().name())).findFirst().orElse(null);
        InvalidSettingException.require(unnamed == null, "fapilog.sinks",
                unnamed == null ? null : unnamed.sink().getClass().getName() + " named " + quoted(unnamed.sink().name()),
                "sinks whose name() is not null or blank (a sink's name keys its health, metrics and endpoint entries)");
        String shared = sharedSinkName(sinks, customSinks);
        InvalidSettingException.require(shared == null, "fapilog.sinks", shared == null ? null : shared + " twice",
                "sinks of distinct names (a sink's name() keys its health, metrics and endpoint entries)");
    }

    private static boolean isBlank(String name) {
        return name == null || name.isBlank();
    }

    private static String quoted(String name) {
        return name == null ? "null" : "'" + name + "'";
    }

    /** A name two sinks have, or null. */
    private static String sharedSinkName(List<SinkType> sinks, List<CustomSink> customSinks) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SinkType type : sinks) {
            if (!names.add(type.id())) {
                return type.id();
            }
        }
        for (CustomSink custom : customSinks) {
            String name = custom.sink().name();
            if (!names.add(name)) {
                return name;
            }
        }
        return null;
    }

    /** The most events the queue may hold, ordinary and protected together (2^26). */
    public static final int MAX_QUEUE_SLOTS = QueueSettings.MAX_SLOTS;

    /**
     * Collects settings; {@link #build()} starts from the defaults, applies the preset, then the
     * explicit settings in the order they were made, so an explicit setting beats the preset.
     */
    public static final class Builder {

        private Preset preset = Preset.PRODUCTION;
        private final List<Consumer<Values>> settings = new ArrayList<>();

        Builder() {
        }

        public Builder preset(Preset preset) {
            this.preset = java.util.Objects.requireNonNull(preset, "preset");
            return this;
        }

        public Builder mode(ModeSelection mode) {
            return set(v -> v.mode = mode);
        }

        public Builder level(Level level) {
            return set(v -> v.level = level);
        }

        /** Threshold for loggers whose name is {@code prefix} or starts with {@code prefix + "."}. */
        public Builder level(String prefix, Level level) {
            return set(v -> v.levels.put(prefix, level));
        }

        /** Members to keep, remove, rename or add in the JSON layouts, and ECS service and event fields. */
        public Builder structuredJson(io.fapilog.config.StructuredJson structuredJson) {
            return set(v -> v.structuredJson = java.util.Objects.requireNonNull(structuredJson, "structuredJson"));
        }

        public Builder format(Format format) {
            return set(v -> v.format = format);
        }

        /**
         * The least level sinks of {@code type} write (Spring Boot's {@code logging.threshold.console}
         * and {@code .file}); the other sinks still get what the loggers' levels let through, and an
         * event no sink takes is counted as filtered.
         */
        public Builder sinkThreshold(SinkType type, Level threshold) {
            java.util.Objects.requireNonNull(type, "type");
            java.util.Objects.requireNonNull(threshold, "threshold");
            return set(v -> v.sinkThresholds.put(type, threshold));
        }

        /** Milliseconds (the default) or microseconds in the timestamps of the JSON layouts. */
        public Builder timestampPrecision(TimestampPrecision precision) {
            return set(v -> v.timestampPrecision = java.util.Objects.requireNonNull(precision, "precision"));
        }

        public Builder queueCapacity(int capacity) {
            return set(v -> v.queueCapacity = capacity);
        }

        /**
         * The bytes the queued events' large values may hold together; default a tenth of the heap
         * ({@link QueueSettings#defaultMaxBytes}). A large event that finds them spent waits for room
         * (a thread-mode caller under the {@code wait} policy, up to {@code wait-timeout}) or has its
         * large values cut further, and is written.
         */
        public Builder queueMaxBytes(long maxBytes) {
            return set(v -> v.queueMaxBytes = maxBytes);
        }

        public Builder queueReserve(int reserve) {
            return set(v -> v.queueReserve = reserve);
        }

        public Builder fullPolicy(FullPolicy policy) {
            return set(v -> v.fullPolicy = policy);
        }

        public Builder waitTimeout(Duration timeout) {
            return set(v -> v.waitTimeout = timeout);
        }

        public Builder protectedLevels(Set<Level> levels) {
            // a copy that keeps a null item (an empty one in a property) for QueueSettings to report
            return set(v -> v.protectedLevels = levels == null ? null : new java.util.HashSet<>(levels));
        }

        public Builder batchMaxSize(int size) {
            return set(v -> v.batchMaxSize = size);
        }

        public Builder batchTimeout(Duration timeout) {
            return set(v -> v.batchTimeout = timeout);
        }

        public Builder workers(int workers) {
            return set(v -> v.workers = workers);
        }

        /** Replaces the built-in sinks. */
        public Builder sinks(List<SinkType> sinks) {
            return set(v -> v.sinks = sinks == null ? null : new ArrayList<>(sinks));
        }

        public Builder sinks(SinkType... sinks) {
            return sinks(List.of(sinks));
        }

        /**
         * Adds a sink instance, written after the built-in sinks in the encoder it brings
         * ({@link Sink#encoder()}), else in the configured JSON {@code format}. Use {@code sinks()}
         * with no argument to write only to it.
         */
        public Builder sink(Sink sink) {
            return sink(sink, sink.encoder());
        }

        /**
         * Adds a sink instance whose lines {@code encoder} writes (null: the configured JSON format);
         * {@code encoder} may attach a record per line ({@link io.fapilog.spi.EncodedBatch#endEvent(Object)}).
         * An instance added before is replaced: written once, in the encoder given last (a Spring bean
         * that a customizer or a {@code CustomSink} bean adds again in another format).
         */
        public Builder sink(Sink sink, EncoderFactory encoder) {
            CustomSink custom = new CustomSink(sink, encoder);
            return set(v -> replaceSink(v, custom));
        }

        /** Adds a sink instance whose lines are written in {@code format}, whatever {@code format(..)} says; as {@link #sink(Sink, EncoderFactory)}. */
        public Builder sink(Sink sink, Format format) {
            java.util.Objects.requireNonNull(format, "format");
            // Made when the engine starts, so encoding limits and precision set after this call apply too.
            return set(v -> replaceSink(v, new CustomSink(sink, () -> io.fapilog.internal.encoding.Encoders.json(
                    format, v.encodingLimits, StructuredJson.NONE, v.timestampPrecision).create())));
        }

        private static void replaceSink(Values v, CustomSink custom) {
            v.customSinks.removeIf(added -> added.sink() == custom.sink());
            v.customSinks.add(custom);
        }

        /** Adds a filter, run on the worker after the built-in sampling and rate limit. */
        public Builder filter(Filter filter) {
            java.util.Objects.requireNonNull(filter, "filter");
            return set(v -> v.filters.add(filter));
        }

        /** Adds an enricher, run on the worker after the built-in ones. */
        public Builder enricher(Enricher enricher) {
            java.util.Objects.requireNonNull(enricher, "enricher");
            return set(v -> v.enrichers.add(enricher));
        }

        /** Adds a redactor, run on the worker after the built-in redaction. */
        public Builder redactor(Redactor redactor) {
            java.util.Objects.requireNonNull(redactor, "redactor");
            return set(v -> v.redactors.add(redactor));
        }


        public Builder file(RotatingFileSettings file) {
            return set(v -> v.file = file);
        }

        public Builder http(HttpSinkSettings http) {
            return set(v -> v.http = http);
        }

        public Builder redaction(RedactionSettings redaction) {
            java.util.Objects.requireNonNull(redaction, "redaction: RedactionSettings.NONE for none");
            return set(v -> v.redaction = redaction);
        }

        public Builder runtimeEnricher(boolean enabled) {
            return set(v -> v.runtimeEnricher = enabled);
        }

        public Builder threadEnricher(boolean enabled) {
            return set(v -> v.threadEnricher = enabled);
        }

        public Builder sampleRate(double rate) {
            return set(v -> v.sampleRate = rate);
        }

        public Builder rateLimit(double eventsPerSecond, int burst) {
            return set(v -> {
                v.rateLimit = eventsPerSecond;
                v.rateLimitBurst = burst;
            });
        }

        public Builder service(String name, String env, String version) {
            return set(v -> {
                v.serviceName = name;
                v.serviceEnv = env;
                v.serviceVersion = version;
            });
        }

        public Builder shutdownTimeout(Duration timeout) {
            return set(v -> v.shutdownTimeout = timeout);
        }

        public Builder shutdownHook(boolean enabled) {
            return set(v -> v.shutdownHook = enabled);
        }

        public Builder bridgeSlf4j(boolean enabled) {
            return set(v -> v.bridgeSlf4j = enabled);
        }

        public Builder requestLogging(boolean enabled) {
            return set(v -> v.requestLogging = enabled);
        }

        public Builder circuitBreaker(CircuitBreakerSettings settings) {
            return set(v -> v.circuitBreaker = settings);
        }

        public Builder encodingLimits(EncodingLimits limits) {
            java.util.Objects.requireNonNull(limits, "encodingLimits: EncodingLimits.DEFAULT for the defaults");
            return set(v -> v.encodingLimits = limits);
        }

        public Builder colour(Boolean colour) {
            return set(v -> v.colour = colour);
        }

        /** MDC values on native events: {@code MdcSettings.all()} or {@code MdcSettings.keys("tenant")}. */
        public Builder mdc(MdcSettings mdc) {
            return set(v -> v.mdc = java.util.Objects.requireNonNull(mdc, "mdc"));
        }

        private Builder set(Consumer<Values> setting) {
            settings.add(setting);
            return this;
        }

        /** Builds the configuration and starts a runtime with it; close the runtime to drain. */
        public FapilogRuntime start() {
            return Fapilog.runtime(build());
        }

        /** @throws IllegalArgumentException naming the property and the allowed values when a value is invalid */
        public FapilogConfig build() {
            Values values = new Values();
            Builder presetBuilder = new Builder();
            PresetDefinitions.configure(preset, presetBuilder);
            presetBuilder.settings.forEach(s -> s.accept(values));
            settings.forEach(s -> s.accept(values));
            return values.toConfig(preset);
        }
    }

    /** The mutable defaults the preset and the explicit settings are applied to. */
    private static final class Values {
        ModeSelection mode = ModeSelection.AUTO;
        Level level = Level.INFO;
        Map<String, Level> levels = new LinkedHashMap<>();
        Format format = Format.FAPILOG;
        int queueCapacity = 10_000;
        int queueReserve = 1_000;
        long queueMaxBytes = QueueSettings.defaultMaxBytes();
        FullPolicy fullPolicy = FullPolicy.WAIT;
        Duration waitTimeout = Duration.ofMillis(50);
        Set<Level> protectedLevels = EnumSet.range(Level.ERROR, Level.SECURITY);
        int batchMaxSize = 256;
        Duration batchTimeout = Duration.ofMillis(250);
        int workers = 1;
        List<SinkType> sinks = new ArrayList<>(List.of(SinkType.STDOUT_JSON));
        List<CustomSink> customSinks = new ArrayList<>();
        List<Filter> filters = new ArrayList<>();
        List<Enricher> enrichers = new ArrayList<>();
        List<Redactor> redactors = new ArrayList<>();
        RotatingFileSettings file = RotatingFileSettings.defaults();
        HttpSinkSettings http = HttpSinkSettings.defaults();
        RedactionSettings redaction = RedactionSettings.NONE;
        boolean runtimeEnricher = true;
        boolean threadEnricher = true;
        double sampleRate = 1.0;
        double rateLimit = 0;
        int rateLimitBurst = 1_000;
        String serviceName;
        String serviceEnv;
        String serviceVersion;
        Duration shutdownTimeout = Duration.ofSeconds(10);
        boolean shutdownHook = true;
        boolean bridgeSlf4j;
        boolean requestLogging;
        CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.DEFAULT;
        EncodingLimits encodingLimits = EncodingLimits.DEFAULT;
        Boolean colour;
        MdcSettings mdc = MdcSettings.NONE;
        StructuredJson structuredJson = StructuredJson.NONE;
        TimestampPrecision timestampPrecision = TimestampPrecision.MILLIS;
        Map<SinkType, Level> sinkThresholds = new java.util.EnumMap<>(SinkType.class);

        FapilogConfig toConfig(Preset preset) {
            return new FapilogConfig(preset, mode, level, levels, format,
                    new QueueSettings(queueCapacity, queueReserve, fullPolicy, waitTimeout, protectedLevels, queueMaxBytes),
                    new BatchSettings(batchMaxSize, batchTimeout), workers, sinks, customSinks, filters, enrichers,
                    redactors, file, http, redaction, new EnrichmentSettings(runtimeEnricher, threadEnricher, mdc),
                    new SamplingSettings(sampleRate, rateLimit, rateLimitBurst),
                    new ServiceSettings(serviceName, serviceEnv, serviceVersion),
                    new ShutdownSettings(shutdownTimeout, shutdownHook), bridgeSlf4j, requestLogging, circuitBreaker,
                    encodingLimits, colour, structuredJson, timestampPrecision, sinkThresholds);
        }
    }
}
