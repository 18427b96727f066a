package io.fapilog.encoding;

/**
 * The member names already written to one JSON object, so that none is written twice. An
 * open-addressing set of strings, cleared and reused without allocating; {@link #clear()} keeps
 * the permanent names given at construction (a format's fixed members). Not thread-safe.
 */
final class NameSet {

    private String[] table;
    private String[] permanent;
    private int permanentSize;
    private int size;

    NameSet(String... permanentNames) {
        table = new String[32];
        for (String name : permanentNames) {
            add(name);
        }
        permanent = table.clone();
        permanentSize = size;
    }

    /** Adds {@code name}; returns false when it was already present. */
    boolean add(String name) {
        int mask = table.length - 1;
        for (int i = mix(name.hashCode()) & mask; ; i = (i + 1) & mask) {
            String existing = table[i];
            if (existing == null) {
                table[i] = name;
                if (++size * 2 > table.length) {
                    grow();
                }
                return true;
            }
            if (existing.equals(name)) {
                return false;
            }
        }
    }

    boolean contains(String name) {
        int mask = table.length - 1;
        for (int i = mix(name.hashCode()) & mask; ; i = (i + 1) & mask) {
            String existing = table[i];
            if (existing == null) {
                return false;
            }
            if (existing.equals(name)) {
                return true;
            }
        }
    }

    /** Removes every name but the permanent ones. */
    void clear() {
        if (size == permanentSize) {
            return;
        }
        if (table.length != permanent.length) {
            table = permanent.clone();
        } else {
            System.arraycopy(permanent, 0, table, 0, table.length);
        }
        size = permanentSize;
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        size = 0;
        for (String name : old) {
            if (name != null) {
                add(name);
            }
        }
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }
}
