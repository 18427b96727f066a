package io.fapilog.spring.tracing;

import io.fapilog.context.TraceParent;
import io.fapilog.spi.ContextProvider;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /**
     * The correlated fields' values from one read of all the baggage: {@code Tracer.getBaggage(name)}
     * makes a baggage object per field and event, and creates the fields that are not set (bridges
     * have written them into the current trace context). Names match as the bridges match them, case aside.
     */
    private Object[] withBaggage(Object[] ids) {
        Map<String, String> baggage = tracer.getAllBaggage();
        if (baggage == null || baggage.isEmpty()) {
            return ids;
        }
        int base = ids == null ? 0 : ids.length;
        Object[] context = null;
        int size = base;
        for (String field : correlationFields) {
            String value = valueOf(baggage, field);
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

    private static String valueOf(Map<String, String> baggage, String field) {
        String value = baggage.get(field);
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> entry : baggage.entrySet()) {
            if (field.equalsIgnoreCase(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }
}
