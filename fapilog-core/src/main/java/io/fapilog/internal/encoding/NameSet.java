package io.fapilog.internal.encoding;

/**
 * The member names already written to one JSON object, so that none is written twice. An
 * open-addressing set of strings, cleared and reused without allocating; {@link #clear()} keeps
 * the permanent names given at construction (a format's fixed members). Not thread-safe.
 */
final class NameSet {

    private final String[] permanentNames;
    /** The permanent names hashed into a table as large as {@link #table}, copied over it to clear. */
    private String[] permanent;
    private String[] table;
    private int size;

    NameSet(String... permanentNames) {
        this.permanentNames = permanentNames.clone();
        this.table = hashed(permanentNames, 32);
        this.permanent = table.clone();
        this.size = permanentNames.length;
    }

    /** Adds {@code name}; returns false when it was already present. */
    boolean add(String name) {
        if (!insert(table, name)) {
            return false;
        }
        if (++size * 2 > table.length) {
            String[] old = table;
            table = new String[old.length * 2];
            for (String existing : old) {
                if (existing != null) {
                    insert(table, existing);
                }
            }
        }
        return true;
    }

    /** Whether {@code name} was added (or is a permanent one). */
    boolean contains(String name) {
        int mask = table.length - 1;
        int hash = name.hashCode();
        for (int i = (hash ^ hash >>> 16) & mask; ; i = (i + 1) & mask) {
            String existing = table[i];
            if (existing == null) {
                return false;
            }
            if (existing.equals(name)) {
                return true;
            }
        }
    }

    /** Removes every name but the permanent ones, keeping the capacity reached. */
    void clear() {
        if (size == permanentNames.length) {
            return;
        }
        if (permanent.length != table.length) {
            permanent = hashed(permanentNames, table.length);
        }
        System.arraycopy(permanent, 0, table, 0, table.length);
        size = permanentNames.length;
    }

    private static String[] hashed(String[] names, int capacity) {
        String[] table = new String[capacity];
        for (String name : names) {
            insert(table, name);
        }
        return table;
    }

    private static boolean insert(String[] table, String name) {
        int mask = table.length - 1;
        int hash = name.hashCode();
        for (int i = (hash ^ hash >>> 16) & mask; ; i = (i + 1) & mask) {
            String existing = table[i];
            if (existing == null) {
                table[i] = name;
                return true;
            }
            if (existing.equals(name)) {
                return false;
            }
        }
    }
}
