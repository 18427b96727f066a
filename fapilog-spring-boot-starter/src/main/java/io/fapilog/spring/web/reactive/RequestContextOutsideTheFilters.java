package io.fapilog.spring.web.reactive;

import io.fapilog.spring.context.ScopedContextAccessor;
import io.fapilog.spring.context.ScopedContextSlot;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

import java.util.function.BooleanSupplier;

/**
 * Gives each HTTP exchange a {@link ScopedContextSlot} in its Reactor {@code Context}, which
 * {@link FapilogWebFilter} fills with the request's context: Reactor's automatic context propagation
 * then restores it in what runs outside the filter chain too, WebFlux's error handlers (Boot's
 * {@code AbstractErrorWebExceptionHandler} logs the failure it answers), where it restored no
 * context at all. Spring's own operators around the exchange restore it; this one only adds it to
 * the {@code Context} (a {@code contextWrite} would restore thread-locals on every signal once more).
 */
final class RequestContextOutsideTheFilters implements HttpHandlerDecoratorFactory {

    private final BooleanSupplier needed;

    /** {@code needed}: asked once, when the handler is built (a fapilog filter, and propagation on). */
    RequestContextOutsideTheFilters(BooleanSupplier needed) {
        this.needed = needed;
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        if (!needed.getAsBoolean()) {
            return handler;
        }
        return (request, response) -> new WithSlot(handler.handle(request, response));
    }

    private static final class WithSlot extends MonoOperator<Void, Void> {

        WithSlot(Mono<Void> source) {
            super(source);
        }

        @Override
        public void subscribe(CoreSubscriber<? super Void> actual) {
            source.subscribe(new SlotSubscriber(actual));
        }
    }

    private static final class SlotSubscriber extends ForwardingSubscriber {

        private final Context context;

        SlotSubscriber(CoreSubscriber<? super Void> actual) {
            super(actual);
            this.context = actual.currentContext().put(ScopedContextAccessor.KEY, new ScopedContextSlot());
        }

        @Override
        public Context currentContext() {
            return context;
        }
    }
}
