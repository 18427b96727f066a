package io.fapilog.internal.pipeline.redactors;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * A set of sensitive field names, matched by words. A key is split into words at every character
 * that is not a letter or digit ({@code _ - .} and blanks), at camelCase humps ({@code userPassword},
 * {@code APIKey}) and between letters and digits ({@code oauth2Token}); it matches when one run of
 * consecutive words, joined and lower-cased, equals a name joined and lower-cased the same way. So
 * with {@code password} and {@code api_key}: {@code userPassword}, {@code db_password},
 * {@code user.password}, {@code PASSWORD}, {@code X-Api-Key} and {@code apiKeyId} match;
 * {@code passwords} and {@code apikeys} do not (no word is {@code password}). A word that ends with
 * a name of {@value #MIN_SUFFIX} letters or more matches too, for the compounds written in one case,
 * where no hump shows the words: {@code dbpassword}, {@code PGPASSWORD}, {@code JSESSIONID}.
 *
 * <p>A lookup allocates nothing: the candidate runs are hashed in place and probed in an
 * open-addressing table, a handful of probes for a usual key. The keys of log calls are literals
 * that repeat on every event, so the answer for a key is also remembered by the key's identity
 * in a small table: a repeated key costs one hash (cached in the string) and one comparison.
 * Thread-safe.
 */
public final class FieldNames {

    /** No names: matches nothing. */
    public static final FieldNames NONE = new FieldNames(Set.of());

    private final TreeSet<String> declared;
    private final String[] table; // normalised names
    private final int[] hashes;
    private final int mask;
    private final int maxLength; // of a normalised name
    /** The lengths of the names a word may end with, ascending. */
    private final int[] suffixLengths;
    /** Recent answers by key identity; entries are immutable, so racing writers are harmless. */
    private final Answer[] answers = new Answer[ANSWERS];

    private static final int ANSWERS = 256;
    /** Shorter names ({@code pwd}, {@code auth}, {@code jwt}) end too many words to match as their ends. */
    static final int MIN_SUFFIX = 5;

    private record Answer(String key, boolean sensitive) {
    }

    private FieldNames(Collection<String> names) {
        this.declared = new TreeSet<>();
        TreeSet<String> normalized = new TreeSet<>();
        for (String name : names) {
            if (isBlank(name)) {
                throw new IllegalArgumentException("blank field name: '" + name + "'");
            }
            declared.add(name);
            normalized.add(normalize(name));
        }
        int size = Integer.highestOneBit(Math.max(4, normalized.size() * 4) - 1) << 1;
        this.table = new String[size];
        this.hashes = new int[size];
        this.mask = size - 1;
        int longest = 0;
        for (String name : normalized) {
            int hash = spread(name.hashCode()); // a normalised name hashes like a run, see matches()
            int slot = hash & mask;
            while (table[slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[slot] = name;
            hashes[slot] = hash;
            longest = Math.max(longest, name.length());
        }
        this.maxLength = longest;
        this.suffixLengths = normalized.stream().mapToInt(String::length).filter(length -> length >= MIN_SUFFIX)
                .distinct().sorted().toArray();
    }

    /** @throws IllegalArgumentException for a name without a letter or digit */
    public static FieldNames of(Collection<String> names) {
        return names.isEmpty() ? NONE : new FieldNames(names);
    }

    /** Whether a run of words of {@code key} is one of the names. */
    public boolean contains(String key) {
        if (key == null || maxLength == 0) {
            return false;
        }
        int slot = key.hashCode() & (ANSWERS - 1);
        Answer answer = answers[slot];
        if (answer != null && answer.key == key) {
            return answer.sensitive;
        }
        boolean sensitive = contains(key, 0, key.length());
        answers[slot] = new Answer(key, sensitive);
        return sensitive;
    }

    /** Whether a run of words of {@code text[from, to)} is one of the names, or one of its words ends with one. */
    public boolean contains(CharSequence text, int from, int to) {
        if (maxLength == 0) {
            return false;
        }
        int wordStart = -1;
        for (int i = from; i < to; i++) {
            if (isWordStart(text, from, i, to)) {
                if (matchesFrom(text, i, to)) {
                    return true;
                }
                wordStart = i;
            }
            if (wordStart >= 0 && Character.isLetterOrDigit(text.charAt(i)) && isWordEnd(text, i + 1, to)) {
                if (endsWithName(text, wordStart, i + 1)) {
                    return true;
                }
                wordStart = -1;
            }
        }
        return false;
    }

    /** Whether the word {@code text[start, end)} ends with a name of {@value #MIN_SUFFIX} letters or more, and is longer than it. */
    private boolean endsWithName(CharSequence text, int start, int end) {
        for (int length : suffixLengths) {
            if (length >= end - start) {
                return false; // a word as long as a name matched as a word, or not at all
            }
            int hash = 0;
            for (int i = end - length; i < end; i++) {
                hash = 31 * hash + fold(text.charAt(i));
            }
            if (probe(spread(hash), text, end - length, end, length)) {
                return true;
            }
        }
        return false;
    }

    /** Hashes the normalised characters from {@code start}, probing at each word end. */
    private boolean matchesFrom(CharSequence text, int start, int to) {
        int hash = 0;
        int length = 0;
        for (int i = start; i < to && length < maxLength; i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                continue;
            }
            hash = 31 * hash + fold(c);
            length++;
            if (isWordEnd(text, i + 1, to) && probe(spread(hash), text, start, i + 1, length)) {
                return true;
            }
        }
        return false;
    }

    private boolean probe(int hash, CharSequence text, int start, int end, int length) {
        for (int slot = hash & mask; table[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && table[slot].length() == length && sameWords(table[slot], text, start, end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameWords(String normalized, CharSequence text, int start, int end) {
        int j = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) && fold(c) != normalized.charAt(j++)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWordStart(CharSequence text, int from, int i, int to) {
        return Character.isLetterOrDigit(text.charAt(i)) && (i == from || isBoundary(text, i, to));
    }

    private static boolean isWordEnd(CharSequence text, int end, int to) {
        return end == to || isBoundary(text, end, to);
    }

    /** Whether a word boundary lies between {@code i - 1} and {@code i}. */
    private static boolean isBoundary(CharSequence text, int i, int to) {
        char before = text.charAt(i - 1);
        char c = text.charAt(i);
        if (!Character.isLetterOrDigit(before) || !Character.isLetterOrDigit(c)) {
            return true;
        }
        if (Character.isDigit(before) != Character.isDigit(c)) {
            return true;
        }
        if (Character.isUpperCase(c)) {
            // userPassword | APIKey: before the hump, or before the last capital of an acronym
            return Character.isLowerCase(before)
                    || Character.isUpperCase(before) && i + 1 < to && Character.isLowerCase(text.charAt(i + 1));
        }
        return false;
    }

    /** The name's letters and digits, folded to lower case. */
    static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(fold(c));
            }
        }
        return out.toString();
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    public boolean isEmpty() {
        return maxLength == 0;
    }

    @Override
    public String toString() {
        return declared.toString();
    }

    /** Whether {@code name} has no letter or digit, so could never match. */
    static boolean isBlank(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (Character.isLetterOrDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
