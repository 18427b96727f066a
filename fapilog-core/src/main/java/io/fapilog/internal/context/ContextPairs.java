package io.fapilog.internal.context;

import io.fapilog.internal.encoding.Failures;

import io.fapilog.internal.event.LogEvent;

import java.util.Arrays;

/**
 * Operations on context arrays: alternating {@code String} keys and values, keys unique, never
 * modified once published (events and threads share them).
 */
public final class ContextPairs {

    private ContextPairs() {
    }

    /**
     * {@code base} followed by the caller's {@code added} pairs: later keys replace earlier ones in
     * place, a non-String key becomes its string form, an odd trailing value is kept under
     * {@code _unpaired}. Returns {@code base} itself when nothing is added, null when both are empty.
     */
    public static Object[] merge(Object[] base, Object[] added) {
        if (added == null || added.length == 0) {
            return base == null || base.length == 0 ? null : base;
        }
        int baseLength = base == null ? 0 : base.length;
        // Exact when no key repeats (the usual case), so only a replaced key costs a second copy.
        Object[] merged = new Object[baseLength + added.length + added.length % 2];
        if (baseLength > 0) {
            System.arraycopy(base, 0, merged, 0, baseLength);
        }
        int size = baseLength;
        int pairs = added.length / 2;
        for (int i = 0; i < pairs; i++) {
            Object key = added[i * 2];
            size = put(merged, size, key instanceof String name ? name : Failures.safeToString(key), added[i * 2 + 1]);
        }
        if (added.length % 2 != 0) {
            size = put(merged, size, LogEvent.UNPAIRED_VALUE_KEY, added[added.length - 1]);
        }
        return size == 0 ? null : size == merged.length ? merged : Arrays.copyOf(merged, size);
    }

    /**
     * Two well-formed context arrays as one, {@code later}'s keys winning; either may be null.
     * Shares an argument when the other is empty.
     */
    public static Object[] overlay(Object[] earlier, Object[] later) {
        if (later == null || later.length == 0) {
            return earlier;
        }
        if (earlier == null || earlier.length == 0) {
            return later;
        }
        return merge(earlier, later);
    }

    private static int put(Object[] pairs, int size, String key, Object value) {
        for (int i = 0; i < size; i += 2) {
            if (key.equals(pairs[i])) {
                pairs[i + 1] = value;
                return size;
            }
        }
        pairs[size] = key;
        pairs[size + 1] = value;
        return size + 2;
    }
}
