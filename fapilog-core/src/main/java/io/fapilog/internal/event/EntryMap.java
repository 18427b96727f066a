package io.fapilog.internal.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A map as the entries it was given, in order, none merged: its keys are never hashed or compared.
 * A logged map's copy: a key's {@code hashCode()} may throw (an entity's lazy field), look its host
 * up (a {@code URL}), or tell two keys apart that {@code equals} would merge (an {@code IdentityHashMap}'s),
 * and a copy must write every entry the caller's map held. Lookups by key are linear; nothing in the
 * pipeline makes them.
 */
public class EntryMap extends AbstractMap<Object, Object> {

    private final ArrayList<Entry> entries;

    public EntryMap() {
        this(8);
    }

    EntryMap(int capacity) {
        entries = new ArrayList<>(capacity);
    }

    /** A copy of {@code map}'s entries, in its order. */
    public static EntryMap copyOf(Map<?, ?> map) {
        EntryMap copy = new EntryMap(map.size());
        map.forEach(copy::add);
        return copy;
    }

    /** Appends an entry, whether or not an equal key is there already. */
    public void add(Object key, Object value) {
        entries.add(new Entry(key, value));
    }

    /** Replaces the key and value of the entry at {@code index}, keeping its place. */
    public void replace(int index, Object key, Object value) {
        Entry entry = entries.get(index);
        entry.key = key;
        entry.value = value;
    }

    /** Whether the last entry is {@code key} and (the very object) {@code value}. */
    public boolean endsWith(Object key, Object value) {
        if (entries.isEmpty()) {
            return false;
        }
        Entry last = entries.get(entries.size() - 1);
        return last.value == value && key.equals(last.key);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Object, Object>> iterator() {
                Iterator<Entry> it = entries.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Map.Entry<Object, Object> next() {
                        return it.next();
                    }
                };
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }

    private static final class Entry implements Map.Entry<Object, Object> {
        private Object key;
        private Object value;

        Entry(Object key, Object value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public Object getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public Object setValue(Object value) {
            Object old = this.value;
            this.value = value;
            return old;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Map.Entry<?, ?> that && java.util.Objects.equals(key, that.getKey())
                    && java.util.Objects.equals(value, that.getValue());
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(key) ^ java.util.Objects.hashCode(value);
        }
    }
}
