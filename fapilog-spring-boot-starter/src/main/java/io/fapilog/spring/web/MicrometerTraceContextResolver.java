package io.fapilog.spring.web;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.util.function.SingletonSupplier;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Trace ids from Micrometer Tracing: the span of the request's server observation (which Spring
 * keeps as a request or exchange attribute, so this works on an event loop too), else
 * {@link Tracer#currentSpan()}.
 */
public final class MicrometerTraceContextResolver implements TraceContextResolver {

    /** The attribute under which WebFlux keeps the server observation context. */
    static final String REACTIVE_OBSERVATION_ATTRIBUTE = org.springframework.http.server.reactive.observation
            .ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE;

    /** The attribute under which Spring MVC's {@code ServerHttpObservationFilter} keeps it. */
    static final String SERVLET_OBSERVATION_ATTRIBUTE =
            org.springframework.web.filter.ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE;

    private final Supplier<Tracer> tracer;

    public MicrometerTraceContextResolver(Tracer tracer) {
        this(() -> tracer);
    }

    /** A resolver that looks the tracer up at each request (none yet: no trace ids). */
    public MicrometerTraceContextResolver(Supplier<Tracer> tracer) {
        this.tracer = SingletonSupplier.of(tracer);
    }

    @Override
    public Optional<TraceIds> resolve(HttpRequestView request) {
        try {
            Span span = observationSpan(request.attribute(REACTIVE_OBSERVATION_ATTRIBUTE));
            if (span == null) {
                span = observationSpan(request.attribute(SERVLET_OBSERVATION_ATTRIBUTE));
            }
            if (span == null) {
                Tracer current = tracer.get();
                span = current != null ? current.currentSpan() : null;
            }
            return span == null ? Optional.empty() : ids(span.context());
        } catch (RuntimeException e) {
            return Optional.empty(); // a tracer problem must never fail the request
        }
    }

    private static Span observationSpan(Object attribute) {
        if (attribute instanceof Observation.Context context) {
            TracingObservationHandler.TracingContext tracing =
                    context.get(TracingObservationHandler.TracingContext.class);
            return tracing != null ? tracing.getSpan() : null;
        }
        return null;
    }

    private static Optional<TraceIds> ids(TraceContext context) {
        if (context == null || isBlank(context.traceId()) || isBlank(context.spanId())) {
            return Optional.empty();
        }
        return Optional.of(new TraceIds(context.traceId(), context.spanId()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
