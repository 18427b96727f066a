package io.fapilog.spring.tracing;

import io.fapilog.context.TraceParent;
import io.fapilog.spi.ContextProvider;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import java.util.Objects;

/**
 * {@code trace_id} and {@code span_id} of Micrometer Tracing's current span (and so of the
 * OpenTelemetry or Brave span behind it), read at call time on the logging thread for every event.
 * Nothing when no span is current or its ids are empty (the no-op tracer).
 */
public final class MicrometerTracingContextProvider implements ContextProvider {

    private final Tracer tracer;

    public MicrometerTracingContextProvider(Tracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
    }

    @Override
    public Object[] currentContext() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        String traceId = context.traceId();
        String spanId = context.spanId();
        if (traceId == null || traceId.isEmpty() || spanId == null || spanId.isEmpty()) {
            return null;
        }
        return new Object[] {TraceParent.TRACE_ID_KEY, traceId, TraceParent.SPAN_ID_KEY, spanId};
    }
}
