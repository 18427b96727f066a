package io.fapilog.spring.web.reactive;

import io.fapilog.spring.context.ScopedContextAccessor;
import io.fapilog.spring.context.ScopedContextSlot;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;

/**
 * Gives each HTTP exchange a {@link ScopedContextSlot} in its Reactor {@code Context}, which
 * {@link FapilogWebFilter} fills with the request's context: Reactor's automatic context propagation
 * then restores it in what runs outside the filter chain too, WebFlux's error handlers (Boot's
 * {@code AbstractErrorWebExceptionHandler} logs the failure it answers), where it restored no
 * context at all.
 */
final class RequestContextOutsideTheFilters implements HttpHandlerDecoratorFactory {

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> handler.handle(request, response)
                .contextWrite(context -> context.put(ScopedContextAccessor.KEY, new ScopedContextSlot()));
    }
}
