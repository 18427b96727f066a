package io.fapilog.spring.web;

import java.util.Optional;

/**
 * Finds the trace and span id a request's events are correlated with. The starter uses
 * {@link MicrometerTraceContextResolver} when Micrometer Tracing has a {@code Tracer} bean, falling
 * back to {@link W3cTraceContextResolver} (the {@code traceparent} header). Define a bean of this
 * type to replace both.
 */
@FunctionalInterface
public interface TraceContextResolver {

    /** The trace ids of {@code request}, if it has any. Must not throw. */
    Optional<TraceIds> resolve(HttpRequestView request);

    /** This resolver, and {@code fallback} when this one finds nothing. */
    default TraceContextResolver orElse(TraceContextResolver fallback) {
        return request -> {
            Optional<TraceIds> ids = resolve(request);
            return ids.isPresent() ? ids : fallback.resolve(request);
        };
    }
}
