package io.fapilog.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the {@code http} sink ({@code fapilog.http.*}).
 *
 * @param endpoint where batches are posted; required by the sink, {@code null} while unset
 * @param timeout connect timeout, and time allowed for each post up to the response's headers (and for its body, which is discarded afterwards)
 * @param headers extra request headers (for example {@code Authorization})
 */
public record HttpSinkSettings(URI endpoint, Duration timeout, Map<String, String> headers) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public HttpSinkSettings {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        InvalidSettingException.requireDuration("fapilog.http.timeout", timeout, false);
        if (endpoint != null && !("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme()))) {
            // The URL itself is not echoed: it may carry credentials.
            throw new InvalidSettingException("fapilog.http.endpoint", null, "an http or https URL");
        }
        if (endpoint != null && (endpoint.getHost() == null || endpoint.getHost().isBlank())) {
            throw new InvalidSettingException("fapilog.http.endpoint", null, "an absolute http(s) URL with a host");
        }
        if (endpoint != null && (endpoint.getPort() == 0 || endpoint.getPort() > 65_535)) {
            throw new InvalidSettingException("fapilog.http.endpoint", null, "an http(s) URL whose port, if given, is 1 to 65535");
        }
        headers.forEach(HttpSinkSettings::checkHeader);
    }

    /**
     * Headers the JDK's HTTP client sets itself and refuses, less those the JVM allows with
     * {@code -Djdk.httpclient.allowRestrictedHeaders}.
     */
    private static Set<String> restrictedHeaders() {
        Set<String> restricted = new java.util.HashSet<>(Set.of("connection", "content-length", "expect", "host", "upgrade"));
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        for (String name : allowed.split(",")) {
            restricted.remove(name.trim().toLowerCase(Locale.ROOT));
        }
        return restricted;
    }

    /** A header the HTTP client would refuse fails here, naming it; its value is never shown (it may be a token). */
    private static void checkHeader(String name, String value) {
        if (!HeaderNames.isValid(name) || restrictedHeaders().contains(name.toLowerCase(Locale.ROOT))) {
            throw new InvalidSettingException("fapilog.http.headers", name,
                    "header names of letters, digits and !#$%&'*+-.^_`|~, other than Connection, Content-Length, "
                            + "Expect, Host and Upgrade");
        }
        // What the JDK's client takes: tab, space, visible ASCII and Latin-1 (no line break, no DEL, nothing above 0xFF).
        if (!value.chars().allMatch(c -> c == '\t' || c >= ' ' && c <= 0xff && c != 0x7f)) {
            throw new InvalidSettingException("fapilog.http.headers." + name, null,
                    "a value of visible Latin-1 characters, spaces and tabs (no line break, no control character)");
        }
    }

    /** The endpoint as shown in errors and health ({@link #displayed(URI)}). */
    public String displayedEndpoint() {
        return endpoint == null ? null : displayed(endpoint);
    }

    /**
     * {@code endpoint} as fapilog shows it in errors, health and notices: scheme, host, port and path,
     * never its user info or query, and a path segment that looks like a token (16 characters or more,
     * letters and digits both, as the collectors that put their key in the path write it:
     * {@code /receiver/v1/http/<token>}) as {@code ***}.
     */
    public static String displayed(URI endpoint) {
        String path = endpoint.getRawPath();
        StringBuilder shown = new StringBuilder(endpoint.getScheme()).append("://").append(endpoint.getHost());
        if (endpoint.getPort() >= 0) {
            shown.append(':').append(endpoint.getPort());
        }
        if (path != null && !path.isEmpty()) {
            for (String segment : path.substring(1).split("/", -1)) {
                shown.append('/').append(looksLikeToken(segment) ? "***" : segment);
            }
        }
        return shown.toString();
    }

    private static boolean looksLikeToken(String segment) {
        return segment.length() >= 16 && segment.chars().anyMatch(Character::isLetter) && segment.chars().anyMatch(Character::isDigit);
    }

    /** Without the endpoint's user info and query, and without the headers' values: either may be a credential. */
    @Override
    public String toString() {
        return "HttpSinkSettings[endpoint=" + displayedEndpoint() + ", timeout=" + timeout + ", headers="
                + headers.keySet() + "]";
    }

    public HttpSinkSettings(URI endpoint) {
        this(endpoint, DEFAULT_TIMEOUT, Map.of());
    }

    /** No endpoint yet, default timeout, no headers. */
    public static HttpSinkSettings defaults() {
        return new HttpSinkSettings(null);
    }
}
