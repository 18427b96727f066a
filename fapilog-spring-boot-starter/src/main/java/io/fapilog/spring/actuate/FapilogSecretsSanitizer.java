package io.fapilog.spring.actuate;

import io.fapilog.config.HttpSinkSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the secrets fapilog's properties can hold where the actuator shows property values
 * ({@code /actuator/configprops}, {@code /actuator/env}, with {@code show-values} {@code always} or
 * {@code when-authorized}): the HTTP and OTLP sinks' headers (an {@code Authorization} token), an
 * endpoint with credentials, a query or a token in its path ({@code https://user:password@…},
 * {@code ?token=…}, {@code /receiver/v1/http/<token>}), and the
 * Kafka producer's passwords, SASL login and secrets; and {@code SPRING_APPLICATION_JSON} when it
 * sets fapilog's properties (it is shown as one value). Keys match in each of Spring's forms
 * ({@code fapilog.otlp.headers.Authorization}, {@code fapilog.otlp.headers[Authorization]},
 * {@code FAPILOG_OTLP_HEADERS_AUTHORIZATION}).
 */
public class FapilogSecretsSanitizer implements SanitizingFunction {

    private static final List<String> HEADERS = List.of("fapilog.http.headers.", "fapilog.otlp.headers.");
    private static final List<String> ENDPOINTS = List.of("fapilog.http.endpoint", "fapilog.otlp.endpoint");
    private static final String KAFKA_PROPERTIES = "fapilog.kafka.properties.";
    private static final List<String> KAFKA_SECRETS = List.of("password", "jaas", "secret", "token", "credential",
            "ssl.keystore.key");
    /** {@code SPRING_APPLICATION_JSON}: the way to set header names an environment variable cannot spell, shown whole. */
    private static final String APPLICATION_JSON = "spring.application.json";
    /** Credentials before the host ({@code scheme://user:password@host}), or a query. */
    private static final Pattern CREDENTIALS_OR_QUERY = Pattern.compile("^[^:/?#]+://[^/?#]*@|\\?");

    @Override
    public SanitizableData apply(SanitizableData data) {
        return isSecret(canonical(data.getKey()), data.getValue()) ? data.withSanitizedValue() : data;
    }

    /** {@code key} in dotted lower case: {@code FAPILOG_OTLP_HEADERS_X} and {@code fapilog.otlp.headers[X]} as {@code fapilog.otlp.headers.x}. */
    private static String canonical(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '.').replace('[', '.').replace("]", "");
    }

    private static boolean isSecret(String key, Object value) {
        if (key.equals(APPLICATION_JSON)) {
            String json = String.valueOf(value);
            return json.contains("\"fapilog\"") || json.contains("\"fapilog.");
        }
        if (!key.startsWith("fapilog.")) {
            return false;
        }
        if (HEADERS.stream().anyMatch(key::startsWith)) {
            return true;
        }
        if (key.startsWith(KAFKA_PROPERTIES)) {
            return KAFKA_SECRETS.stream().anyMatch(key::contains);
        }
        return ENDPOINTS.contains(key) && value != null && hidesSomething(value.toString());
    }

    /** Whether fapilog shows the endpoint otherwise than written: it has credentials, a query or a token in its path. */
    private static boolean hidesSomething(String endpoint) {
        if (CREDENTIALS_OR_QUERY.matcher(endpoint).find()) {
            return true;
        }
        try {
            URI uri = new URI(endpoint.trim());
            return uri.getScheme() != null && uri.getHost() != null && !HttpSinkSettings.displayed(uri).equals(endpoint.trim());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
