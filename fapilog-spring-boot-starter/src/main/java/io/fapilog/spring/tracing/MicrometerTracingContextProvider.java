package io.fapilog.spring.tracing;

import io.fapilog.context.TraceParent;
import io.fapilog.spi.ContextProvider;
import io.micrometer.tracing.Baggage;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code trace_id} and {@code span_id} of Micrometer Tracing's current span (and so of the
 * OpenTelemetry or Brave span behind it), read at call time on the logging thread for every event,
 * and the baggage fields Spring Boot correlates into the MDC
 * ({@code management.tracing.baggage.correlation.fields}) under their own names, as Boot's own
 * logging shows them. Nothing when no span is current or its ids are empty (the no-op tracer) and no
 * correlated field has a value.
 */
public final class MicrometerTracingContextProvider implements ContextProvider {

    private final Tracer tracer;
    private final String[] correlationFields;

    public MicrometerTracingContextProvider(Tracer tracer) {
        this(tracer, List.of());
    }

    /** {@code correlationFields}: the baggage fields written on every event that has a value for them. */
    public MicrometerTracingContextProvider(Tracer tracer, List<String> correlationFields) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.correlationFields = correlationFields.toArray(String[]::new);
    }

    @Override
    public Object[] currentContext() {
        Object[] ids = spanIds();
        return correlationFields.length == 0 ? ids : withBaggage(ids);
    }

    private Object[] spanIds() {
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

    private Object[] withBaggage(Object[] ids) {
        int base = ids == null ? 0 : ids.length;
        Object[] context = null;
        int size = base;
        for (String field : correlationFields) {
            Baggage baggage = tracer.getBaggage(field);
            String value = baggage == null ? null : baggage.get();
            if (value != null && !value.isEmpty()) {
                if (context == null) {
                    context = ids == null ? new Object[2 * correlationFields.length] : Arrays.copyOf(ids, base + 2 * correlationFields.length);
                }
                context[size++] = field;
                context[size++] = value;
            }
        }
        if (context == null) {
            return ids;
        }
        return size == context.length ? context : Arrays.copyOf(context, size);
    }
}
