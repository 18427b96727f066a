package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.context.ContextScope;
import io.fapilog.context.ScopedContext;
import io.fapilog.spring.web.AccessLogEvent;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.HttpRequestLogging;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * The WebFlux request filter: gives each request an {@link AsyncLogger} (ASYNC) bound to its
 * {@code request_id}, {@code method}, {@code path} and trace ids, kept in the exchange attribute
 * {@link FapilogWebAttributes#LOGGER} and in the Reactor {@code Context} (see
 * {@link FapilogReactive}), with the request's fields as fapilog's scoped context there, which
 * Reactor's automatic context propagation makes current on every thread of the chain; echoes the request id on the response; and writes the request's access
 * log event exactly once, whether the chain completes, fails or is cancelled. Nothing here blocks.
 */
public class FapilogWebFilter implements WebFilter, Ordered {

    /** Early, so that the latency covers the other filters and they can log with the request's context. */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private final HttpRequestLogging logging;
    private final AsyncLogger requestLogger;
    private final AsyncLogger accessLogger;
    private int order = DEFAULT_ORDER;

    public FapilogWebFilter(HttpRequestLogging logging) {
        this.logging = logging;
        this.requestLogger = logging.runtime().getAsyncLogger(HttpRequestLogging.REQUEST_LOGGER);
        this.accessLogger = logging.runtime().getAsyncLogger(HttpRequestLogging.ACCESS_LOGGER);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerWebExchangeRequestView request = new ServerWebExchangeRequestView(exchange);
        HttpRequestContext context = logging.open(request);
        AsyncLogger logger = requestLogger.bind(context.keyValues());
        exchange.getAttributes().put(FapilogWebAttributes.REQUEST_CONTEXT, context);
        exchange.getAttributes().put(FapilogWebAttributes.LOGGER, logger);
        exchange.getResponse().getHeaders().set(logging.requestIdHeader(), context.requestId());
        Mono<Void> handled;
        // Filters after this one that log while their chain is assembled, before any signal, see it too.
        try (ContextScope scope = ScopedContext.current().with(context.keyValues()).makeCurrent()) {
            handled = chain.filter(exchange);
        }
        return handled
                .doOnSuccess(done -> complete(exchange, request, context, null, false))
                .doOnError(error -> complete(exchange, request, context, error, false))
                .doOnCancel(() -> complete(exchange, request, context, null, true))
                .contextWrite(reactorContext -> FapilogReactive.with(reactorContext, context, logger));
    }

    private void complete(ServerWebExchange exchange, ServerWebExchangeRequestView request,
            HttpRequestContext context, Throwable error, boolean cancelled) {
        try {
            int code;
            if (error != null) { // the error handlers, outside the filter chain, have not answered yet
                code = HttpRequestLogging.statusOf(error);
            } else {
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                code = status != null ? status.value() : cancelled ? HttpRequestLogging.CLIENT_CLOSED_REQUEST : 200;
            }
            Optional<AccessLogEvent> event = logging.complete(context, request, code, error, cancelled);
            // Enqueued at once; the Mono only reports acceptance, so it needs no subscriber.
            event.ifPresent(e -> accessLogger.bind(context.keyValues())
                    .log(e.level(), e.message(), e.error(), e.keyValues()));
        } catch (RuntimeException e) {
            // Logging must never change the outcome of the request.
        }
    }

    @Override
    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }
}
