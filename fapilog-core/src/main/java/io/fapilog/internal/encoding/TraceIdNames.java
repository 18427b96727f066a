package io.fapilog.internal.encoding;

import io.fapilog.context.TraceParent;

/**
 * The trace and span ids' names: {@code trace_id} and {@code span_id} in an event's context, and
 * {@code traceId} and {@code spanId} where Spring puts them, in the MDC (Micrometer Tracing's keys),
 * which Spring Boot's {@code logstash} and {@code gelf} formats write as they are and their consumers
 * search.
 */
public final class TraceIdNames {

    public static final String MDC_TRACE_ID = "traceId";
    public static final String MDC_SPAN_ID = "spanId";

    private TraceIdNames() {
    }

    /** The context key an MDC key stands for: Micrometer's trace ids as fapilog's, any other key as it is. */
    public static String contextKey(String mdcKey) {
        return switch (mdcKey) {
            case MDC_TRACE_ID -> TraceParent.TRACE_ID_KEY;
            case MDC_SPAN_ID -> TraceParent.SPAN_ID_KEY;
            default -> mdcKey;
        };
    }

    /** The name a context key is written under in the logstash and GELF layouts: trace ids as Spring's MDC names them. */
    static String springName(String contextKey) {
        return switch (contextKey) {
            case TraceParent.TRACE_ID_KEY -> MDC_TRACE_ID;
            case TraceParent.SPAN_ID_KEY -> MDC_SPAN_ID;
            default -> contextKey;
        };
    }
}
