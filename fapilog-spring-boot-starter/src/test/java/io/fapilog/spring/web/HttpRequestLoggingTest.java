package io.fapilog.spring.web;

import io.fapilog.Level;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.FapilogRuntime;
import io.fapilog.context.ScopedContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/** The shared policy, without a web server. */
class HttpRequestLoggingTest {

    private final FapilogRuntime runtime = EventCapture.runtime(new InMemorySink());

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void opensWithTheRequestContext() {
        HttpRequestContext context = logging(settings(1.0)).open(new FakeRequest("POST", "/orders")
                .header("X-Request-ID", "abc-1"));
        assertThat(context.requestId()).isEqualTo("abc-1");
        assertThat(context.method()).isEqualTo("POST");
        assertThat(context.path()).isEqualTo("/orders");
        assertThat(context.traceIds()).isEmpty();
        assertThat(context.keyValues()).containsExactly("request_id", "abc-1", "method", "POST", "path", "/orders");
        assertThat(context.isAccessLogged()).isTrue();
    }

    @Test
    void theRequestIdHeaderIsConfigurable() {
        RequestLoggingSettings settings = new RequestLoggingSettings(true, List.of(), Set.of(), Set.of(), 1.0,
                "X-Correlation-ID");
        HttpRequestContext context = logging(settings).open(new FakeRequest("GET", "/")
                .header("X-Request-ID", "ignored").header("X-Correlation-ID", "corr-7"));
        assertThat(context.requestId()).isEqualTo("corr-7");
    }

    @Test
    void traceIdsAreBoundAfterTheRequestFields() {
        HttpRequestContext context = logging(settings(1.0)).open(new FakeRequest("GET", "/")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertThat(context.traceIds()).contains(new TraceIds("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"));
        assertThat(context.keyValues()).containsSubsequence("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736",
                "span_id", "00f067aa0ba902b7");
    }

    @Test
    void theAccessLogEventHasTheSpecFieldsInOrder() {
        HttpRequestLogging logging = logging(settings(1.0));
        FakeRequest request = new FakeRequest("GET", "/users/7").header("User-Agent", "curl/8")
                .header("X-Tenant", "acme").header("Authorization", "Bearer secret").header("X-Other", "no");
        HttpRequestContext context = logging.open(request);
        AccessLogEvent event = logging.complete(context, request, 200, null, false).orElseThrow();
        assertThat(event.level()).isEqualTo(Level.INFO);
        assertThat(event.message()).isEqualTo("request_completed");
        assertThat(event.error()).isNull();
        assertThat(event.keyValues()).hasSize(14);
        assertThat(keys(event)).containsExactly("method", "path", "status_code", "latency_ms", "client_ip",
                "user_agent", "headers");
        assertThat(event.get("method")).isEqualTo("GET");
        assertThat(event.get("path")).isEqualTo("/users/7");
        assertThat(event.get("status_code")).isEqualTo(200);
        assertThat((Double) event.get("latency_ms")).isGreaterThanOrEqualTo(0.0);
        assertThat(event.get("client_ip")).isEqualTo("10.1.2.3");
        assertThat(event.get("user_agent")).isEqualTo("curl/8");
        assertThat(event.get("headers")).isEqualTo(Map.of("x-tenant", "acme", "authorization", "***"));
    }

    @Test
    void noHeadersFieldWithoutAllowListedHeaders() {
        HttpRequestLogging logging = logging(settings(1.0));
        FakeRequest request = new FakeRequest("GET", "/");
        AccessLogEvent event = logging.complete(logging.open(request), request, 204, null, false).orElseThrow();
        assertThat(keys(event)).doesNotContain("headers");
        assertThat(event.get("user_agent")).isNull();
    }

    @Test
    void aStatusOf500AndAboveIsRequestFailedWithTheException() {
        HttpRequestLogging logging = logging(settings(1.0));
        FakeRequest request = new FakeRequest("GET", "/");
        IllegalStateException boom = new IllegalStateException("boom");
        AccessLogEvent event = logging.complete(logging.open(request), request, 500, boom, false).orElseThrow();
        assertThat(event.level()).isEqualTo(Level.ERROR);
        assertThat(event.message()).isEqualTo("request_failed");
        assertThat(event.error()).isSameAs(boom);
        assertThat(event.get("status_code")).isEqualTo(500);
    }

    @Test
    void aRequestIsLoggedOnce() {
        HttpRequestLogging logging = logging(settings(1.0));
        FakeRequest request = new FakeRequest("GET", "/");
        HttpRequestContext context = logging.open(request);
        assertThat(logging.complete(context, request, 200, null, true)).isPresent();
        assertThat(logging.complete(context, request, 500, new RuntimeException(), false)).isEmpty();
        assertThat(logging.complete(context, request, 200, null, false)).isEmpty();
        assertThat(context.isCompleted()).isTrue();
    }

    @Test
    void aRequestWithoutAnAccessLogIsNeitherLoggedNorMarkedCompleted() {
        HttpRequestLogging logging = logging(new RequestLoggingSettings(false, List.of(), Set.of(), Set.of(), 1.0,
                "X-Request-ID"));
        FakeRequest request = new FakeRequest("GET", "/");
        HttpRequestContext context = logging.open(request);
        assertThat(context.isAccessLogged()).isFalse();
        assertThat(logging.complete(context, request, 500, new RuntimeException(), false)).isEmpty();
        assertThat(context.isCompleted()).isFalse();
    }

    @Test
    void theRequestsScopedContextIsMadeOnceAndAddedToAnOuterOne() {
        HttpRequestContext context = logging(settings(1.0)).open(new FakeRequest("GET", "/orders")
                .header("X-Request-ID", "scoped-1"));
        ScopedContext alone = context.scopedContext(ScopedContext.empty());
        assertThat(alone.asMap()).containsExactly(entry("request_id", "scoped-1"), entry("method", "GET"),
                entry("path", "/orders"));
        assertThat(context.scopedContext(ScopedContext.empty())).isSameAs(alone);
        assertThat(RequestScope.scopedContext(context)).isSameAs(alone);
        ScopedContext outer = ScopedContext.empty().with("tenant", "acme", "request_id", "outer-id");
        assertThat(context.scopedContext(outer).asMap()).containsExactly(entry("tenant", "acme"),
                entry("request_id", "scoped-1"), entry("method", "GET"), entry("path", "/orders"));
    }

    @Test
    void aCancelledRequestSaysSo() {
        HttpRequestLogging logging = logging(settings(1.0));
        FakeRequest request = new FakeRequest("GET", "/");
        AccessLogEvent event = logging.complete(logging.open(request), request,
                HttpRequestLogging.CLIENT_CLOSED_REQUEST, null, true).orElseThrow();
        assertThat(event.get("status_code")).isEqualTo(499);
        assertThat(event.get("cancelled")).isEqualTo(true);
        assertThat(event.level()).isEqualTo(Level.INFO);
    }

    @Test
    void skipPathsAreAntPatterns() {
        HttpRequestLogging logging = logging(new RequestLoggingSettings(true, List.of("/actuator/**", "/static/*.css"),
                Set.of(), Set.of(), 1.0, "X-Request-ID"));
        assertThat(logging.isSkipped("/actuator")).isTrue();
        assertThat(logging.isSkipped("/actuator/health/liveness")).isTrue();
        assertThat(logging.isSkipped("/static/site.css")).isTrue();
        assertThat(logging.isSkipped("/static/js/site.css")).isFalse();
        assertThat(logging.isSkipped("/actuators")).isFalse();
        FakeRequest skipped = new FakeRequest("GET", "/actuator/health");
        HttpRequestContext context = logging.open(skipped);
        assertThat(context.isAccessLogged()).isFalse();
        assertThat(logging.complete(context, skipped, 500, new RuntimeException(), false)).isEmpty();
    }

    @Test
    void sampleRateZeroDropsSuccessesButKeepsClientAndServerErrors() {
        HttpRequestLogging logging = logging(settings(0.0));
        FakeRequest request = new FakeRequest("GET", "/");
        assertThat(logging.complete(logging.open(request), request, 200, null, false)).isEmpty();
        assertThat(logging.complete(logging.open(request), request, 302, null, false)).isEmpty();
        assertThat(logging.complete(logging.open(request), request, 404, null, false)).isPresent();
        assertThat(logging.complete(logging.open(request), request, 500, new RuntimeException(), false)).isPresent();
        // a stream that broke after its 200 went out: failed, so logged whatever the rate
        assertThat(logging.complete(logging.open(request), request, 200, new IllegalStateException("broke"), false))
                .hasValueSatisfying(event -> assertThat(event.message()).isEqualTo("request_failed"));
    }

    @Test
    void sampleRateKeepsAboutItsShareOfSuccesses() {
        HttpRequestLogging logging = logging(settings(0.25));
        FakeRequest request = new FakeRequest("GET", "/");
        int kept = 0;
        for (int i = 0; i < 4000; i++) {
            Optional<AccessLogEvent> event = logging.complete(logging.open(request), request, 200, null, false);
            kept += event.isPresent() ? 1 : 0;
        }
        assertThat(kept).isBetween(800, 1200); // 1000 expected; more than 7 standard deviations either side
    }

    @Test
    void accessLogOffStillOpensRequestContexts() {
        HttpRequestLogging logging = logging(new RequestLoggingSettings(false, List.of(), Set.of(), Set.of(), 1.0,
                "X-Request-ID"));
        FakeRequest request = new FakeRequest("GET", "/").header("X-Request-ID", "id-1");
        HttpRequestContext context = logging.open(request);
        assertThat(context.requestId()).isEqualTo("id-1");
        assertThat(logging.complete(context, request, 500, new RuntimeException(), false)).isEmpty();
    }

    @Test
    void statusOfAnException() {
        assertThat(HttpRequestLogging.statusOf(new IllegalStateException())).isEqualTo(500);
        assertThat(HttpRequestLogging.statusOf(new ResponseStatusException(HttpStatus.CONFLICT))).isEqualTo(409);
        assertThat(HttpRequestLogging.statusOf(new Teapot())).isEqualTo(418);
    }

    @Test
    void invalidSettingsNameTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RequestLoggingSettings(true, List.of(), Set.of(), Set.of(), 1.5, "X-Request-ID"))
                .withMessageContaining("fapilog.request-logging.sample-rate");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RequestLoggingSettings(true, List.of(), Set.of(), Set.of(), 1.0, " "))
                .withMessageContaining("fapilog.request-logging.request-id-header");
        assertThatIllegalArgumentException() // Netty would refuse it on every response: every request a 500
                .isThrownBy(() -> new RequestLoggingSettings(true, List.of(), Set.of(), Set.of(), 1.0, "Bad:Header"))
                .withMessageContaining("fapilog.request-logging.request-id-header")
                .withMessageContaining("letters, digits and !#$%&'*+-.^_`|~");
    }

    private HttpRequestLogging logging(RequestLoggingSettings settings) {
        return new HttpRequestLogging(runtime, settings, new W3cTraceContextResolver());
    }

    private static RequestLoggingSettings settings(double sampleRate) {
        return new RequestLoggingSettings(true, List.of("/actuator/**"), new LinkedHashSet<>(List.of("X-Tenant",
                "Authorization")), Set.of("AUTHORIZATION"), sampleRate, "X-Request-ID");
    }

    private static List<Object> keys(AccessLogEvent event) {
        Object[] kv = event.keyValues();
        List<Object> keys = new java.util.ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            keys.add(kv[i]);
        }
        return keys;
    }

    @ResponseStatus(HttpStatus.I_AM_A_TEAPOT)
    static class Teapot extends RuntimeException {
    }
}
