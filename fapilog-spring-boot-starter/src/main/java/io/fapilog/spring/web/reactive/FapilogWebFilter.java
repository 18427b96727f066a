package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.context.ContextScope;
import io.fapilog.context.ScopedContext;
import io.fapilog.spring.web.AccessLogEvent;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.HttpRequestLogging;
import org.reactivestreams.Subscription;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.DisconnectedClientHelper;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;

import java.util.Map;
import java.util.Optional;

/**
 * The WebFlux request filter: gives each request an {@link AsyncLogger} (ASYNC) bound to its
 * {@code request_id}, {@code method}, {@code path} and trace ids (bound when first used), kept in
 * the exchange attribute {@link FapilogWebAttributes#LOGGER} and in the Reactor {@code Context}
 * (see {@link FapilogReactive}), with the request's fields as fapilog's scoped context there, which
 * Reactor's automatic context propagation makes current on every thread of the chain; echoes the
 * request id on the response; and writes the request's access log event exactly once, whether the
 * chain completes, fails or is cancelled. Nothing here blocks; a request without an access log
 * event gets no operator watching its end.
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
        AsyncLogger logger = new RequestAsyncLogger(requestLogger, context);
        Map<String, Object> attributes = exchange.getAttributes();
        attributes.put(FapilogWebAttributes.REQUEST_CONTEXT, context);
        attributes.put(FapilogWebAttributes.LOGGER, logger);
        exchange.getResponse().getHeaders().set(logging.requestIdHeader(), context.requestId());
        Mono<Void> handled = new SubscribedInScope(chain.filter(exchange), context);
        if (context.isAccessLogged()) { // else nothing happens at the end, and nothing needs to watch for it
            handled = AccessLogAtEnd.watch(handled, this, exchange, request, context);
        }
        return handled.contextWrite(reactorContext -> FapilogReactive.with(reactorContext, context, logger));
    }

    /**
     * The rest of the chain subscribed with the request's context current: what runs then on the
     * subscribing thread (the later filters' {@code filter} bodies, a handler up to its first
     * asynchronous step) logs with it also without Reactor's automatic propagation
     * ({@code propagate-context=false}). The chain defers each filter to its subscription, so a scope
     * around {@code chain.filter(exchange)} covered nothing. A failure is passed on in the same scope:
     * the error handlers, outside the chain, answer on that signal, and what they log as they begin
     * carries the request's context too.
     */
    private static final class SubscribedInScope extends MonoOperator<Void, Void> {

        private final HttpRequestContext context;

        SubscribedInScope(Mono<Void> source, HttpRequestContext context) {
            super(source);
            this.context = context;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Void> actual) {
            try (ContextScope scope = inScope()) {
                source.subscribe(new FailureInScope(actual, this));
            }
        }

        ContextScope inScope() {
            return context.scopedContext(ScopedContext.current()).makeCurrent();
        }
    }

    private static final class FailureInScope extends ForwardingSubscriber {

        private final SubscribedInScope operator;

        FailureInScope(CoreSubscriber<? super Void> actual, SubscribedInScope operator) {
            super(actual);
            this.operator = operator;
        }

        @Override
        public void onError(Throwable error) {
            try (ContextScope scope = operator.inScope()) {
                actual.onError(error);
            }
        }
    }

    /** The end of one HTTP exchange on Reactor Netty, whatever ended it; elsewhere nothing is watched. */
    private static final class ExchangeEnd {

        private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.channel.ChannelOperations",
                FapilogWebFilter.class.getClassLoader());

        static void onEnd(ServerWebExchange exchange, Runnable action) {
            if (REACTOR_NETTY) {
                Netty.onEnd(exchange, action);
            }
        }

        /** Whether the client is gone already: its connection (or HTTP/2 stream) is closed. */
        static boolean clientGone(ServerWebExchange exchange) {
            return REACTOR_NETTY && Netty.clientGone(exchange);
        }

        private static final class Netty {
            static void onEnd(ServerWebExchange exchange, Runnable action) {
                if (operations(exchange) instanceof reactor.netty.channel.ChannelOperations<?, ?> operations) {
                    // The exchange's own end, or its connection's close before it: Connection.onDispose waits
                    // for the close alone, and held every failed exchange of a kept-alive client until it left.
                    operations.onTerminate().subscribe(null, failed -> action.run(), action);
                }
            }

            static boolean clientGone(ServerWebExchange exchange) {
                return operations(exchange) instanceof reactor.netty.channel.ChannelOperations<?, ?> operations
                        && !operations.channel().isActive();
            }

            private static Object operations(ServerWebExchange exchange) {
                try {
                    return ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
                } catch (RuntimeException noNativeResponse) { // a decorator that hides it, a mock
                    return null;
                }
            }
        }
    }

    private static final int SWITCHING_PROTOCOLS = 101;

    /**
     * A WebSocket handshake the server accepted: Reactor Netty answers it {@code 101} itself, and the
     * response's status reads as its default, {@code 200}; a refused one has a status (or an error)
     * of its own.
     */
    private static boolean isWebSocketUpgrade(ServerWebExchange exchange) {
        return "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())
                && exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof WebSocketHandler;
    }

    private void complete(ServerWebExchange exchange, ServerWebExchangeRequestView request,
            HttpRequestContext context, Throwable error, boolean cancelled) {
        if (error != null && DisconnectedClientHelper.isClientDisconnectedException(error)) {
            // The client left (a reset HTTP/2 stream, a closed connection): cancelled, as the servlet filter has it.
            write(exchange, request, context, null, true);
            return;
        }
        if (error != null && !exchange.getResponse().isCommitted()) {
            // The error handlers, outside the filter chain, answer after this (Boot's, or the application's
            // ErrorWebExceptionHandler, with a status of their own): the event takes the status they send.
            // Once the status was sent (a stream that fails half-way), it is what the client got, and stays.
            exchange.getResponse().beforeCommit(() -> {
                write(exchange, request, context, error, false);
                return Mono.empty();
            });
            // A client gone while they run cancels them, and nothing is committed: then at the exchange's end.
            ExchangeEnd.onEnd(exchange, () -> write(exchange, request, context, error, true));
            return;
        }
        // An event stream the client closed: Reactor Netty cancels the handler and completes the exchange
        // normally, so only the closed connection tells (before it, the exchange completes on an open one).
        write(exchange, request, context, error, cancelled || error == null && ExchangeEnd.clientGone(exchange));
    }

    private void write(ServerWebExchange exchange, ServerWebExchangeRequestView request,
            HttpRequestContext context, Throwable error, boolean cancelled) {
        try {
            int code;
            if (error != null && !exchange.getResponse().isCommitted()) {
                code = HttpRequestLogging.statusOf(error); // a client gone before the error handlers answered
            } else if (cancelled && !exchange.getResponse().isCommitted()) {
                // Nothing was sent: on Reactor Netty the status reads 200 all the same, its default.
                code = HttpRequestLogging.CLIENT_CLOSED_REQUEST;
            } else {
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                code = status != null ? status.value() : 200;
                if (code == 200 && error == null && isWebSocketUpgrade(exchange)) {
                    code = SWITCHING_PROTOCOLS;
                }
            }
            Optional<AccessLogEvent> event = logging.complete(context, request, code, error, cancelled);
            // Enqueued at once; the Mono only reports acceptance, so it needs no subscriber.
            event.ifPresent(e -> accessLogger.bind(context.keyValues())
                    .log(e.level(), e.message(), e.error(), e.keyValues()));
        } catch (RuntimeException e) {
            // Logging must never change the outcome of the request.
        }
    }

    /**
     * One operator in place of {@code doOnSuccess}, {@code doOnError} and {@code doOnCancel}: writes
     * the access log event when the request's chain completes, fails or is cancelled, then passes
     * the signal on.
     */
    private static final class AccessLogAtEnd extends MonoOperator<Void, Void> {

        private final FapilogWebFilter filter;
        private final ServerWebExchange exchange;
        private final ServerWebExchangeRequestView request;
        private final HttpRequestContext context;

        private AccessLogAtEnd(Mono<Void> source, FapilogWebFilter filter, ServerWebExchange exchange,
                ServerWebExchangeRequestView request, HttpRequestContext context) {
            super(source);
            this.filter = filter;
            this.exchange = exchange;
            this.request = request;
            this.context = context;
        }

        static Mono<Void> watch(Mono<Void> source, FapilogWebFilter filter, ServerWebExchange exchange,
                ServerWebExchangeRequestView request, HttpRequestContext context) {
            return onAssembly(new AccessLogAtEnd(source, filter, exchange, request, context));
        }

        void ended(Throwable error, boolean cancelled) {
            filter.complete(exchange, request, context, error, cancelled);
        }

        @Override
        public void subscribe(CoreSubscriber<? super Void> actual) {
            source.subscribe(new EndSubscriber(actual, this));
        }

        private static final class EndSubscriber extends ForwardingSubscriber implements Subscription {

            private final AccessLogAtEnd end;
            private Subscription upstream;

            EndSubscriber(CoreSubscriber<? super Void> actual, AccessLogAtEnd end) {
                super(actual);
                this.end = end;
            }

            @Override
            public void onSubscribe(Subscription subscription) {
                if (Operators.validate(upstream, subscription)) {
                    upstream = subscription;
                    actual.onSubscribe(this);
                }
            }

            @Override
            public void onError(Throwable error) {
                end.ended(error, false);
                actual.onError(error);
            }

            @Override
            public void onComplete() {
                end.ended(null, false);
                actual.onComplete();
            }

            @Override
            public void request(long n) {
                upstream.request(n);
            }

            @Override
            public void cancel() {
                end.ended(null, true);
                upstream.cancel();
            }

            @Override
            public Object scanUnsafe(Attr key) {
                return key == Attr.PARENT ? upstream : super.scanUnsafe(key);
            }
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
