package io.fapilog.internal.pipeline.redactors;

import io.fapilog.spi.Redactor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copy-on-write masking of a value and of the maps, collections and object arrays nested in it:
 * the value under a sensitive key becomes {@link Redactor#MASK}, strings go through the
 * {@link ValueMasker}. The caller's objects are never modified: a structure with something to
 * mask is returned as a masked copy ({@link LinkedHashMap} for a map, {@link ArrayList} for a
 * collection or an array), and a structure with nothing to mask is returned itself, shared.
 *
 * <p>Bounded whatever the input: a reference back to an enclosing structure (a cycle) is replaced
 * by {@value #CYCLE}, and a structure nested deeper than {@value #MAX_DEPTH} levels, or past
 * {@value #MAX_STRUCTURES} structures in one value, by {@link Redactor#MASK}, since what is not
 * inspected cannot be written safely. A scalar value costs no allocation.
 */
final class StructureWalker {

    static final String CYCLE = "[cycle]";
    static final int MAX_DEPTH = 64;
    static final int MAX_STRUCTURES = 10_000;

    private final FieldNames names;
    private final ValueMasker values;

    StructureWalker(FieldNames names, ValueMasker values) {
        this.names = names;
        this.values = values;
    }

    /** The value to write for {@code key}: {@code value} itself when nothing in it is sensitive. */
    Object redact(String key, Object value) {
        return entry(key, value, null);
    }

    private Object entry(Object key, Object value, Path path) {
        return key instanceof String name && names.contains(name) ? Redactor.MASK : walk(value, path);
    }

    private Object walk(Object value, Path path) {
        if (value instanceof String string) {
            return values.mask(string);
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
            Path current = path == null ? new Path() : path;
            Object replacement = current.enter(value);
            if (replacement != null) {
                return replacement;
            }
            try {
                if (value instanceof Map<?, ?> map) {
                    return map(map, current);
                }
                return value instanceof Collection<?> items ? collection(items, current) : array((Object[]) value, current);
            } finally {
                current.leave();
            }
        }
        if (value instanceof CharSequence chars && values != ValueMasker.NONE) {
            String string = chars.toString();
            String masked = values.mask(string);
            return masked == string ? value : masked;
        }
        return value;
    }

    private Object map(Map<?, ?> map, Path path) {
        Map<Object, Object> copy = null;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object value = entry.getValue();
            Object masked = entry(entry.getKey(), value, path);
            if (masked != value) {
                if (copy == null) {
                    copy = new LinkedHashMap<>(map);
                }
                copy.put(entry.getKey(), masked);
            }
        }
        return copy == null ? map : copy;
    }

    private Object collection(Collection<?> items, Path path) {
        List<Object> copy = null;
        int index = 0;
        for (Object item : items) {
            Object masked = walk(item, path);
            if (masked != item) {
                if (copy == null) {
                    copy = new ArrayList<>(items);
                }
                copy.set(index, masked);
            }
            index++;
        }
        return copy == null ? items : copy;
    }

    private Object array(Object[] items, Path path) {
        List<Object> view = Arrays.asList(items);
        Object masked = collection(view, path);
        return masked == view ? items : masked;
    }

    /** The structures enclosing the one being walked (an identity set), and how many were entered. */
    private static final class Path {

        private Object[] stack = new Object[8];
        private int depth;
        private int entered;

        /** Pushes {@code structure}; returns null, or what to write instead of walking it. */
        Object enter(Object structure) {
            for (int i = 0; i < depth; i++) {
                if (stack[i] == structure) {
                    return CYCLE;
                }
            }
            if (depth == MAX_DEPTH || ++entered > MAX_STRUCTURES) {
                return Redactor.MASK;
            }
            if (depth == stack.length) {
                stack = Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = structure;
            return null;
        }

        void leave() {
            stack[--depth] = null;
        }
    }
}
