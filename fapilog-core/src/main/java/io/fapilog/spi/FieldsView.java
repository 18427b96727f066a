package io.fapilog.spi;

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
    int indexOf(String key);

    default boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    /** The value of {@code key}, or null. */
    Object get(String key);

    void forEach(BiConsumer<String, Object> action);

    /** A copy, in order. */
    Map<String, Object> toMap();
}
