package io.fapilog;

import io.fapilog.internal.event.CallSnapshot;
import io.fapilog.spi.Redactor;

import java.util.Arrays;
import java.util.Map;

/** Conversions between the ways callers pass fields and the alternating array the engine carries. */
final class KeyValues {

    private KeyValues() {
    }

    /**
     * The map's entries as alternating keys and values. A map that another thread changes while it
     * is read is read again; if that fails too, its fields are replaced by {@code fields=***}, since
     * logging never throws into the caller.
     */
    static Object[] of(Map<String, ?> fields) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return pairs(fields);
            } catch (RuntimeException concurrentlyModified) {
                // read again
            }
        }
        return new Object[] {"fields", Redactor.MASK};
    }

    private static Object[] pairs(Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        Object[] pairs = new Object[fields.size() * 2];
        int i = 0;
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            if (i == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2); // grew meanwhile
            }
            pairs[i++] = entry.getKey();
            pairs[i++] = entry.getValue();
        }
        return i == pairs.length ? pairs : Arrays.copyOf(pairs, i);
    }

    /**
     * Appends {@code added} to a bound context: later keys replace earlier ones, a non-String key
     * becomes its string form, an odd trailing value is kept under {@code _unpaired}. The result is
     * never modified afterwards, so events may share it. Values are captured as at the call
     * ({@link CallSnapshot}).
     */
    static Object[] bind(Object[] context, Object[] added) {
        added = CallSnapshot.shared(added);
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
