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

    /** Replaces the current thread's pairs; null or empty clears them. */
    public static void set(Object[] pairs) {
        if (pairs == null || pairs.length == 0) {
            CURRENT.remove();
        } else {
            CURRENT.set(pairs);
        }
    }
}
