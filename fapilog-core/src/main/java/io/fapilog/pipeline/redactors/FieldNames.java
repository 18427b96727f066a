package io.fapilog.pipeline.redactors;

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

    private FieldNames(Collection<String> names) {
        this.names = new TreeSet<>(NORMALIZED_ORDER);
        for (String name : names) {
            if (isBlank(name)) {
                throw new IllegalArgumentException("blank field name: '" + name + "'");
            }
            this.names.add(name);
        }
    }

    /** @throws IllegalArgumentException for a name made only of blanks and separators */
    public static FieldNames of(Collection<String> names) {
        return names.isEmpty() ? NONE : new FieldNames(names);
    }

    /** Whether {@code key} is one of the names, ignoring case, {@code -} and {@code _}. */
    public boolean contains(String key) {
        return !names.isEmpty() && names.contains(key);
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
