package io.fapilog.spring.context;

import io.fapilog.context.ScopedContext;
import io.micrometer.context.ThreadLocalAccessor;

/**
 * Lets Micrometer's context-propagation library (and so Reactor's automatic context propagation)
 * carry fapilog's {@link ScopedContext} from the Reactor {@code Context} to whatever thread runs the
 * chain. Registered through {@code META-INF/services}; the WebFlux request filter writes the request's
 * context under {@link #KEY}. A {@link ScopedContextSlot} there stands for the context it holds.
 */
public final class ScopedContextAccessor implements ThreadLocalAccessor<Object> {

    /**
     * The key of the scoped context in the Reactor {@code Context}: inside a WebFlux request's filter
     * chain a {@link ScopedContext}, around the whole exchange (what runs outside the chain, its error
     * handlers) a {@link ScopedContextSlot}; {@link #scoped(Object)} reads either.
     */
    public static final String KEY = "io.fapilog.context.ScopedContext";

    @Override
    public Object key() {
        return KEY;
    }

    @Override
    public ScopedContext getValue() {
        ScopedContext current = ScopedContext.current();
        return current.isEmpty() ? null : current;
    }

    @Override
    public void setValue(Object value) {
        scoped(value).setCurrent(); // the previous value comes back through restore()
    }

    /** Makes {@code value} current, as {@link #setValue(Object)} does. */
    public void setValue(ScopedContext value) {
        value.setCurrent();
    }

    /** Makes {@code previousValue} current again, as {@link #restore(Object)} does. */
    public void restore(ScopedContext previousValue) {
        previousValue.setCurrent();
    }

    @Override
    public void setValue() {
        ScopedContext.empty().setCurrent();
    }

    @Override
    public void restore(Object previousValue) {
        scoped(previousValue).setCurrent();
    }

    /** The scoped context {@code value} is or holds. */
    public static ScopedContext scoped(Object value) {
        return value instanceof ScopedContextSlot slot ? slot.get() : (ScopedContext) value;
    }
}
