package io.fapilog.context;

import io.fapilog.spi.MutableFields;

import java.util.Optional;

/**
 * The ids carried by a W3C Trace Context {@code traceparent} header:
 * {@code 00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>}, lower-case hex.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId the header's parent-id: 16 lower-case hex digits, not all zero
 * @param flags trace flags, 0 to 255; bit 0 is "sampled"
 */
public record TraceParent(String traceId, String spanId, int flags) {

    /** Context key of the trace id. */
    public static final String TRACE_ID_KEY = "trace_id";
    /** Context key of the span id. */
    public static final String SPAN_ID_KEY = "span_id";

    private static final int LENGTH = 55;

    public TraceParent {
        if (!isId(traceId, 32) || !isId(spanId, 16) || flags < 0 || flags > 255) {
            throw new IllegalArgumentException("invalid trace context: " + traceId + ", " + spanId + ", " + flags);
        }
    }

    /**
     * Parses a {@code traceparent} header value. Rejects (empty result) a null or malformed value,
     * upper-case hex, all-zero ids and version {@code ff}. A version above {@code 00} may carry
     * more fields after a dash, which are ignored, as the W3C specification asks.
     */
    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        boolean wellFormed = value.length() >= LENGTH
                && isLowerHex(value, 0, 2) && !value.startsWith("ff")
                && (value.length() == LENGTH || (value.charAt(LENGTH) == '-' && !value.startsWith("00")))
                && value.charAt(2) == '-' && value.charAt(35) == '-' && value.charAt(52) == '-'
                && isLowerHex(value, 53, 55);
        if (!wellFormed) {
            return Optional.empty();
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        if (!isId(traceId, 32) || !isId(spanId, 16)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(traceId, spanId, Integer.parseInt(value, 53, 55, 16)));
    }

    /** Whether the caller sampled this trace (flag bit 0). */
    public boolean sampled() {
        return (flags & 1) != 0;
    }

    /** This context as a version {@code 00} header value. */
    public String toHeader() {
        return "00-" + traceId + '-' + spanId + '-' + Character.forDigit(flags >> 4, 16) + Character.forDigit(flags & 15, 16);
    }

    /** Puts {@code trace_id} and {@code span_id} into an event's context. */
    public void putInto(MutableFields context) {
        context.put(TRACE_ID_KEY, traceId).put(SPAN_ID_KEY, spanId);
    }

    private static boolean isId(String id, int length) {
        return id != null && id.length() == length && isLowerHex(id, 0, length) && !isAllZero(id);
    }

    private static boolean isAllZero(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
