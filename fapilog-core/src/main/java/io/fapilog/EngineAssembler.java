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
import io.fapilog.internal.sinks.HandOffSink;
import io.fapilog.internal.sinks.ResilientSink;
import io.fapilog.spi.Sink;
import io.fapilog.config.CustomSink;
import io.fapilog.config.SinkType;
import io.fapilog.internal.sinks.Sinks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link FapilogConfig} into a wired {@link Engine}: pipeline, encoders, resilient sinks. */
final class EngineAssembler {

    private EngineAssembler() {
    }

    static Engine assemble(FapilogConfig config) {
        boolean reactorWorkers = ReactorSupport.isPresent()
                && (config.mode() == ModeSelection.ASYNC || config.mode() == ModeSelection.BOUND_LOOP);
        EngineSettings settings = new EngineSettings(config.queue().capacity(), config.queue().reserve(),
                config.queue().maxBytes(), config.queue().fullPolicy(), config.queue().waitTimeout(), config.queue().protectedLevels(), config.batch().maxSize(),
                config.batch().timeout(), config.workers(), reactorWorkers);
        return new Engine(settings, pipeline(config), sinks(config));
    }

    static Pipeline pipeline(FapilogConfig config) {
        List<Filter> filters = new ArrayList<>();
        if (config.sampling().rate() < 1.0) {
            filters.add(new SamplingFilter(config.sampling().rate()));
        }
        if (config.sampling().rateLimit() > 0) {
            filters.add(new RateLimitFilter(config.sampling().rateLimit(), config.sampling().rateLimitBurst()));
        }
        List<Enricher> enrichers = new ArrayList<>();
        if (config.enrichment().runtime()) {
            enrichers.add(new RuntimeEnricher(ServiceInfo.detect(config.service().name(), config.service().env(),
                    config.service().version())));
        }
        if (config.enrichment().thread()) {
            enrichers.add(new ThreadEnricher());
        }
        filters.addAll(config.filters());
        enrichers.addAll(config.enrichers());
        List<Redactor> redactors = new ArrayList<>(Redactors.from(config.redaction(),
                !config.enrichers().isEmpty() || !config.filters().isEmpty(), config.encodingLimits().maxCollectionSize()));
        redactors.addAll(config.redactors());
        return new Pipeline(filters, enrichers, redactors, config.redaction().failClosed(), Redactors.textMasker(config.redaction()));
    }

    /** Batches a sink's own hand-off holds before it counts what it cannot take. */
    static final int SINK_HAND_OFF_BATCHES = 64;

    /** How long one write may take before a sink counts as hanging and its full hand-off drops. */
    static final Duration SINK_STALL_TIMEOUT = Duration.ofSeconds(1);

    /**
     * Each sink wrapped in a {@link ResilientSink}; when there are several, or the sink is a
     * {@linkplain Sink#remote() remote} one ({@code http}, Kafka, OTLP), also in a {@link HandOffSink} of its own, so that one hanging
     * sink stalls neither the others nor the callers, while a merely slow one pushes back. A lone local sink is written by the workers
     * directly: the queue in front of it is its buffer and back-pressure.
     */
    static List<SinkBinding> sinks(FapilogConfig config) {
        EncoderFactory json = Encoders.json(config.format(), config.encodingLimits(), config.structuredJson(),
                config.timestampPrecision());
        int count = config.sinks().size() + config.customSinks().size();
        List<SinkBinding> bindings = new ArrayList<>();
        for (SinkType type : config.sinks()) {
            Sink created = Sinks.create(type, config.file(), config.http());
            EncoderFactory encoder = type == SinkType.STDOUT_PRETTY
                    ? Encoders.pretty(colour(config), config.encodingLimits())
                    : json;
            Sink sink = resilient(created, config);
            bindings.add(new SinkBinding(count > 1 || created.remote() ? handOff(sink, config) : sink, encoder,
                    config.sinkThresholds().get(type), created.clientLoggers()));
        }
        for (CustomSink custom : config.customSinks()) {
            boolean ownEncoder = custom.encoder() != null;  // which leaves the client's events out itself
            EncoderFactory encoder = ownEncoder ? custom.encoder().forRuntime(config) : json;
            Sink wrapped = resilient(custom.sink(), config);
            bindings.add(new SinkBinding(count > 1 || custom.sink().remote() ? handOff(wrapped, config) : wrapped, encoder,
                    null, ownEncoder ? List.of() : custom.sink().clientLoggers()));
        }
        return bindings;
    }

    /**
     * At shutdown a hand-off waits for its sink a quarter of the shutdown timeout, then sends what is
     * left to the fallback and waits as long again for the write in progress: the drain ends in time.
     */
    private static Sink handOff(Sink sink, FapilogConfig config) {
        return new HandOffSink(sink, SINK_HAND_OFF_BATCHES, SINK_STALL_TIMEOUT, config.shutdown().timeout().dividedBy(4));
    }

    private static Sink resilient(Sink sink, FapilogConfig config) {
        return sink instanceof ResilientSink ? sink
                : ResilientSink.builder(sink).settings(config.circuitBreaker()).noticesOnStandardError()
                        .errorText(Redactors.textMasker(config.redaction())).build();
    }

    private static boolean colour(FapilogConfig config) {
        return config.colour() != null ? config.colour() : System.console() != null;
    }
}
