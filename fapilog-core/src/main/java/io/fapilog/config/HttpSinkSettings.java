package io.fapilog.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the {@code http} sink ({@code fapilog.http.*}).
 *
 * @param endpoint where batches are posted; required by the sink, {@code null} while unset
 * @param timeout connect timeout, and time allowed for each request's response
 * @param headers extra request headers (for example {@code Authorization})
 */
public record HttpSinkSettings(URI endpoint, Duration timeout, Map<String, String> headers) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public HttpSinkSettings {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidSettingException("fapilog.http.timeout", timeout, "a duration > 0");
        }
        if (endpoint != null && !("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme()))) {
            // The URL itself is not echoed: it may carry credentials.
            throw new InvalidSettingException("fapilog.http.endpoint", null, "an http or https URL");
        }
        if (endpoint != null && (endpoint.getHost() == null || endpoint.getHost().isBlank())) {
            throw new InvalidSettingException("fapilog.http.endpoint", null, "an absolute http(s) URL with a host");
        }
    }

    public HttpSinkSettings(URI endpoint) {
        this(endpoint, DEFAULT_TIMEOUT, Map.of());
    }

    /** No endpoint yet, default timeout, no headers. */
    public static HttpSinkSettings defaults() {
        return new HttpSinkSettings(null);
    }
}
