package io.fapilog.internal.encoding;

import io.fapilog.context.TraceParent;
import java.util.Arrays;

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

    /**
     * Context pairs read from an MDC with Micrometer's keys as fapilog's, each trace key once (the last
     * value kept, at the first one's place): {@code pairs} itself when it has none of Micrometer's keys,
     * else {@code pairs} changed in place or a shorter copy. {@code pairs} must be the caller's own.
     */
    public static Object[] contextPairs(Object[] pairs) {
        if (pairs == null || !hasMdcTraceKey(pairs)) {
            return pairs;
        }
        int size = 0;
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            String key = contextKey(String.valueOf(pairs[i]));
            int existing = key.equals(TraceParent.TRACE_ID_KEY) || key.equals(TraceParent.SPAN_ID_KEY) ? indexOf(pairs, size, key) : -1;
            if (existing >= 0) {
                pairs[existing + 1] = pairs[i + 1];
            } else {
                Object value = pairs[i + 1];
                pairs[size++] = key;
                pairs[size++] = value;
            }
        }
        return size == pairs.length ? pairs : Arrays.copyOf(pairs, size);
    }

    private static boolean hasMdcTraceKey(Object[] pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (MDC_TRACE_ID.equals(pairs[i]) || MDC_SPAN_ID.equals(pairs[i])) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(Object[] pairs, int size, String key) {
        for (int i = 0; i < size; i += 2) {
            if (key.equals(pairs[i])) {
                return i;
            }
        }
        return -1;
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
