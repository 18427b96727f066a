package io.fapilog.spring.context;

import io.fapilog.context.ScopedContext;

/**
 * A place in a Reactor {@code Context}, under {@link ScopedContextAccessor#KEY}, for a scoped context
 * known only later: written around a whole HTTP exchange before the request's context exists, filled
 * by the request filter, so that what runs outside the filter chain (WebFlux's error handlers) is
 * restored with the request's context too. Empty until filled.
 */
public final class ScopedContextSlot {

    private volatile ScopedContext value = ScopedContext.empty();

    public ScopedContext get() {
        return value;
    }

    public void set(ScopedContext value) {
        this.value = value;
    }
}
