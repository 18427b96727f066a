package io.fapilog;

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
     * never modified afterwards, so events may share it. Values are captured as at the call
     * ({@link io.fapilog.internal.event.CallSnapshot}).
     */
    static Object[] bind(Object[] context, Object[] added) {
        added = io.fapilog.internal.event.CallSnapshot.shared(added);
        java.util.LinkedHashMap<String, Object> merged = new java.util.LinkedHashMap<>();
        if (context != null) {
            for (int i = 0; i + 1 < context.length; i += 2) {
                merged.put((String) context[i], context[i + 1]);
            }
        }
        if (added != null) {
            for (int i = 0; i + 1 < added.length; i += 2) {
                merged.put(String.valueOf(added[i]), added[i + 1]);
            }
            if (added.length % 2 != 0) {
                merged.put(io.fapilog.internal.event.LogEvent.UNPAIRED_VALUE_KEY, added[added.length - 1]);
            }
        }
        return of(merged);
    }
}
