package io.fapilog.internal.event;

import io.fapilog.spi.MutableFields;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An ordered, mutable list of key/value pairs, used for an event's {@code context},
 * {@code diagnostics} and {@code data}. Keys are unique non-null strings.
 *
 * <p>Cheaper than a map for the handful of fields a log event carries. A {@code Fields} created
 * with {@link #reuse(Object[], int)} reads the given array until the first write, then copies it:
 * a logger's bound context is shared by all of its events this way. Not thread-safe: an event is
 * owned by one worker at a time.
 */
public final class Fields implements MutableFields {

    private static final Object[] EMPTY = new Object[0];

    private Object[] pairs;
    private int size;
    private boolean shared;
    // This instance's own buffer, kept across reuse() so that a worker's scratch fields stop allocating.
    private Object[] own = EMPTY;

    public Fields() {
        this.pairs = EMPTY;
    }

    public Fields(int expectedSize) {
        this.pairs = expectedSize == 0 ? EMPTY : new Object[expectedSize * 2];
        this.own = pairs;
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
        int i = indexOf(requireKey(key));
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

    private static String requireKey(String key) {
        if (key == null) {
            throw new NullPointerException("a field's key must not be null (a JSON member needs a name)");
        }
        return key;
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
        if (indexOf(requireKey(key)) < 0) {
            put(key, value);
        }
        return this;
    }

    public void setValue(int index, Object value) {
        checkIndex(index);
        ensureWritable(size);
        pairs[index * 2 + 1] = value;
    }

    /** Renames pair {@code index} in place (a redactor's masked key), keeping its value and position. */
    public void setKey(int index, String key) {
        checkIndex(index);
        ensureWritable(size);
        pairs[index * 2] = key;
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

    /**
     * Makes this instance read {@code shared} (or nothing, when null) as if newly created, keeping
     * its own buffer for later writes. For a worker that lends the same instances to event after
     * event.
     */
    public void reuse(Object[] shared, int size) {
        if (!this.shared) {
            Arrays.fill(own, 0, Math.min(own.length, this.size * 2), null);
        }
        if (shared == null) {
            this.pairs = own;
            this.size = 0;
            this.shared = false;
        } else {
            this.pairs = shared;
            this.size = size;
            this.shared = true;
        }
    }

    private void ensureWritable(int requiredSize) {
        if (shared) {
            int capacity = Math.max(8, requiredSize * 2);
            Object[] target = own.length >= capacity ? own : new Object[Math.max(capacity, own.length * 2)];
            System.arraycopy(pairs, 0, target, 0, size * 2);
            pairs = target;
            own = target;
            shared = false;
        } else if (requiredSize * 2 > pairs.length) {
            pairs = Arrays.copyOf(pairs, Math.max(8, Math.max(requiredSize * 2, pairs.length * 2)));
            own = pairs;
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
