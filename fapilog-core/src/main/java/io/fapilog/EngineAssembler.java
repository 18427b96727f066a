package io.fapilog;

import io.fapilog.spi.EncoderFactory;
import io.fapilog.internal.encoding.Encoders;
import io.fapilog.internal.engine.Engine;
import io.fapilog.internal.engine.EngineSettings;
import io.fapilog.config.ModeSelection;
import io.fapilog.internal.engine.Pipeline;
import io.fapilog.internal.engine.ReactorSupport;
import io.fapilog.internal.engine.SinkBinding;
import io.fapilog.spi.Enricher;
import io.fapilog.spi.Filter;
import io.fapilog.spi.Redactor;
import io.fapilog.internal.pipeline.enrichers.RuntimeEnricher;
import io.fapilog.internal.pipeline.enrichers.ServiceInfo;
import io.fapilog.internal.pipeline.enrichers.ThreadEnricher;
import io.fapilog.internal.pipeline.filters.RateLimitFilter;
import io.fapilog.internal.pipeline.filters.SamplingFilter;
import io.fapilog.internal.pipeline.redactors.Redactors;
import io.fapilog.internal.sinks.ResilientSink;
import io.fapilog.spi.Sink;
import io.fapilog.config.CustomSink;
import io.fapilog.config.SinkType;
import io.fapilog.internal.sinks.Sinks;

import java.util.ArrayList;
import java.util.List;

/** Turns a {@link FapilogConfig} into a wired {@link Engine}: pipeline, encoders, resilient sinks. */
final class EngineAssembler {

    private EngineAssembler() {
    }

    static Engine assemble(FapilogConfig config) {
        boolean reactorWorkers = ReactorSupport.isPresent()
                && (config.mode() == ModeSelection.ASYNC || config.mode() == ModeSelection.BOUND_LOOP);
        EngineSettings settings = new EngineSettings(config.queueCapacity(), config.queueReserve(),
                config.fullPolicy(), config.waitTimeout(), config.protectedLevels(), config.batchMaxSize(),
                config.batchTimeout(), config.workers(), reactorWorkers);
        return new Engine(settings, pipeline(config), sinks(config));
    }

    static Pipeline pipeline(FapilogConfig config) {
        List<Filter> filters = new ArrayList<>();
        if (config.sampleRate() < 1.0) {
            filters.add(new SamplingFilter(config.sampleRate()));
        }
        if (config.rateLimit() > 0) {
            filters.add(new RateLimitFilter(config.rateLimit(), config.rateLimitBurst()));
        }
        List<Enricher> enrichers = new ArrayList<>();
        if (config.runtimeEnricher()) {
            enrichers.add(new RuntimeEnricher(ServiceInfo.detect(config.serviceName(), config.serviceEnv(),
                    config.serviceVersion())));
        }
        if (config.threadEnricher()) {
            enrichers.add(new ThreadEnricher());
        }
        filters.addAll(config.filters());
        enrichers.addAll(config.enrichers());
        List<Redactor> redactors = new ArrayList<>(Redactors.from(config.redaction()));
        redactors.addAll(config.redactors());
        return new Pipeline(filters, enrichers, redactors, config.redaction().failClosed());
    }

    static List<SinkBinding> sinks(FapilogConfig config) {
        EncoderFactory json = Encoders.json(config.format(), config.encodingLimits(), config.structuredJson());
        List<SinkBinding> bindings = new ArrayList<>();
        for (SinkType type : config.sinks()) {
            EncoderFactory encoder = type == SinkType.STDOUT_PRETTY
                    ? Encoders.pretty(colour(config), config.encodingLimits())
                    : json;
            bindings.add(new SinkBinding(resilient(Sinks.create(type, config.file(), config.http()), config), encoder));
        }
        for (CustomSink custom : config.customSinks()) {
            EncoderFactory encoder = custom.encoder() != null ? custom.encoder() : json;
            bindings.add(new SinkBinding(resilient(custom.sink(), config), encoder));
        }
        return bindings;
    }

    private static Sink resilient(Sink sink, FapilogConfig config) {
        return sink instanceof ResilientSink ? sink : ResilientSink.builder(sink).settings(config.circuitBreaker()).build();
    }

    private static boolean colour(FapilogConfig config) {
        return config.colour() != null ? config.colour() : System.console() != null;
    }
}
