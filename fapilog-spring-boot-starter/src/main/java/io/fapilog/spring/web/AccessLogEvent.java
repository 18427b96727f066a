package io.fapilog.spring.web;

import io.fapilog.Level;

import java.util.Arrays;

/**
 * One access log event, ready for {@code Logger#log} or {@code AsyncLogger#log}.
 *
 * @param level {@link Level#INFO} for {@code request_completed}, {@link Level#ERROR} for {@code request_failed}
 * @param message {@value HttpRequestLogging#REQUEST_COMPLETED} or {@value HttpRequestLogging#REQUEST_FAILED}
 * @param error the exception that failed the request, or null
 * @param keyValues the event's data as alternating key and value: {@code method}, {@code path},
 *        {@code status_code}, {@code latency_ms}, {@code client_ip}, {@code user_agent}, then
 *        {@code headers} when any allow-listed header is present
 */
public record AccessLogEvent(Level level, String message, Throwable error, Object[] keyValues) {

    /** The value logged under {@code key}, or null. */
    public Object get(String key) {
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (key.equals(keyValues[i])) {
                return keyValues[i + 1];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "AccessLogEvent[" + level + " " + message + " " + Arrays.toString(keyValues) + "]";
    }
}
