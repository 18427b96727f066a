package io.fapilog.spring.actuate;

import io.fapilog.FapilogRuntime;
import io.fapilog.SinkHealth;
import io.fapilog.WorkerHealth;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Health of the application's Fapilog engine: its sinks (circuit state, error count, events lost
 * to the sink, last error) and its workers (running, restarts, contained failures).
 *
 * <p>While a sink's circuit breaker is open (its events go to the fallback, or are dropped), a
 * worker is not running while the engine runs, or a worker has been held in one batch for
 * {@code fapilog.health.worker-held-after} (10 s by default; the details say where), the status is {@link #DEGRADED} by default: a log
 * sink outage should not take the application out of its load balancer, and Spring Boot's
 * default status aggregation ignores a status it does not order, so {@code /actuator/health}
 * stays as the other contributors make it. With {@code fapilog.health.down-on-sink-failure=true}
 * the status is {@code DOWN} instead. {@code UP} otherwise.
 */
public class FapilogHealthIndicator extends AbstractHealthIndicator {

    /** The status of an engine that still logs but has lost a sink or a worker. */
    public static final Status DEGRADED = new Status("DEGRADED", "A Fapilog sink or worker is failing");

    /** How long a worker may be held in one batch before health reports it, by default. */
    public static final Duration DEFAULT_WORKER_HELD_AFTER = Duration.ofSeconds(10);

    private final FapilogRuntime runtime;
    private final boolean downOnFailure;
    private final Duration workerHeldAfter;

    /** Reports an outage as {@link #DEGRADED}. */
    public FapilogHealthIndicator(FapilogRuntime runtime) {
        this(runtime, false);
    }

    /** @param downOnFailure report an outage as {@code DOWN} instead of {@link #DEGRADED} */
    public FapilogHealthIndicator(FapilogRuntime runtime, boolean downOnFailure) {
        this(runtime, downOnFailure, DEFAULT_WORKER_HELD_AFTER);
    }

    /**
     * @param downOnFailure report an outage as {@code DOWN} instead of {@link #DEGRADED}
     * @param workerHeldAfter how long a worker may be held in one batch before it counts as an outage
     */
    public FapilogHealthIndicator(FapilogRuntime runtime, boolean downOnFailure, Duration workerHeldAfter) {
        super("Fapilog health check failed");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.downOnFailure = downOnFailure;
        this.workerHeldAfter = Objects.requireNonNull(workerHeldAfter, "workerHeldAfter");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> sinks = new LinkedHashMap<>();
        for (SinkHealth sink : runtime.sinkHealth()) {
            healthy &= sink.healthy();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", sink.state().name());
            details.put("errors", sink.errors());
            details.put("droppedEvents", sink.droppedEvents());
            details.put("fallbackEvents", sink.fallbackEvents());
            details.put("writtenEvents", sink.writtenEvents());
            if (sink.lastError() != null) {
                details.put("lastError", sink.lastError());
            }
            sinks.put(sink.name(), details);
        }
        WorkerHealth workers = runtime.workerHealth();
        boolean held = workers.longestBatch().compareTo(workerHeldAfter) >= 0;
        if (!runtime.isStopped()) {
            healthy &= workers.allAlive() && !held;
        }
        Map<String, Object> workerDetails = new LinkedHashMap<>();
        workerDetails.put("count", workers.workers());
        workerDetails.put("alive", workers.alive());
        workerDetails.put("restarts", workers.restarts());
        workerDetails.put("faults", workers.faults());
        if (held) {
            workerDetails.put("heldForMs", workers.longestBatch().toMillis());
            if (workers.longestBatchAt() != null) { // said from a second on
                workerDetails.put("heldAt", workers.longestBatchAt());
            }
        }
        builder.status(healthy ? Status.UP : downOnFailure ? Status.DOWN : DEGRADED)
                .withDetail("sinks", sinks)
                .withDetail("workers", workerDetails);
    }
}
