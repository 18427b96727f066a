package io.fapilog;

import io.fapilog.internal.context.ContextPairs;

import java.util.Map;

/** Conversions between the ways callers pass fields and the alternating array the engine carries. */
final class KeyValues {

    private KeyValues() {
    }

    static Object[] of(Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        Object[] pairs = new Object[fields.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            pairs[i++] = entry.getKey();
            pairs[i++] = entry.getValue();
        }
        return pairs;
    }

    /**
     * Appends {@code added} to a bound context: later keys replace earlier ones, a non-String key
     * becomes its string form, an odd trailing value is kept under {@code _unpaired}. The result is
     * never modified afterwards, so events may share it.
     */
    static Object[] bind(Object[] context, Object[] added) {
        return ContextPairs.merge(context, added);
    }
}
