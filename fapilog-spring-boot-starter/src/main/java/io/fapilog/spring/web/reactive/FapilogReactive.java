package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.Logger;
import io.fapilog.context.ScopedContext;
import io.fapilog.spring.context.ScopedContextAccessor;
import io.fapilog.spring.context.ScopedContextSlot;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import java.util.Optional;

/**
 * The request's logger and context from the Reactor {@code Context}, for code below the controller
 * (services, repositories) that has no exchange at hand. With context propagation on (the default,
 * {@code fapilog.request-logging.propagate-context}) any logger called inside the chain carries the
 * request's context anyway, on whatever thread it runs. {@link FapilogWebFilter} writes them into
 * the context of every request's chain.
 *
 * <pre>{@code
 * Mono<Order> charge(Order order) {
 *     return FapilogReactive.logger()
 *             .flatMap(log -> log.info("Charging order", "order_id", order.id()))
 *             .then(gateway.charge(order));
 * }
 * }</pre>
 */
public final class FapilogReactive {

    /** Key of the request's {@link AsyncLogger} in the Reactor context. */
    public static final String LOGGER_KEY = FapilogWebAttributes.LOGGER;

    /** Key of the request's {@link HttpRequestContext} in the Reactor context. */
    public static final String REQUEST_CONTEXT_KEY = FapilogWebAttributes.REQUEST_CONTEXT;

    private static final boolean CONTEXT_PROPAGATION_PRESENT =
            ClassUtils.isPresent("io.micrometer.context.ContextRegistry", FapilogReactive.class.getClassLoader());

    private FapilogReactive() {
    }

    /** The request's logger (ASYNC, bound to the request's context); empty outside a request. */
    public static Mono<AsyncLogger> logger() {
        return Mono.deferContextual(context -> Mono.justOrEmpty(logger(context)));
    }

    /** The request's logger through the synchronous API (BOUND_LOOP); empty outside a request. */
    public static Mono<Logger> syncLogger() {
        return logger().map(AsyncLogger::toLogger);
    }

    /** The request's id, method, path and trace ids; empty outside a request. */
    public static Mono<HttpRequestContext> requestContext() {
        return Mono.deferContextual(context -> Mono.justOrEmpty(requestContext(context)));
    }

    /** The request's logger in {@code context}, for use inside {@code deferContextual}. */
    public static Optional<AsyncLogger> logger(ContextView context) {
        return context.getOrEmpty(LOGGER_KEY);
    }

    /** The request's context in {@code context}, for use inside {@code deferContextual}. */
    public static Optional<HttpRequestContext> requestContext(ContextView context) {
        return context.getOrEmpty(REQUEST_CONTEXT_KEY);
    }

    /**
     * {@code context} with the request's context and logger added (what the filter writes), and,
     * with Micrometer's context-propagation library present, the request's fields as fapilog's
     * scoped context under {@link ScopedContextAccessor#KEY}, which Reactor's automatic context
     * propagation restores on every thread of the chain (without the library nothing reads it, and
     * every entry makes each later {@code Context.put} of the chain dearer).
     */
    public static Context with(Context context, HttpRequestContext request, AsyncLogger logger) {
        return with(context, request, logger, CONTEXT_PROPAGATION_PRESENT);
    }

    static Context with(Context context, HttpRequestContext request, AsyncLogger logger, boolean scopedContext) {
        Context added = context.put(REQUEST_CONTEXT_KEY, request).put(LOGGER_KEY, logger);
        if (!scopedContext) {
            return added;
        }
        Object outer = context.getOrDefault(ScopedContextAccessor.KEY, null);
        ScopedContext scoped = request.scopedContext(outer instanceof ScopedContext given ? given : ScopedContext.empty());
        if (outer instanceof ScopedContextSlot slot) { // the exchange's, outside the filter chain: its error handlers see it
            slot.set(scoped);
        }
        return added.put(ScopedContextAccessor.KEY, scoped);
    }
}
