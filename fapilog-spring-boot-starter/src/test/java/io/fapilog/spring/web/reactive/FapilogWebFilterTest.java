package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.context.ScopedContext;
import io.fapilog.spring.context.ScopedContextAccessor;
import io.fapilog.spring.web.AbstractRequestFilterTest;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.atomic.AtomicReference;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The WebFilter alone, on mock exchanges: what a real server would not even let through. */
class FapilogWebFilterTest extends AbstractRequestFilterTest {

    private final FapilogWebFilter filter = new FapilogWebFilter(logging);

    @Override
    protected Filtered sendThrough(String path, String requestId) {
        MockServerWebExchange exchange = exchange(path, requestId);
        filter.filter(exchange, ex -> Mono.empty()).block();
        return new Filtered(exchange.getResponse().getHeaders().getFirst("X-Request-ID"),
                exchange.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT), exchange.getAttribute(FapilogWebAttributes.LOGGER));
    }

    @Override
    protected void sendThroughFailing(String path, String requestId, IllegalStateException boom) {
        MockServerWebExchange exchange = exchange(path, requestId);
        assertThatThrownBy(() -> filter.filter(exchange, ex -> Mono.error(boom)).block()).isSameAs(boom);
    }

    @Override
    protected Class<?> loggerType() {
        return AsyncLogger.class;
    }

    @Test
    void theRequestLoggerIsInTheExchangeAndTheReactorContext() {
        MockServerWebExchange exchange = exchange("/orders", "ctx-1");
        AtomicReference<AsyncLogger> fromContext = new AtomicReference<>();
        filter.filter(exchange, ex -> FapilogReactive.logger().doOnNext(fromContext::set).then()).block();
        AsyncLogger fromExchange = exchange.getAttribute(FapilogWebAttributes.LOGGER);
        assertThat(fromContext.get()).isSameAs(fromExchange);
        fromExchange.info("From the exchange logger");
        JsonNode event = awaitOne(sink, eventOf("ctx-1", "From the exchange logger"));
        assertThat(event.path("context").path("path").asString()).isEqualTo("/orders");
    }

    @Test
    void theRequestsFieldsAreTheScopedContextWhileTheChainIsAssembledAndInTheReactorContext() {
        MockServerWebExchange exchange = exchange("/orders", "ctx-2");
        AtomicReference<Object> atAssembly = new AtomicReference<>();
        AtomicReference<ScopedContext> inReactorContext = new AtomicReference<>();
        filter.filter(exchange, ex -> {
            atAssembly.set(ScopedContext.current().get("request_id"));
            return Mono.deferContextual(context -> {
                inReactorContext.set(context.get(ScopedContextAccessor.KEY));
                return Mono.empty();
            });
        }).block();
        assertThat(atAssembly.get()).isEqualTo("ctx-2");
        assertThat(inReactorContext.get().asMap()).containsEntry("request_id", "ctx-2").containsEntry("path", "/orders");
        assertThat(ScopedContext.current().isEmpty()).isTrue();
    }

    @Test
    void outsideARequestTheReactorContextHasNoLogger() {
        assertThat(FapilogReactive.logger().blockOptional()).isEmpty();
        assertThat(FapilogReactive.requestContext().blockOptional()).isEmpty();
    }

    @Test
    void aCancelledRequestIsLoggedOnceWith499() {
        MockServerWebExchange exchange = exchange("/slow", "cancel-1");
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
        MockServerWebExchange exchange = exchange("/stream", "cancel-2");
        filter.filter(exchange, ex -> {
            ex.getResponse().setStatusCode(HttpStatus.OK);
            return Mono.never();
        }).subscribe().dispose();
        assertThat(awaitOne(sink, accessLogOf("cancel-2")).path("data").path("status_code").asInt()).isEqualTo(200);
    }

    private static MockServerWebExchange exchange(String path, String requestId) {
        return MockServerWebExchange.from(MockServerHttpRequest.get(path).header("X-Request-ID", requestId));
    }
}
