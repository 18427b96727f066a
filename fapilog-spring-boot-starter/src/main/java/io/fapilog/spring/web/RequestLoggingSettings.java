package io.fapilog.spring.web;

import io.fapilog.config.HeaderNames;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.spring.autoconfigure.FapilogProperties;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The request logging settings, resolved: {@code fapilog.request-logging.*} plus whether access
 * logging is on (the preset's or {@code fapilog.request-logging.enabled}'s effective value).
 *
 * @param accessLog write one {@code request_completed} / {@code request_failed} event per request
 * @param skipPaths Ant patterns of paths (below the context path) that get no access log event
 * @param headers request headers copied into {@code data.headers}, lower case
 * @param maskedHeaders allow-listed headers whose values are logged as {@value HttpRequestLogging#MASK}, lower case
 * @param sampleRate share of successful (status below 400) requests logged, in [0, 1]
 * @param requestIdHeader header the request id is read from and echoed in
 */
public record RequestLoggingSettings(boolean accessLog, List<String> skipPaths, Set<String> headers,
        Set<String> maskedHeaders, double sampleRate, String requestIdHeader) {

    /** The default request id header. */
    public static final String DEFAULT_REQUEST_ID_HEADER = "X-Request-ID";

    public RequestLoggingSettings {
        InvalidSettingException.require(sampleRate >= 0.0 && sampleRate <= 1.0, "fapilog.request-logging.sample-rate",
                sampleRate, "a number from 0 to 1");
        InvalidSettingException.require(HeaderNames.isValid(requestIdHeader),
                "fapilog.request-logging.request-id-header", requestIdHeader, HeaderNames.ALLOWED);
        skipPaths = skipPaths == null ? List.of() : List.copyOf(skipPaths);
        headers = lowerCase(headers);
        maskedHeaders = lowerCase(maskedHeaders);
    }

    /** The settings of {@code properties}, with access logging {@code accessLog}. */
    public static RequestLoggingSettings from(FapilogProperties.RequestLogging properties, boolean accessLog) {
        return new RequestLoggingSettings(accessLog, properties.getSkipPaths(), properties.getHeaders(),
                properties.getMaskedHeaders(), properties.getSampleRate(), properties.getRequestIdHeader());
    }

    private static Set<String> lowerCase(Set<String> names) {
        Set<String> lower = new LinkedHashSet<>();
        if (names != null) {
            for (String name : names) {
                lower.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(lower);
    }
}
