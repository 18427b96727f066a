package io.fapilog.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An event's {@code context}, {@code diagnostics} or {@code data}: ordered key/value pairs with
 * unique, non-null String keys. A view is valid only while the stage it was handed to runs: keep
 * values, not the view.
 */
public interface FieldsView {

    /** Number of pairs. */
    int size();

    default boolean isEmpty() {
        return size() == 0;
    }

    /** The key of pair {@code index}, from 0 to {@code size() - 1}. */
    String key(int index);

    /** The value of pair {@code index} (may be null). */
    Object value(int index);

    /** Index of {@code key}, or -1. */
    default int indexOf(String key) {
        for (int i = 0, n = size(); i < n; i++) {
            if (key(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    default boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    /** The value of {@code key}, or null. */
    default Object get(String key) {
        int index = indexOf(key);
        return index < 0 ? null : value(index);
    }

    default void forEach(BiConsumer<String, Object> action) {
        for (int i = 0, n = size(); i < n; i++) {
            action.accept(key(i), value(i));
        }
    }

    /** A copy, in order. */
    default Map<String, Object> toMap() {
        Map<String, Object> copy = new LinkedHashMap<>();
        forEach(copy::put);
        return copy;
    }
}
