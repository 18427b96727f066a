package io.fapilog.opentelemetry;

import io.fapilog.spi.ContextProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Puts the trace and span ids of the OpenTelemetry span current at the call ({@code Span.current()},
 * an instrumented server's or one the code made current) into the event's context, as
 * {@code trace_id} and {@code span_id}: the OTLP record's own ids, and fields of every JSON line.
 * For applications traced with the OpenTelemetry API outside Spring Boot (whose starter reads
 * Micrometer Tracing's span instead): {@code runtime.addContextProvider(OpenTelemetrySpans.CURRENT)}.
 */
public final class OpenTelemetrySpans implements ContextProvider {

    /** The provider; it holds no state. */
    public static final OpenTelemetrySpans CURRENT = new OpenTelemetrySpans();

    private OpenTelemetrySpans() {
    }

    @Override
    public Object[] currentContext() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? new Object[] {"trace_id", span.getTraceId(), "span_id", span.getSpanId()} : null;
    }
}
