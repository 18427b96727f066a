package io.fapilog.spring.actuate;

import io.fapilog.FapilogRuntime;
import io.fapilog.SinkHealth;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Health of the application's Fapilog sinks: {@code DOWN} while any sink's circuit breaker is open
 * (its events go to the fallback, or are dropped), {@code UP} otherwise, with each sink's circuit
 * state, error count and last error as details.
 */
public class FapilogHealthIndicator extends AbstractHealthIndicator {

    private final FapilogRuntime runtime;

    public FapilogHealthIndicator(FapilogRuntime runtime) {
        super("Fapilog health check failed");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
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
            if (sink.lastError() != null) {
                details.put("lastError", sink.lastError());
            }
            sinks.put(sink.name(), details);
        }
        (healthy ? builder.up() : builder.down()).withDetail("sinks", sinks);
    }
}
