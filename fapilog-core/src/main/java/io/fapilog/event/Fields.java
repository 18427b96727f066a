package io.fapilog.event;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An ordered, mutable list of key/value pairs, used for an event's {@code context},
 * {@code diagnostics} and {@code data}. Keys are unique non-null strings.
 *
 * <p>Cheaper than a map for the handful of fields a log event carries. A {@code Fields} created
 * with {@link #sharing(Object[], int)} reads the given array until the first write, then copies it:
 * a logger's bound context is shared by all of its events this way. Not thread-safe: an event is
 * owned by one worker at a time.
 */
public final class Fields {

    private static final Object[] EMPTY = new Object[0];

    private Object[] pairs;
    private int size;
    private boolean shared;

    public Fields() {
        this.pairs = EMPTY;
    }

    public Fields(int expectedSize) {
        this.pairs = expectedSize == 0 ? EMPTY : new Object[expectedSize * 2];
    }

    private Fields(Object[] pairs, int size, boolean shared) {
        this.pairs = pairs;
        this.size = size;
        this.shared = shared;
    }

    /**
     * Fields that read {@code pairs} (alternating {@code String} key, value; keys unique) without
     * copying it until the first modification.
     */
    public static Fields sharing(Object[] pairs, int size) {
        return new Fields(pairs, size, true);
    }

    /** Number of pairs. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public String key(int index) {
        return (String) pairs[checkIndex(index) * 2];
    }

    public Object value(int index) {
        return pairs[checkIndex(index) * 2 + 1];
    }

    /** Index of {@code key}, or -1. */
    public int indexOf(String key) {
        for (int i = 0; i < size; i++) {
            if (key.equals(pairs[i * 2])) {
                return i;
            }
        }
        return -1;
    }

    public boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    /** Value of {@code key}, or null. */
    public Object get(String key) {
        int i = indexOf(key);
        return i < 0 ? null : pairs[i * 2 + 1];
    }

    /** Sets {@code key} to {@code value}, replacing an existing value in place or appending. */
    public Fields put(String key, Object value) {
        int i = indexOf(key);
        if (i >= 0) {
            setValue(i, value);
        } else {
            ensureWritable(size + 1);
            pairs[size * 2] = key;
            pairs[size * 2 + 1] = value;
            size++;
        }
        return this;
    }

    /**
     * Appends a pair without looking for an existing {@code key}: for enrichers that checked the
     * fields were empty, since duplicate keys would make invalid JSON.
     */
    public Fields append(String key, Object value) {
        ensureWritable(size + 1);
        pairs[size * 2] = key;
        pairs[size * 2 + 1] = value;
        size++;
        return this;
    }

    /** Sets {@code key} only when it is absent. */
    public Fields putIfAbsent(String key, Object value) {
        if (indexOf(key) < 0) {
            put(key, value);
        }
        return this;
    }

    public void setValue(int index, Object value) {
        checkIndex(index);
        ensureWritable(size);
        pairs[index * 2 + 1] = value;
    }

    /** Removes {@code key}; returns whether it was present. */
    public boolean remove(String key) {
        int i = indexOf(key);
        if (i < 0) {
            return false;
        }
        ensureWritable(size);
        System.arraycopy(pairs, (i + 1) * 2, pairs, i * 2, (size - i - 1) * 2);
        size--;
        pairs[size * 2] = null;
        pairs[size * 2 + 1] = null;
        return true;
    }

    public void forEach(BiConsumer<String, Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept((String) pairs[i * 2], pairs[i * 2 + 1]);
        }
    }

    /** A copy as an insertion-ordered map. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(size * 2);
        forEach(map::put);
        return map;
    }

    private void ensureWritable(int requiredSize) {
        if (shared || requiredSize * 2 > pairs.length) {
            int capacity = Math.max(requiredSize * 2, Math.max(8, pairs.length * (shared ? 1 : 2)));
            pairs = Arrays.copyOf(pairs, capacity);
            shared = false;
        }
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        return index;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
