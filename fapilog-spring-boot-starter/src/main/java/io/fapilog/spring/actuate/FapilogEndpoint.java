package io.fapilog.spring.actuate;

import io.fapilog.ExecutionMode;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.DropReason;
import io.fapilog.EngineStats;
import io.fapilog.SinkHealth;
import io.fapilog.WorkerHealth;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@code fapilog} actuator endpoint.
 *
 * {@code GET /actuator/fapilog}: execution mode, preset, the redaction in force, queue and event counters, level
 * thresholds, sinks and their health, workers (running, restarts, contained failures). Levels are read and changed through Boot's
 * {@code /actuator/loggers}, which governs fapilog's loggers and bridged ones alike; the
 * {@code levels} shown here are the copy fapilog's gate holds.
 */
@Endpoint(id = "fapilog")
public class FapilogEndpoint {

    private final FapilogRuntime runtime;
    private final ExecutionMode mode;

    /**
     * @param mode the application's execution mode
     */
    public FapilogEndpoint(FapilogRuntime runtime, ExecutionMode mode) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    @ReadOperation
    public FapilogDescriptor fapilog() {
        EngineStats stats = runtime.stats();
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason.tag(), stats.droppedByReason().getOrDefault(reason, 0L));
        }
        Map<String, Level> levels = new LinkedHashMap<>(runtime.configuredLevels());
        List<SinkDescriptor> sinks = runtime.sinkHealth().stream().map(SinkDescriptor::of).toList();
        return new FapilogDescriptor(mode.id(), runtime.config().preset().id(),
                RedactionDescriptor.of(runtime.config().redaction()), runtime.isStopped(),
                new QueueDescriptor(stats.queueSize(), stats.queueCapacity(), stats.queueRemaining(), stats.highWatermark(),
                        stats.queueBytes(), runtime.config().queue().maxBytes(), stats.callerWaits(),
                        TimeUnit.NANOSECONDS.toMillis(stats.callerWaitNanos())),
                new EventsDescriptor(stats.submitted(), stats.processed(), stats.dropped(), dropped, stats.filtered(),
                        stats.trimmed()),
                levels, sinks, WorkersDescriptor.of(runtime.workerHealth()));
    }

    /**
     * What {@code GET /actuator/fapilog} returns.
     *
     * @param mode the application's execution mode: {@code thread}, {@code bound-loop} or {@code async}
     * @param preset the preset the configuration started from
     * @param redaction the redaction in force: the preset's, or what the properties replaced it with
     * @param stopped whether the engine has been drained
     * @param queue the queue's state
     * @param events the event counters
     * @param levels thresholds by logger name prefix, {@code ROOT} first
     * @param sinks the sinks and their health
     * @param workers the workers: running, restarted, failures contained
     */
    public record FapilogDescriptor(String mode, String preset, RedactionDescriptor redaction, boolean stopped, QueueDescriptor queue,
                                    EventsDescriptor events, Map<String, Level> levels, List<SinkDescriptor> sinks,
                                    WorkersDescriptor workers) {
    }

    /**
     * @param presets the rule sets ({@code credentials}, {@code pci}, {@code hipaa}), sorted
     * @param fields the application's extra field names, sorted
     * @param patterns how many regular expressions of the application's
     * @param urlCredentials whether URL credentials are masked
     * @param failClosed whether an event whose redaction fails is dropped
     */
    public record RedactionDescriptor(List<String> presets, List<String> fields, int patterns, boolean urlCredentials,
                                      boolean failClosed) {

        static RedactionDescriptor of(io.fapilog.config.RedactionSettings settings) {
            return new RedactionDescriptor(settings.presets().stream().sorted().toList(),
                    settings.fields().stream().sorted().toList(), settings.patterns().size(), settings.urlCredentials(),
                    settings.failClosed());
        }
    }

    /**
     * @param count workers configured
     * @param alive workers running their loop now
     * @param restarts times a worker was restarted after a failure
     * @param faults failures the workers contained (failed events, observers, sink writes)
     */
    public record WorkersDescriptor(int count, int alive, long restarts, long faults) {

        static WorkersDescriptor of(WorkerHealth health) {
            return new WorkersDescriptor(health.workers(), health.alive(), health.restarts(), health.faults());
        }
    }

    /**
     * @param size events waiting
     * @param capacity events the queue holds for ordinary levels
     * @param remaining free slots for ordinary levels
     * @param highWatermark largest size seen
     * @param bytes memory the queued events' large values hold
     * @param maxBytes the most they may hold ({@code fapilog.queue.max-bytes})
     * @param callerWaits calls of thread-mode callers that waited for room, as {@code fapilog.queue.wait} counts them
     * @param callerWaitMillis how long they waited, in all
     */
    public record QueueDescriptor(int size, int capacity, int remaining, int highWatermark, long bytes, long maxBytes,
                                  long callerWaits, long callerWaitMillis) {
    }

    /**
     * @param submitted events handed to the engine
     * @param written events that went through the pipeline to the sinks
     * @param dropped events dropped, all reasons
     * @param droppedByReason events dropped by reason
     * @param filtered events removed by sampling or rate limiting
     * @param trimmed events whose large values were cut further for the queue's memory budget (also written, filtered or dropped)
     */
    public record EventsDescriptor(long submitted, long written, long dropped, Map<String, Long> droppedByReason,
                                   long filtered, long trimmed) {
    }

    /**
     * @param name the sink's name
     * @param state its circuit: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     * @param healthy whether the circuit is not open
     * @param errors failed write attempts
     * @param droppedEvents events neither the sink nor its fallback could take
     * @param fallbackEvents events its fallback (standard error) wrote in its place, as {@code fapilog.sink.fallback}
     * @param writtenEvents events the sink acknowledged, as {@code fapilog.sink.written}
     * @param lastError the last failure, or {@code null}
     */
    public record SinkDescriptor(String name, String state, boolean healthy, long errors, long droppedEvents,
                                 long fallbackEvents, long writtenEvents, String lastError) {

        static SinkDescriptor of(SinkHealth health) {
            return new SinkDescriptor(health.name(), health.state().name(), health.healthy(), health.errors(),
                    health.droppedEvents(), health.fallbackEvents(), health.writtenEvents(), health.lastError());
        }
    }
}
