package io.fapilog.spring.web;

import io.fapilog.context.TraceParent;

import java.util.Optional;

/**
 * Trace ids from a valid W3C {@code traceparent} request header: {@code trace_id} is its trace id,
 * {@code span_id} its parent-id (the caller's span). An absent or malformed header gives nothing.
 */
public final class W3cTraceContextResolver implements TraceContextResolver {

    /** The W3C Trace Context header. */
    public static final String TRACEPARENT = "traceparent";

    @Override
    public Optional<TraceIds> resolve(HttpRequestView request) {
        String header = request.header(TRACEPARENT);
        if (header == null) {
            return Optional.empty();
        }
        return TraceParent.parse(header).map(parent -> new TraceIds(parent.traceId(), parent.spanId()));
    }
}
