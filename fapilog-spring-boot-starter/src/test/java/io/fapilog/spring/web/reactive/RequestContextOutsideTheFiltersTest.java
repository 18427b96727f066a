package io.fapilog.spring.web.reactive;

import io.fapilog.spring.context.ScopedContextAccessor;
import io.fapilog.spring.context.ScopedContextSlot;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The exchange's slot: added where it is needed, a slot of its own per exchange, and nothing otherwise. */
class RequestContextOutsideTheFiltersTest {

    private final AtomicReference<Object> seen = new AtomicReference<>();
    private final HttpHandler handler = (request, response) -> Mono.deferContextual(context -> {
        seen.set(context.getOrDefault(ScopedContextAccessor.KEY, null));
        return Mono.empty();
    });

    @Test
    void eachExchangeGetsAnEmptySlotOfItsOwn() {
        HttpHandler decorated = new RequestContextOutsideTheFilters(() -> true).apply(handler);

        decorated.handle(MockServerHttpRequest.get("/a").build(), new MockServerHttpResponse()).block(Duration.ofSeconds(5));
        Object first = seen.get();
        decorated.handle(MockServerHttpRequest.get("/b").build(), new MockServerHttpResponse()).block(Duration.ofSeconds(5));

        assertThat(first).isInstanceOf(ScopedContextSlot.class);
        assertThat(((ScopedContextSlot) first).get().isEmpty()).isTrue();
        assertThat(seen.get()).isInstanceOf(ScopedContextSlot.class).isNotSameAs(first);
    }

    /** Without fapilog's filter or with context propagation off, the handler is left as it is: no cost per exchange. */
    @Test
    void notNeededLeavesTheHandlerAlone() {
        assertThat(new RequestContextOutsideTheFilters(() -> false).apply(handler)).isSameAs(handler);
    }
}
