package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.ExecutionMode;
import io.fapilog.Level;
import io.fapilog.context.ScopedContext;
import io.fapilog.spring.context.ScopedContextAccessor;
import io.fapilog.spring.web.AbstractRequestFilterTest;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.HttpRequestLogging;
import io.fapilog.spring.web.RequestLoggingSettings;
import io.fapilog.spring.web.W3cTraceContextResolver;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static io.fapilog.spring.web.EventCapture.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

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
        answerAsTheServer(exchange, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    /** What the error handlers outside the filter chain do with an error: answer it, with a status of their choosing. */
    private static void answerAsTheServer(MockServerWebExchange exchange, HttpStatus status) {
        exchange.getResponse().setStatusCode(status);
        exchange.getResponse().setComplete().block(Duration.ofSeconds(10));
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
    void theRequestsFieldsAreTheScopedContextWhileTheChainIsSubscribedAndInTheReactorContext() {
        MockServerWebExchange exchange = exchange("/orders", "ctx-2");
        AtomicReference<Object> atAssembly = new AtomicReference<>();
        AtomicReference<ScopedContext> inReactorContext = new AtomicReference<>();
        filter.filter(exchange, ex -> Mono.defer(() -> { // as Spring's chain runs each filter: at its subscription
            atAssembly.set(ScopedContext.current().get("request_id"));
            return Mono.deferContextual(context -> {
                inReactorContext.set(context.get(ScopedContextAccessor.KEY));
                return Mono.empty();
            });
        })).block();
        assertThat(atAssembly.get()).isEqualTo("ctx-2");
        assertThat(inReactorContext.get().asMap()).containsEntry("request_id", "ctx-2").containsEntry("path", "/orders");
        assertThat(ScopedContext.current().isEmpty()).isTrue();
    }

    @Test
    void theRequestLoggerIsBoundWhenFirstUsedAndCarriesTheRequestsFields() {
        MockServerWebExchange exchange = exchange("/orders", "lazy-1");
        filter.filter(exchange, ex -> Mono.empty()).block();
        RequestAsyncLogger logger = exchange.getAttribute(FapilogWebAttributes.LOGGER);
        assertThat(logger.isBound()).isFalse();
        assertThat(logger.name()).isEqualTo(HttpRequestLogging.REQUEST_LOGGER);
        assertThat(logger.executionMode()).isEqualTo(ExecutionMode.ASYNC);

        logger.info("First use", "item", 7).block();
        assertThat(logger.isBound()).isTrue();
        logger.bind("extra", "x").info("Bound further");
        logger.toLogger().info("Through the synchronous view");

        JsonNode first = awaitOne(sink, eventOf("lazy-1", "First use"));
        assertThat(first.path("logger").asString()).isEqualTo(HttpRequestLogging.REQUEST_LOGGER);
        assertThat(first.path("context").path("method").asString()).isEqualTo("GET");
        assertThat(first.path("context").path("path").asString()).isEqualTo("/orders");
        assertThat(first.path("data").path("item").asInt()).isEqualTo(7);
        JsonNode further = awaitOne(sink, eventOf("lazy-1", "Bound further"));
        assertThat(further.path("context").path("extra").asString()).isEqualTo("x");
        assertThat(further.path("context").path("path").asString()).isEqualTo("/orders");
        assertThat(awaitOne(sink, eventOf("lazy-1", "Through the synchronous view"))
                .path("context").path("method").asString()).isEqualTo("GET");
    }

    @Test
    void aDisabledLevelNeitherLogsNorBindsTheRequestLogger() {
        MockServerWebExchange exchange = exchange("/orders", "lazy-2");
        filter.filter(exchange, ex -> Mono.empty()).block();
        RequestAsyncLogger logger = exchange.getAttribute(FapilogWebAttributes.LOGGER);
        assertThat(logger.isEnabled(Level.DEBUG)).isFalse(); // the webflux preset logs from INFO
        assertThat(logger.debug("Not logged", "k", 1).block()).isNull();
        assertThat(logger.isBound()).isFalse();
        logger.info("Marker");
        awaitOne(sink, eventOf("lazy-2", "Marker"));
        assertThat(matching(sink, eventOf("lazy-2", "Not logged"))).isEmpty();
    }

    @Test
    void withoutAnAccessLogTheRequestKeepsItsIdLoggerAndContextAndLogsNothingAtTheEnd() {
        FapilogWebFilter quiet = new FapilogWebFilter(new HttpRequestLogging(runtime,
                new RequestLoggingSettings(false, List.of(), Set.of(), Set.of(), 1.0, "X-Request-ID"),
                new W3cTraceContextResolver()));
        for (boolean fails : new boolean[] {false, true}) {
            String id = fails ? "quiet-failing" : "quiet-ok";
            MockServerWebExchange exchange = exchange("/orders", id);
            AtomicReference<Object> atAssembly = new AtomicReference<>();
            AtomicReference<AsyncLogger> fromContext = new AtomicReference<>();
            Mono<Void> handled = quiet.filter(exchange, ex -> Mono.defer(() -> {
                atAssembly.set(ScopedContext.current().get("request_id"));
                Mono<Void> logged = FapilogReactive.logger().doOnNext(fromContext::set)
                        .flatMap(log -> log.info("Inside a quiet request"));
                return fails ? logged.then(Mono.error(new IllegalStateException("boom"))) : logged;
            }));
            if (fails) {
                assertThatThrownBy(handled::block).hasMessage("boom");
            } else {
                handled.block();
            }
            assertThat(exchange.getResponse().getHeaders().getFirst("X-Request-ID")).isEqualTo(id);
            assertThat(atAssembly.get()).isEqualTo(id);
            assertThat(fromContext.get()).isSameAs(exchange.getAttribute(FapilogWebAttributes.LOGGER));
            HttpRequestContext context = exchange.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT);
            assertThat(context.isAccessLogged()).isFalse();
            assertThat(context.isCompleted()).isFalse();
            assertThat(awaitOne(sink, eventOf(id, "Inside a quiet request")).path("context").path("path").asString())
                    .isEqualTo("/orders");
        }
        runtime.stopAndDrain().join();
        assertThat(matching(sink, accessLogOf("quiet-ok"))).isEmpty();
        assertThat(matching(sink, accessLogOf("quiet-failing"))).isEmpty();
    }

    @Test
    void theReactorContextCarriesTheScopedContextOnlyForContextPropagation() {
        HttpRequestContext request = new HttpRequestLogging(runtime, logging.settings(), new W3cTraceContextResolver())
                .open(new ServerWebExchangeRequestView(exchange("/orders", "ctx-3")));
        AsyncLogger logger = runtime.getAsyncLogger("test");
        Context outer = Context.of(ScopedContextAccessor.KEY, ScopedContext.empty().with("tenant", "acme", "path", "/outer"));

        Context propagated = FapilogReactive.with(outer, request, logger, true);
        assertThat(propagated.<ScopedContext>get(ScopedContextAccessor.KEY).asMap())
                .containsExactly(entry("tenant", "acme"), entry("path", "/orders"), entry("request_id", "ctx-3"),
                        entry("method", "GET"));
        assertThat(FapilogReactive.with(Context.empty(), request, logger, true).<ScopedContext>get(ScopedContextAccessor.KEY))
                .isSameAs(request.scopedContext(ScopedContext.empty()));

        Context plain = FapilogReactive.with(Context.empty(), request, logger, false);
        assertThat(plain.size()).isEqualTo(2);
        assertThat(FapilogReactive.logger(plain)).containsSame(logger);
        assertThat(FapilogReactive.requestContext(plain)).containsSame(request);
    }

    /**
     * Without Reactor's hook ({@code propagate-context=false}) a later filter logs with the request's
     * context while it is subscribed: Spring's chain defers each filter to its subscription, which
     * happened after the scope around {@code chain.filter(..)} had closed.
     */
    @Test
    void withoutTheHookALaterFilterSeesTheRequestsContextWhenItRuns() {
        Hooks.disableAutomaticContextPropagation(); // JVM-wide: an earlier test may have turned it on
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        filter.filter(exchange("/orders", "later-1"), ex -> Mono.defer(() -> {
            seen.set(ScopedContext.current().asMap());
            return Mono.empty();
        })).block(Duration.ofSeconds(10));

        assertThat(seen.get()).containsEntry("request_id", "later-1").containsEntry("path", "/orders");
        assertThat(ScopedContext.current().asMap()).doesNotContainKey("request_id");
    }

    /** Reactor's default (limited) propagation: without the JVM-wide hook, handle() restores the context. */
    @Test
    void withoutTheHookHandleStillSeesTheRequestsScopedContext() {
        Hooks.disableAutomaticContextPropagation(); // JVM-wide: an earlier test may have turned it on
        HttpRequestContext request = new HttpRequestLogging(runtime, logging.settings(), new W3cTraceContextResolver())
                .open(new ServerWebExchangeRequestView(exchange("/orders", "ctx-4")));
        AsyncLogger logger = runtime.getAsyncLogger("test");

        Map<String, Object> inHandle = Mono.just(1).publishOn(Schedulers.parallel())
                .<Map<String, Object>>handle((value, sink) -> sink.next(ScopedContext.current().asMap()))
                .contextWrite(context -> FapilogReactive.with(context, request, logger, true))
                .block(Duration.ofSeconds(10));
        Map<String, Object> inMap = Mono.just(1).publishOn(Schedulers.parallel())
                .map(value -> ScopedContext.current().asMap())
                .contextWrite(context -> FapilogReactive.with(context, request, logger, true))
                .block(Duration.ofSeconds(10));

        assertThat(inHandle).containsEntry("request_id", "ctx-4").containsEntry("path", "/orders");
        assertThat(inMap).doesNotContainKey("request_id");
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
    void aCancelledRequestKeepsTheStatusItSent() {
        MockServerWebExchange exchange = exchange("/stream", "cancel-2");
        filter.filter(exchange, ex -> {
            ex.getResponse().setStatusCode(HttpStatus.PARTIAL_CONTENT);
            return ex.getResponse().setComplete().then(Mono.never());
        }).subscribe().dispose();
        assertThat(awaitOne(sink, accessLogOf("cancel-2")).path("data").path("status_code").asInt()).isEqualTo(206);
    }

    @Test
    void aCancelledRequestWhoseStatusWasSetButNotSentIs499() {
        MockServerWebExchange exchange = exchange("/stream", "cancel-3");
        filter.filter(exchange, ex -> {
            ex.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return Mono.never();
        }).subscribe().dispose();
        assertThat(awaitOne(sink, accessLogOf("cancel-3")).path("data").path("status_code").asInt()).isEqualTo(499);
    }

    @Test
    void aStreamThatFailsAfterItsStatusWasSentIsLoggedWithThatStatus() {
        MockServerWebExchange exchange = exchange("/sse", "fail-after-200");
        filter.filter(exchange, ex -> ex.getResponse().setComplete()
                .then(Mono.error(new IllegalStateException("stream broke")))).onErrorComplete().block(Duration.ofSeconds(10));
        JsonNode access = awaitOne(sink, accessLogOf("fail-after-200"));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("data").path("status_code").asInt()).as("what the client got").isEqualTo(200);
        assertThat(access.path("diagnostics").path("exception").path("message").asString()).isEqualTo("stream broke");
    }

    /**
     * A client that left (an HTTP/2 stream it reset, a connection it closed) fails the write with one of
     * the exceptions Spring knows for it: the request is cancelled, at INFO, with the status it was
     * sent or 499, not a failure at ERROR with a stack trace (once the status was sent it was logged so).
     */
    @Test
    void aClientThatLeftIsLoggedCancelledNotFailed() {
        MockServerWebExchange sent = exchange("/slow", "gone-after-200");
        filter.filter(sent, ex -> ex.getResponse().setComplete()
                .then(Mono.error(new reactor.netty.channel.AbortedException("Connection has been closed BEFORE send operation"))))
                .onErrorComplete().block(Duration.ofSeconds(10));
        MockServerWebExchange unsent = exchange("/slow", "gone-before");
        filter.filter(unsent, ex -> Mono.error(new reactor.netty.channel.AbortedException("Connection has been closed")))
                .onErrorComplete().block(Duration.ofSeconds(10));

        for (String id : new String[] {"gone-after-200", "gone-before"}) {
            JsonNode access = awaitOne(sink, accessLogOf(id));
            assertThat(access.path("message").asString()).isEqualTo("request_completed");
            assertThat(access.path("level").asString()).isEqualTo("INFO");
            assertThat(access.path("data").path("cancelled").asBoolean()).isTrue();
            assertThat(access.path("diagnostics").has("exception")).isFalse();
        }
        assertThat(awaitOne(sink, accessLogOf("gone-after-200")).path("data").path("status_code").asInt()).isEqualTo(200);
        assertThat(awaitOne(sink, accessLogOf("gone-before")).path("data").path("status_code").asInt()).isEqualTo(499);
    }

    @Test
    void aRequestThatFailsBeforeAnswering500() {
        MockServerWebExchange exchange = exchange("/orders", "fail-before");
        filter.filter(exchange, ex -> Mono.error(new IllegalStateException("broke"))).onErrorComplete()
                .block(Duration.ofSeconds(10));
        runtime.flush().join();
        assertThat(matching(sink, accessLogOf("fail-before"))).as("not before the error handlers answered").isEmpty();
        answerAsTheServer(exchange, HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(awaitOne(sink, accessLogOf("fail-before")).path("data").path("status_code").asInt()).isEqualTo(500);
    }

    /**
     * An error handler of the application's (an ErrorWebExceptionHandler) answers an exception with a
     * 400: the event was written at the error, before it answered, with the 500 it guessed.
     */
    @Test
    void aFailureAnErrorHandlerAnswersIsLoggedWithTheStatusItSent() {
        MockServerWebExchange exchange = exchange("/orders", "mapped-400");
        filter.filter(exchange, ex -> Mono.error(new IllegalArgumentException("bad order"))).onErrorComplete()
                .block(Duration.ofSeconds(10));
        answerAsTheServer(exchange, HttpStatus.BAD_REQUEST);
        JsonNode access = awaitOne(sink, accessLogOf("mapped-400"));
        assertThat(access.path("message").asString()).isEqualTo("request_completed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(400);
        assertThat(access.path("diagnostics").has("exception")).isFalse();
    }

    private static MockServerWebExchange exchange(String path, String requestId) {
        return MockServerWebExchange.from(MockServerHttpRequest.get(path).header("X-Request-ID", requestId));
    }
}
