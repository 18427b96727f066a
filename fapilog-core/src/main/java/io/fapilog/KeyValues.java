package io.fapilog;

import io.fapilog.internal.context.ContextPairs;
import io.fapilog.internal.encoding.Failures;
import io.fapilog.internal.event.CallSnapshot;

import java.util.Map;

/** Conversions between the ways callers pass fields and the alternating array the engine carries. */
final class KeyValues {

    private KeyValues() {
    }

    /** Key of the one pair left when a map could not be copied (mutated by another thread all along). */
    static final String FIELDS_ERROR_KEY = "_fields_error";

    /**
     * The map's entries as pairs. Runs on the caller's thread, so it never throws: a map another
     * thread mutates meanwhile is copied again, and after three failures replaced by one
     * {@code _fields_error} pair naming the failure (an {@code Error} of the map's own too, such as a
     * lazy map's missing class; only the JVM's own go through).
     */
    static Object[] of(Map<String, ?> fields) {
        Throwable failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return copy(fields);
            } catch (Throwable e) { // ConcurrentModificationException, a grown map, a broken one
                Failures.rethrowIfFatal(e);
                failure = e;
            }
        }
        return new Object[] {FIELDS_ERROR_KEY, failure.getClass().getName()};
    }

    private static Object[] copy(Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        Object[] pairs = new Object[fields.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            if (i == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[i++] = entry.getKey();
            pairs[i++] = entry.getValue();
        }
        return i == pairs.length ? pairs : java.util.Arrays.copyOf(pairs, i);
    }

    /**
     * Appends {@code added} to a bound context: later keys replace earlier ones, a non-String key
     * becomes its string form, an odd trailing value is kept under {@code _unpaired}. The result is
     * never modified afterwards, so events may share it. Values are captured as at the call
     * ({@link CallSnapshot}).
     */
    static Object[] bind(Object[] context, Object[] added) {
        return ContextPairs.merge(context, CallSnapshot.shared(added));
    }
}
