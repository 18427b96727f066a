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

    private final ArrayList<Map.Entry<Object, Object>> entries;

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

    /** Entries a {@linkplain #cut cut copy} left out, when known; -1 otherwise. */
    private int leftOut = -1;

    /**
     * A copy of the first {@code count} entries of {@code map}, ending with the marker of a cut copy,
     * {@code "…": "…[more]"} ({@link CallSnapshot#isCut}), that knows how many it left out
     * ({@link CallSnapshot#remaining}) when {@code map} is no cut copy itself.
     */
    public static EntryMap cut(Map<?, ?> map, int count) {
        EntryMap copy = new EntryMap(count + 1);
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        for (int i = 0; i < count && it.hasNext(); i++) {
            Map.Entry<?, ?> entry = it.next();
            copy.add(entry.getKey(), entry.getValue());
        }
        copy.add("…", CallSnapshot.MORE);
        copy.leftOut = CallSnapshot.isCut(map) ? -1 : Math.max(0, map.size() - count);
        return copy;
    }

    int leftOut() {
        return leftOut;
    }

    /** Appends an entry, whether or not an equal key is there already. */
    public void add(Object key, Object value) {
        entries.add(new SimpleEntry<>(key, value));
    }

    /** Replaces the key and value of the entry at {@code index}, keeping its place. */
    public void replace(int index, Object key, Object value) {
        entries.set(index, new SimpleEntry<>(key, value));
    }

    /** Whether the last entry is {@code key} and (the very object) {@code value}. */
    public boolean endsWith(Object key, Object value) {
        if (entries.isEmpty()) {
            return false;
        }
        Map.Entry<Object, Object> last = entries.get(entries.size() - 1);
        return last.getValue() == value && key.equals(last.getKey());
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
                return entries.iterator();
            }

            @Override
            public int size() {
                return entries.size();
            }
        };
    }
}
