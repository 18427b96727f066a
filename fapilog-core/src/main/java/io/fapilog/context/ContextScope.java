package io.fapilog.context;

import io.fapilog.internal.context.ContextHolder;

/**
 * An open {@link ScopedContext}: closing it restores the fields that were current when it was
 * opened. Close it on the thread that opened it, in the reverse order of opening (try-with-resources
 * does both); closing twice does nothing.
 */
public final class ContextScope implements AutoCloseable {

    private final Object[] previous;
    private boolean closed;

    ContextScope(Object[] previous) {
        this.previous = previous;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ContextHolder.set(previous);
        }
    }
}
