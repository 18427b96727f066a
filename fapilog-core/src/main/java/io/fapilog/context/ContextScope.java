package io.fapilog.context;

import io.fapilog.internal.context.ContextHolder;

/**
 * An open {@link ScopedContext}: closing it restores the fields that were current when it was
 * opened. Close it on the thread that opened it, in the reverse order of opening (try-with-resources
 * does both); closing twice does nothing.
 *
 * <p>Closed otherwise, it does no harm to other threads or scopes: closed on another thread (a
 * {@code whenComplete} of a future), it leaves that thread's fields alone (it would otherwise hand
 * them this scope's opener's, for every later task of a pooled thread); closed while a scope opened
 * inside it is still open, it leaves the fields as they are until that one closes, which then
 * restores what was current before both.
 */
public final class ContextScope implements AutoCloseable {

    /** The innermost scope open on this thread, through which a closing scope finds the open ones. */
    private static final ThreadLocal<ContextScope> INNERMOST = new ThreadLocal<>();

    private final Thread thread;
    private final Object[] previous;
    private final ContextScope enclosing;
    private volatile boolean closed;

    private ContextScope(Thread thread, Object[] previous, ContextScope enclosing) {
        this.thread = thread;
        this.previous = previous;
        this.enclosing = enclosing;
    }

    /** Makes {@code pairs} the current thread's fields until the returned scope is closed. */
    static ContextScope open(Object[] pairs) {
        ContextScope scope = new ContextScope(Thread.currentThread(), ContextHolder.current(), INNERMOST.get());
        ContextHolder.set(pairs);
        INNERMOST.set(scope);
        return scope;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != thread) {
            return; // another thread's fields are not this scope's to restore
        }
        ContextScope inner = INNERMOST.get();
        while (inner != null && inner != this && inner.closed) { // closed elsewhere: gone with this one
            inner = inner.enclosing;
        }
        if (inner != this) {
            return; // a scope opened inside this one is still open: restored when it closes
        }
        ContextScope open = enclosing;
        Object[] restored = previous;
        while (open != null && open.closed) { // enclosing scopes closed out of order go with this one
            restored = open.previous;
            open = open.enclosing;
        }
        ContextHolder.set(restored);
        INNERMOST.set(open);
    }
}
