package io.fapilog.internal.pipeline.redactors;

import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A set of sensitive field names, compared ignoring case and the separators {@code -} and
 * {@code _}: {@code api_key}, {@code api-key}, {@code apiKey} and {@code APIKEY} are one name.
 * A lookup allocates nothing.
 */
public final class FieldNames {

    /** Orders names by their normalised form (case folded, separators skipped), without allocating. */
    public static final Comparator<String> NORMALIZED_ORDER = FieldNames::compareNormalized;

    /** No names: matches nothing. */
    public static final FieldNames NONE = new FieldNames(Set.of());

    private final TreeSet<String> names;
    // Open addressing over the normalised hash: a lookup is one hash pass over the key and
    // usually one probe, where a TreeSet needed a dozen normalising comparisons.
    private final String[] table;
    private final int[] hashes;
    private final int mask;

    private FieldNames(Collection<String> names) {
        this.names = new TreeSet<>(NORMALIZED_ORDER);
        for (String name : names) {
            if (isBlank(name)) {
                throw new IllegalArgumentException("blank field name: '" + name + "'");
            }
            this.names.add(name);
        }
        int size = Integer.highestOneBit(Math.max(4, this.names.size() * 4) - 1) << 1;
        this.table = new String[size];
        this.hashes = new int[size];
        this.mask = size - 1;
        for (String name : this.names) {
            int hash = normalizedHash(name);
            int slot = hash & mask;
            while (table[slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[slot] = name;
            hashes[slot] = hash;
        }
    }

    /** @throws IllegalArgumentException for a name made only of blanks and separators */
    public static FieldNames of(Collection<String> names) {
        return names.isEmpty() ? NONE : new FieldNames(names);
    }

    /** Whether {@code key} is one of the names, ignoring case, {@code -} and {@code _}. */
    public boolean contains(String key) {
        if (names.isEmpty()) {
            return false;
        }
        int hash = normalizedHash(key);
        for (int slot = hash & mask; table[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && compareNormalized(table[slot], key) == 0) {
                return true;
            }
        }
        return false;
    }

    private static int normalizedHash(String s) {
        int hash = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isSeparator(c)) {
                hash = 31 * hash + fold(c);
            }
        }
        return hash ^ (hash >>> 16);
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    @Override
    public String toString() {
        return names.toString();
    }

    private static int compareNormalized(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            i = skipSeparators(a, i);
            j = skipSeparators(b, j);
            if (i == a.length() || j == b.length()) {
                return Boolean.compare(i < a.length(), j < b.length());
            }
            char x = fold(a.charAt(i++));
            char y = fold(b.charAt(j++));
            if (x != y) {
                return x - y;
            }
        }
    }

    private static int skipSeparators(String s, int from) {
        while (from < s.length() && isSeparator(s.charAt(from))) {
            from++;
        }
        return from;
    }

    /** Whether {@code name} is made only of white space and separators. */
    static boolean isBlank(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isSeparator(name.charAt(i)) && !Character.isWhitespace(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_';
    }

    private static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
