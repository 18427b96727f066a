package io.fapilog.spring.metrics;

import io.fapilog.ExecutionMode;
import io.fapilog.FapilogRuntime;
import io.fapilog.DropReason;
import io.fapilog.EngineStats;
import io.fapilog.SinkHealth;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Micrometer meters of a Fapilog engine, each tagged {@code mode} (the application's execution mode):
 *
 * <ul>
 *   <li>gauges {@code fapilog.queue.size}, {@code fapilog.queue.capacity}, {@code fapilog.queue.remaining},
 *       {@code fapilog.queue.high.watermark};</li>
 *   <li>function counters {@code fapilog.events.submitted}, {@code fapilog.events.written} (events
 *       that went through the pipeline to the sinks), {@code fapilog.events.dropped} (one per
 *       {@code reason}: queue_full, wait_timeout, stopped, redaction_failed, event_failed, internal_error),
 *       {@code fapilog.events.filtered}, {@code fapilog.sink.errors} (one per {@code sink}: failed
 *       write attempts), {@code fapilog.sink.dropped} (one per {@code sink}: events neither the sink
 *       nor its fallback took), {@code fapilog.sink.fallback} (one per {@code sink}: events its
 *       fallback wrote in its place), {@code fapilog.sink.written} (one per {@code sink}: events it
 *       acknowledged), {@code fapilog.worker.restarts} and {@code fapilog.worker.faults}
 *       (failures the workers contained);</li>
 *   <li>gauge {@code fapilog.workers.alive}: workers running their loop;</li>
 *   <li>function timer {@code fapilog.queue.wait}: thread-mode callers' waits for room in the queue;</li>
 *   <li>timer {@code fapilog.batch.flush}: the time a worker took to write one batch to the sinks.</li>
 * </ul>
 *
 * The counters read the engine's own counters, so they equal what its {@code stats()} and the
 * drain result report. {@link #close()} (the context closing) removes the meters from the registries
 * they were bound to: a registry that outlives the context (a parent context's) then shows the next
 * runtime's meters, not the drained one's frozen values, and no longer holds the drained runtime. A
 * registry that has fapilog's meters with the same tags already (another context's runtime, both
 * bound to a parent's registry) keeps those: this binder's are not shown, says so in a warning, and
 * its close removes none of them.
 */
public class FapilogMetrics implements MeterBinder, AutoCloseable {

    private final FapilogRuntime runtime;
    private final List<AutoCloseable> listeners = new CopyOnWriteArrayList<>();
    private final List<Bound> bound = new CopyOnWriteArrayList<>();
    private final Iterable<Tag> tags;

    /**
     * @param mode the application's execution mode, the {@code mode} tag
     */
    public FapilogMetrics(FapilogRuntime runtime, ExecutionMode mode) {
        this(runtime, mode, Tags.empty());
    }

    /**
     * @param mode the application's execution mode, the {@code mode} tag
     * @param tags further tags for every meter
     */
    public FapilogMetrics(FapilogRuntime runtime, ExecutionMode mode, Iterable<Tag> tags) {
        this.runtime = runtime;
        this.tags = Tags.concat(tags, "mode", mode.id());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "fapilog.queue.size", "Events waiting in the queue", BaseUnits.EVENTS, EngineStats::queueSize);
        gauge(registry, "fapilog.queue.capacity", "Events the queue holds for ordinary levels", BaseUnits.EVENTS,
                EngineStats::queueCapacity);
        gauge(registry, "fapilog.queue.remaining", "Free queue slots for ordinary levels", BaseUnits.EVENTS,
                EngineStats::queueRemaining);
        gauge(registry, "fapilog.queue.high.watermark", "Largest queue size seen", BaseUnits.EVENTS, EngineStats::highWatermark);
        gauge(registry, "fapilog.queue.bytes", "Memory the queued events' large values hold, against fapilog.queue.max-bytes",
                BaseUnits.BYTES, EngineStats::queueBytes);

        counter(registry, "fapilog.events.submitted", "Events handed to the engine", Tags.empty(),
                r -> r.stats().submitted());
        counter(registry, "fapilog.events.written", "Events that went through the pipeline to the sinks",
                Tags.empty(), r -> r.stats().processed());
        for (DropReason reason : DropReason.values()) {
            counter(registry, "fapilog.events.dropped", "Events dropped, by reason", Tags.of("reason", reason.tag()),
                    r -> r.stats().droppedByReason().getOrDefault(reason, 0L));
        }
        counter(registry, "fapilog.events.trimmed", "Events whose large values were cut further, as the queue's memory"
                + " budget (fapilog.queue.max-bytes) had no room for them; each also written, filtered or dropped",
                Tags.empty(), r -> r.stats().trimmed());
        counter(registry, "fapilog.events.filtered", "Events removed by a filter (sampling, rate limiting, your own) or below every sink's threshold", Tags.empty(),
                r -> r.stats().filtered());
        for (String sink : sinkNames()) {
            counter(registry, "fapilog.sink.errors", "Failed write attempts of a sink", Tags.of("sink", sink),
                    r -> sinkSum(r, sink, SinkHealth::errors));
            counter(registry, "fapilog.sink.dropped", "Events neither a sink nor its fallback took",
                    Tags.of("sink", sink), r -> sinkSum(r, sink, SinkHealth::droppedEvents));
            counter(registry, "fapilog.sink.fallback", "Events a sink's fallback (standard error) wrote in its place",
                    Tags.of("sink", sink), r -> sinkSum(r, sink, SinkHealth::fallbackEvents));
            counter(registry, "fapilog.sink.written", "Events a sink acknowledged",
                    Tags.of("sink", sink), r -> sinkSum(r, sink, SinkHealth::writtenEvents));
        }
        bind(registry, "fapilog.worker.restarts", Tags.empty(), () -> FunctionCounter.builder("fapilog.worker.restarts",
                runtime, r -> r.workerHealth().restarts())
                .description("Times a worker was restarted after a failure").tags(tags).register(registry));
        bind(registry, "fapilog.worker.faults", Tags.empty(), () -> FunctionCounter.builder("fapilog.worker.faults",
                runtime, r -> r.workerHealth().faults())
                .description("Failures the workers contained: failed events, observers, sink writes")
                .tags(tags).register(registry));
        bind(registry, "fapilog.workers.alive", Tags.empty(), () -> Gauge.builder("fapilog.workers.alive", runtime,
                r -> r.workerHealth().alive())
                .description("Workers running their loop").tags(tags).strongReference(true).register(registry));

        bind(registry, "fapilog.queue.wait", Tags.empty(), () -> FunctionTimer.builder("fapilog.queue.wait", runtime,
                r -> r.stats().callerWaits(), r -> r.stats().callerWaitNanos(), TimeUnit.NANOSECONDS)
                .description("Time thread-mode callers waited for room in the queue (a slot, or memory under"
                        + " fapilog.queue.max-bytes); calls that found room at once are not counted")
                .tags(tags).register(registry));

        Timer flush = bind(registry, "fapilog.batch.flush", Tags.empty(), () -> Timer.builder("fapilog.batch.flush")
                .description("Time to write one batch to the sinks")
                .tags(tags)
                .register(registry));
        if (isMine(flush)) { // another runtime's timer records that runtime's batches only
            listeners.add(runtime.addBatchListener((events, nanos) -> flush.record(nanos, TimeUnit.NANOSECONDS)));
        }
        if (!taken.isEmpty()) {
            runtime.getLogger(FapilogMetrics.class.getName()).warn("Fapilog's meters are in this meter registry"
                    + " already, with the same tags, from another runtime (two application contexts sharing one"
                    + " registry): this runtime's are not shown, and its close leaves the others in place. Give each"
                    + " context's FapilogMetrics tags of its own to see both.", "meters", List.copyOf(taken));
            taken.clear();
        }
    }

    /** Stops recording batch times and removes the meters (the registry or the context is closing). */
    @Override
    public void close() throws Exception {
        for (AutoCloseable listener : listeners) {
            listener.close();
        }
        listeners.clear();
        for (Bound meter : bound) {
            meter.registry().remove(meter.meter());
        }
        bound.clear();
    }

    private boolean isMine(Meter meter) {
        return bound.stream().anyMatch(mine -> mine.meter() == meter);
    }

    /** A meter this binder registered, and where. */
    private record Bound(MeterRegistry registry, Meter meter) {
    }

    /** Meters another binder had registered with the same name and tags: found while binding, told once it ends. */
    private final List<String> taken = new CopyOnWriteArrayList<>();

    /**
     * Registers a meter and keeps it for {@link #close()}, unless the registry had one of that name and
     * tags already: Micrometer then returns that one, another runtime's, which is not this binder's to remove.
     */
    private <M extends Meter> M bind(MeterRegistry registry, String name, Tags extra, Supplier<M> register) {
        java.util.Collection<Meter> before = registry.find(name).tags(tags).tags(extra).meters();
        M meter = register.get();
        if (before.stream().anyMatch(existing -> existing == meter)) { // not a meter with more tags: this one's id
            taken.add(name + extra.stream().map(tag -> "{" + tag.getKey() + "=" + tag.getValue() + "}").collect(Collectors.joining()));
        } else {
            bound.add(new Bound(registry, meter));
        }
        return meter;
    }

    private void gauge(MeterRegistry registry, String name, String description, String baseUnit,
                       ToDoubleFunction<EngineStats> value) {
        bind(registry, name, Tags.empty(), () -> Gauge.builder(name, runtime, r -> value.applyAsDouble(r.stats()))
                .description(description)
                .baseUnit(baseUnit)
                .tags(tags)
                .strongReference(true)
                .register(registry));
    }

    private void counter(MeterRegistry registry, String name, String description, Tags extra,
                         ToDoubleFunction<FapilogRuntime> count) {
        bind(registry, name, extra, () -> FunctionCounter.builder(name, runtime, count)
                .description(description)
                .baseUnit(BaseUnits.EVENTS)
                .tags(tags)
                .tags(extra)
                .register(registry));
    }

    private Set<String> sinkNames() {
        Set<String> names = new LinkedHashSet<>();
        runtime.sinkHealth().forEach(health -> names.add(health.name()));
        return names;
    }

    private static double sinkSum(FapilogRuntime runtime, String sink, java.util.function.ToLongFunction<SinkHealth> value) {
        long sum = 0;
        for (SinkHealth health : runtime.sinkHealth()) {
            if (health.name().equals(sink)) {
                sum += value.applyAsLong(health);
            }
        }
        return sum;
    }
}
