package io.fapilog.internal.context;

/**
 * The scoped context of the current thread: a context array (see {@link ContextPairs}) or null.
 * Plain {@link ThreadLocal}: one read per log call, and correct on virtual threads.
 */
public final class ContextHolder {

    private static final ThreadLocal<Object[]> CURRENT = new ThreadLocal<>();

    private ContextHolder() {
    }

    /** The current thread's pairs, or null when it has none. */
    public static Object[] current() {
        return CURRENT.get();
    }

    /**
     * Replaces the current thread's pairs; null or empty clears them. Clearing keeps the thread's
     * entry (set to null) rather than removing it: a thread that opens and closes a scope per task,
     * such as a WebFlux event loop per request, would otherwise remove the entry at every close and
     * allocate it anew at the next read or open.
     */
    public static void set(Object[] pairs) {
        CURRENT.set(pairs == null || pairs.length == 0 ? null : pairs);
    }
}
