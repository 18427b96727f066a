package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.FapilogRuntime;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.web.EventCapture;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.HttpRequestLogging;
import io.fapilog.spring.web.RequestLoggingSettings;
import io.fapilog.spring.web.W3cTraceContextResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static io.fapilog.spring.web.EventCapture.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The WebFilter alone, on mock exchanges: what a real server would not even let through. */
class FapilogWebFilterTest {

    private final InMemorySink sink = new InMemorySink();
    private final FapilogRuntime runtime = EventCapture.runtime(sink);
    private final FapilogWebFilter filter = new FapilogWebFilter(new HttpRequestLogging(runtime,
            new RequestLoggingSettings(true, List.of("/actuator/**"), Set.of(), Set.of(), 1.0, "X-Request-ID"),
            new W3cTraceContextResolver()));

    @AfterEach
    void close() {
        runtime.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\r\nX-Injected: yes", "abc\ndef", "abc\rdef", "\r\n"})
    void requestIdsWithLineBreaksAreReplaced(String invalid) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders")
                .header("X-Request-ID", invalid));
        filter.filter(exchange, ex -> Mono.empty()).block();
        String echoed = exchange.getResponse().getHeaders().getFirst("X-Request-ID");
        assertThat(echoed).matches("[0-9a-f-]{36}");
        HttpRequestContext context = exchange.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT);
        assertThat(context.requestId()).isEqualTo(echoed);
        JsonNode access = awaitOne(sink, accessLogOf(echoed));
        assertThat(access.toString()).doesNotContain("X-Injected");
    }

    @Test
    void theRequestLoggerIsInTheExchangeAndTheReactorContext() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders")
                .header("X-Request-ID", "ctx-1"));
        AtomicReference<AsyncLogger> fromContext = new AtomicReference<>();
        filter.filter(exchange, ex -> FapilogReactive.logger().doOnNext(fromContext::set).then()).block();
        AsyncLogger fromExchange = exchange.getAttribute(FapilogWebAttributes.LOGGER);
        assertThat(fromContext.get()).isSameAs(fromExchange);
        fromExchange.info("From the exchange logger");
        JsonNode event = awaitOne(sink, eventOf("ctx-1", "From the exchange logger"));
        assertThat(event.path("context").path("path").asString()).isEqualTo("/orders");
    }

    @Test
    void outsideARequestTheReactorContextHasNoLogger() {
        assertThat(FapilogReactive.logger().blockOptional()).isEmpty();
        assertThat(FapilogReactive.requestContext().blockOptional()).isEmpty();
    }

    @Test
    void aCancelledRequestIsLoggedOnceWith499() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/slow")
                .header("X-Request-ID", "cancel-1"));
        Disposable subscription = filter.filter(exchange, ex -> Mono.never()).subscribe();
        subscription.dispose();
        JsonNode access = awaitOne(sink, accessLogOf("cancel-1"));
        assertThat(access.path("message").asString()).isEqualTo("request_completed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(499);
        assertThat(access.path("data").path("cancelled").asBoolean()).isTrue();
        HttpRequestContext context = exchange.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT);
        assertThat(context.isCompleted()).isTrue();
    }

    @Test
    void aCancelledRequestKeepsAStatusAlreadySet() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/stream")
                .header("X-Request-ID", "cancel-2"));
        filter.filter(exchange, ex -> {
            ex.getResponse().setStatusCode(HttpStatus.OK);
            return Mono.never();
        }).subscribe().dispose();
        assertThat(awaitOne(sink, accessLogOf("cancel-2")).path("data").path("status_code").asInt()).isEqualTo(200);
    }

    @Test
    void anErrorIsPassedOnUnchangedAndLoggedOnce() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/fail")
                .header("X-Request-ID", "error-1"));
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> filter.filter(exchange, ex -> Mono.error(boom)).block()).isSameAs(boom);
        JsonNode access = awaitOne(sink, accessLogOf("error-1"));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("diagnostics").path("exception").path("type").asString())
                .isEqualTo(IllegalStateException.class.getName());
        runtime.stopAndDrain().join();
        assertThat(matching(sink, accessLogOf("error-1"))).hasSize(1);
    }
}
