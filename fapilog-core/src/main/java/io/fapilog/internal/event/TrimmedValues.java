package io.fapilog.internal.event;

import io.fapilog.internal.encoding.CutMarker;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;

/**
 * What an event keeps of its large values when the queue's memory budget has no room for it: text
 * cut near {@code keep} characters, at a token's edge, never inside one; a long {@code byte[]} as
 * its length; other primitive arrays as a list of their first elements. The kept text is written whole (it is shorter than the
 * encoders' cut), so a secret in it must be whole for redaction to find it on the worker: a token
 * the cut falls in is kept to its end if that comes within another {@code keep} characters, else
 * left out from its start.
 */
final class TrimmedValues {

    private TrimmedValues() {
    }

    /** {@code text}, or, when longer than {@code keep}, cut at a token's edge near it and ending in the encoders' marker. */
    static String text(String text, int keep) {
        if (text.length() <= keep) {
            return text;
        }
        int end = edge(text, keep);
        return end == text.length() ? text : text.substring(0, end) + CutMarker.of(CutMarker.removedChars(text, end));
    }

    /**
     * A {@code byte[]} longer than {@code keep}, as what it was: {@code [100000 bytes, trimmed]}. Its
     * first bytes, cut anywhere, could end inside a secret (redaction reads bytes as text), and the
     * encoders could not say how many were left out.
     */
    static Object bytes(byte[] bytes, int keep) {
        return bytes.length <= keep ? bytes : "[" + bytes.length + " bytes, trimmed]";
    }

    /** A long array of numbers or booleans as a list of its first {@code maxElements}, knowing how many it left out. */
    static Object elements(Object array, int maxElements) {
        int length = Array.getLength(array);
        if (length <= maxElements) {
            return array;
        }
        List<Object> first = Arrays.asList(new Object[maxElements]);
        for (int i = 0; i < maxElements; i++) {
            first.set(i, Array.get(array, i));
        }
        return CallSnapshot.cut(first, maxElements, length - maxElements);
    }

    /**
     * Where to cut {@code text} near {@code keep}: there, if it falls between tokens; else after the
     * token it falls in and the character that ends it, if that comes within {@code 2 * keep}; else
     * at that token's start.
     */
    static int edge(CharSequence text, int keep) {
        if (!inToken(text.charAt(keep - 1)) || !inToken(text.charAt(keep))) {
            return keep;
        }
        int limit = Math.min(text.length(), 2 * keep);
        for (int i = keep + 1; i < limit; i++) {
            if (!inToken(text.charAt(i))) {
                return i + 1;
            }
        }
        if (text.length() <= 2 * keep) {
            return text.length();
        }
        int start = keep - 1;
        while (start > 0 && inToken(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    /** Whether {@code c} may be part of a secret's token: all but whitespace, quotes and brackets, commas and semicolons. */
    private static boolean inToken(char c) {
        return !Character.isWhitespace(c) && "\"'`,;()[]{}<>".indexOf(c) < 0;
    }
}
