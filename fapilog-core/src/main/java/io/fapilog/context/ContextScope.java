package io.fapilog.context;

import io.fapilog.internal.context.ContextHolder;

import java.lang.ref.WeakReference;

/**
 * An open {@link ScopedContext}: closing it restores the fields that were current when it was
 * opened. Close it on the thread that opened it, in the reverse order of opening (try-with-resources
 * does both); closing twice does nothing.
 *
 * <p>Closed otherwise, it does no harm to other threads or scopes: closed on another thread (a
 * {@code whenComplete} of a future), it leaves that thread's fields alone (it would otherwise hand
 * them this scope's opener's, for every later task of a pooled thread), and a later close on its own
 * thread (the try-with-resources around it) still restores that thread's fields; closed while a scope opened
 * inside it is still open, it leaves the fields as they are until that one closes, which then
 * restores what was current before both.
 */
public final class ContextScope implements AutoCloseable {

    /** The innermost scope opened on this thread, through which a closing scope finds those inside it. */
    private static final ThreadLocal<ContextScope> INNERMOST = new ThreadLocal<>();

    private final Thread thread;
    private final Object[] pairs;
    private final Object[] previous;
    /**
     * The open scope whose fields were current when this one opened, if any. Weak: a scope nobody
     * holds any more (leaked, never closed) must not keep a chain of earlier requests' fields alive.
     */
    private final WeakReference<ContextScope> enclosing;
    /** Closed on any thread: the scopes around it pass over it. */
    private volatile boolean closed;
    /** Closed on its own thread, which alone restores its fields. */
    private boolean closedByOpener;

    private ContextScope(Thread thread, Object[] pairs, Object[] previous, ContextScope enclosing) {
        this.thread = thread;
        this.pairs = pairs;
        this.previous = previous;
        this.enclosing = enclosing == null ? null : new WeakReference<>(enclosing);
    }

    /** Makes {@code pairs} the current thread's fields until the returned scope is closed. */
    static ContextScope open(Object[] pairs) {
        Object[] previous = ContextHolder.current();
        ContextScope top = INNERMOST.get();
        // enclosed only by a scope whose fields are the current ones (an accessor may have replaced them) and
        // that its opener has not closed: one closed only on another thread still has its fields here
        ContextScope enclosing = top != null && !top.closedByOpener && top.pairs == previous ? top : null;
        ContextScope scope = new ContextScope(Thread.currentThread(), pairs, previous, enclosing);
        ContextHolder.set(pairs);
        INNERMOST.set(scope);
        return scope;
    }

    @Override
    public void close() {
        if (Thread.currentThread() != thread) {
            closed = true; // another thread's fields are not this scope's to restore; its opener's close still does
            return;
        }
        if (closedByOpener) {
            return;
        }
        closedByOpener = true;
        closed = true;
        ContextScope inner = INNERMOST.get();
        while (inner != null && inner != this && inner.closed) { // closed elsewhere or early: gone with this one
            inner = inner.enclosingScope();
        }
        if (inner != this) {
            return; // a scope opened inside this one is still open: restored when it closes
        }
        ContextScope open = enclosingScope();
        Object[] restored = previous;
        while (open != null && open.closed) { // enclosing scopes closed out of order go with this one
            restored = open.previous;
            open = open.enclosingScope();
        }
        ContextHolder.set(restored);
        INNERMOST.set(open);
    }

    private ContextScope enclosingScope() {
        return enclosing == null ? null : enclosing.get();
    }
}
