package io.fapilog.context;

import io.fapilog.internal.context.ContextHolder;
import io.fapilog.internal.context.ContextPairs;
import io.fapilog.internal.event.CallSnapshot;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Fields that every event logged on this thread carries in {@code context}, from fapilog loggers and
 * bridged SLF4J loggers alike, while a {@link ContextScope} is open:
 *
 * <pre>{@code
 * try (ContextScope scope = Fapilog.withContext("job_id", job.id())) {
 *     process(job);   // every event logged in here has context.job_id
 * }
 * }</pre>
 *
 * <p>Scopes nest: an inner scope adds to (and may replace) the outer one's fields, and closing it
 * restores the outer ones exactly. The context is read on the logging thread at call time; it is a
 * plain thread-local, so it works on platform and virtual threads alike and does not follow work
 * to other threads by itself: hand a {@link #current() snapshot} over with {@link #wrap(Runnable)}
 * or {@link #makeCurrent()}. In WebFlux the Spring starter carries it through the Reactor
 * {@code Context}.
 *
 * <p>A value is immutable; an empty one costs nothing to capture.
 */
public final class ScopedContext {

    private static final ScopedContext EMPTY = new ScopedContext(null);

    private final Object[] pairs;

    private ScopedContext(Object[] pairs) {
        this.pairs = pairs;
    }

    /** The current thread's context (empty when no scope is open). */
    public static ScopedContext current() {
        Object[] pairs = ContextHolder.current();
        return pairs == null ? EMPTY : new ScopedContext(pairs);
    }

    /** The empty context. */
    public static ScopedContext empty() {
        return EMPTY;
    }

    /**
     * Opens a scope with the current fields plus these alternating key/value pairs (later keys win);
     * close it, on this thread, to restore the previous fields.
     */
    public static ContextScope open(Object... keyValues) {
        return current().with(keyValues).makeCurrent();
    }

    /** Opens a scope with the current fields plus {@code fields} (insertion order kept). */
    public static ContextScope open(Map<String, ?> fields) {
        return current().with(fields).makeCurrent();
    }

    /**
     * This context plus these pairs (later keys win); this one is unchanged. Mutable values are
     * captured as they are now, as a logger's {@code bind} does.
     */
    public ScopedContext with(Object... keyValues) {
        Object[] merged = ContextPairs.merge(pairs, CallSnapshot.shared(keyValues));
        return merged == pairs ? this : new ScopedContext(merged);
    }

    /** This context plus {@code fields}; this one is unchanged. */
    public ScopedContext with(Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            return this;
        }
        Object[] added = new Object[fields.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            added[i++] = entry.getKey();
            added[i++] = entry.getValue();
        }
        return with(added);
    }

    /**
     * Makes this context the current thread's until the returned scope is closed, which restores
     * whatever was current before (for handing a snapshot to another thread).
     */
    public ContextScope makeCurrent() {
        return ContextScope.open(pairs);
    }

    /**
     * Makes this context the current thread's, with no scope to close: for a context-propagation
     * accessor, which sets a value around a task or a Reactor signal and puts the previous one back
     * itself, many times a request. Application code opens a scope instead ({@link #makeCurrent()}).
     */
    public void setCurrent() {
        ContextHolder.set(pairs);
    }

    /** {@code task} running with this context current, whatever thread runs it. */
    public Runnable wrap(Runnable task) {
        return () -> {
            try (ContextScope ignored = makeCurrent()) {
                task.run();
            }
        };
    }

    /** {@code task} running with this context current, whatever thread runs it. */
    public <T> Callable<T> wrap(Callable<T> task) {
        return () -> {
            try (ContextScope ignored = makeCurrent()) {
                return task.call();
            }
        };
    }

    public boolean isEmpty() {
        return pairs == null;
    }

    /** The value of {@code key}, or null. */
    public Object get(String key) {
        if (pairs != null) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i].equals(key)) {
                    return pairs[i + 1];
                }
            }
        }
        return null;
    }

    /** The fields in order, as an unmodifiable copy. */
    public Map<String, Object> asMap() {
        if (pairs == null) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopedContext that && Arrays.equals(pairs, that.pairs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pairs);
    }

    @Override
    public String toString() {
        return "ScopedContext" + asMap();
    }
}
