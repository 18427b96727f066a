package io.fapilog.spring.web;

import java.util.Objects;

/**
 * The trace and span id a request's events carry in {@code context.trace_id} and
 * {@code context.span_id}.
 *
 * @param traceId the trace id (32 lower-case hex digits for W3C and most tracers)
 * @param spanId the id of the span the request runs in: the server span when a tracer is present,
 *        else the caller's span from the {@code traceparent} header
 */
public record TraceIds(String traceId, String spanId) {

    public TraceIds {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
    }
}
