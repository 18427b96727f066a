package io.fapilog.internal.encoding;

/**
 * The encoded bytes of recently written strings, looked up by identity: member names, the logger
 * and thread names, the host, enum names and literal messages repeat on every event, and copying
 * their bytes is cheaper than escaping them again.
 *
 * <p>Two slots per set, the one used least recently replaced, so two strings that meet in one set
 * do not evict each other on every event. Names choose their set by {@link String#hashCode()}
 * (literal keys carry it cached); values by the length and three characters, so a value seen once
 * (a request id) costs a few loads, not a hash over its characters. Not thread-safe.
 */
final class EncodedStrings {

    private static final int SETS = 64;

    private final String[] strings = new String[2 * SETS];
    private final byte[][] bytes;
    private final int[] lengths = new int[2 * SETS];
    /** Per set, the slot to replace next. */
    private final int[] victims = new int[SETS];
    private final int maxChars;
    private final int maxBytes;
    private final boolean byHash;

    private EncodedStrings(int maxChars, int maxBytes, boolean byHash) {
        this.maxChars = maxChars;
        this.maxBytes = maxBytes;
        this.byHash = byHash;
        this.bytes = new byte[2 * SETS][maxBytes];
    }

    /** For member names of up to {@code maxChars} chars encoded in up to {@code maxBytes} bytes. */
    static EncodedStrings names(int maxChars, int maxBytes) {
        return new EncodedStrings(maxChars, maxBytes, true);
    }

    /** For string values of up to {@code maxChars} chars encoded in up to {@code maxBytes} bytes. */
    static EncodedStrings values(int maxChars, int maxBytes) {
        return new EncodedStrings(maxChars, maxBytes, false);
    }

    /** Whether {@code s} is short enough to be remembered. */
    boolean fits(String s) {
        return s.length() <= maxChars && !s.isEmpty();
    }

    /** The slot holding {@code s}, or -1; {@code s} must {@link #fits fit}. */
    int find(String s) {
        int set = set(s);
        int slot = set << 1;
        if (strings[slot] == s) {
            victims[set] = 1;
            return slot;
        }
        if (strings[++slot] == s) {
            victims[set] = 0;
            return slot;
        }
        return -1;
    }

    byte[] bytes(int slot) {
        return bytes[slot];
    }

    int length(int slot) {
        return lengths[slot];
    }

    /** Remembers {@code from[start, start + length)} as the encoded form of {@code s}, which must {@link #fits fit}. */
    void remember(String s, byte[] from, int start, int length) {
        if (length > maxBytes) {
            return;
        }
        int set = set(s);
        int slot = (set << 1) + victims[set];
        victims[set] ^= 1;
        System.arraycopy(from, start, bytes[slot], 0, length);
        lengths[slot] = length;
        strings[slot] = s;
    }

    private int set(String s) {
        if (byHash) {
            int hash = s.hashCode();
            return (hash ^ hash >>> 16) & (SETS - 1);
        }
        int length = s.length();
        return (length * 31 + s.charAt(0) * 7 + s.charAt(length >> 1) * 3 + s.charAt(length - 1)) & (SETS - 1);
    }
}
