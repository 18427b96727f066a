package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.spi.EncodedBatch;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable UTF-8 byte buffer with JSON token writing: string escaping, numbers, and automatic
 * commas between members. Whatever it is given, the bytes it writes are valid UTF-8 and strict
 * JSON on one line:
 * <ul>
 *   <li>control characters (C0, DEL, C1), quote, backslash, U+2028, U+2029 and the bidirectional controls are escaped;</li>
 *   <li>an unpaired surrogate becomes U+FFFD;</li>
 *   <li>a string longer than the limit is cut (never inside a surrogate pair) and ends with
 *       {@code …[truncated N chars]}.</li>
 * </ul>
 *
 * <p>A comma is written before a name or value exactly when the previous byte ends a value, so
 * callers never track "first member" state; {@link #mark()} and {@link #rewind(int)} undo a
 * partly written value. Not thread-safe.
 *
 * <p>Each write notes whether its own last byte ends a value ({@link #valueEnd}) rather than the
 * comma check reading the buffer back: a byte just written by a wide or masked vector store (a
 * copy) is not forwarded to a following one-byte load, and the load waits.
 */
final class JsonBuffer {

    /** Marker appended to a cut string, followed by the number of chars removed. */
    static final String TRUNCATED = CutMarker.PREFIX;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUNCATED_BYTES = TRUNCATED.getBytes(StandardCharsets.UTF_8);
    private static final byte[] TRUNCATED_END = CutMarker.SUFFIX.getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** Both digits of 0 to 99 as the two bytes of a short, stored at once with {@link #DIGIT_PAIR}. */
    private static final short[] DIGIT_PAIRS = new short[100];
    private static final VarHandle DIGIT_PAIR = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    /** 10^0 to 10^18. */
    private static final long[] POWERS_OF_TEN = new long[19];
    /** For ASCII: 0 = as is, 'u' = six-char escape, else the char after the backslash. */
    private static final byte[] ESCAPES = new byte[128];
    /** Last bytes after which a comma separates the next member, indexed by the unsigned byte. */
    private static final boolean[] ENDS_VALUE = new boolean[256];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[i] = (short) ('0' + i / 10 | '0' + i % 10 << 8);  // little-endian: the tens first
        }
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES[0x7F] = 'u';
        for (byte b : "\"}]0123456789el".getBytes(StandardCharsets.US_ASCII)) {
            ENDS_VALUE[b] = true;
        }
    }

    private final int maxStringLength;
    /** Encoded {@code "name":} of recently written member names: the keys of log calls are literals. */
    private final EncodedStrings names = EncodedStrings.names(45, 48);
    /** Encoded {@code "value"} of recently written short strings. */
    private final EncodedStrings values = EncodedStrings.values(96, 2 * 96 + 2);
    /** The chars of the string being escaped: one bulk copy, then a loop without per-char checks. */
    private char[] chars = new char[256];
    private byte[] buf;
    private int pos;
    /** {@link #pos} when the last byte written ends a value (so a comma precedes the next member), else -1. */
    private int valueEnd = -1;

    JsonBuffer(int maxStringLength) {
        this.maxStringLength = maxStringLength;
        this.buf = new byte[1024];
    }

    /** The bytes of {@code "name":}, for a constant member name written with {@link #name(byte[])}. */
    static byte[] encodeName(String name) {
        return ('"' + name + "\":").getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of {@code "outer":{"inner":"value"}}, for a constant member written with {@link #member(byte[])}. */
    static byte[] encodeMember(EncodingLimits limits, byte[] outer, byte[] inner, String value) {
        JsonBuffer member = new JsonBuffer(limits.maxStringLength());
        member.name(outer);
        member.beginObject();
        member.name(inner);
        member.string(value);
        member.endObject();
        return Arrays.copyOf(member.buf, member.pos);
    }

    void reset() {
        pos = 0;
        valueEnd = -1;
        if (buf.length > 1024 * 1024) {
            buf = new byte[1024];
        }
        if (chars.length > 64 * 1024) {
            chars = new char[256];
        }
    }

    int mark() {
        return pos;
    }

    void rewind(int mark) {
        pos = mark;
        valueEnd = mark > 0 && ENDS_VALUE[buf[mark - 1] & 0xFF] ? mark : -1;
    }

    int length() {
        return pos;
    }

    byte[] array() {
        return buf;
    }

    void copyTo(EncodedBatch out) {
        out.append(buf, 0, pos);
    }

    // ---- structure ----

    void beginObject() {
        separate();
        put((byte) '{');
    }

    void endObject() {
        put((byte) '}');
        valueEnd = pos;
    }

    void beginArray() {
        separate();
        put((byte) '[');
    }

    void endArray() {
        put((byte) ']');
        valueEnd = pos;
    }

    /** Writes a constant name made by {@link #encodeName(String)}. */
    void name(byte[] encodedName) {
        separate();
        copy(encodedName, 0, encodedName.length);  // ends with ':', not a value
    }

    /**
     * Writes {@code "name":}, escaped and bounded like a string value.
     *
     * @return whether the name was altered (an unpaired surrogate replaced, or cut), so that it
     *         may collide with another name: see {@link #sanitize(String)}
     */
    boolean name(String name) {
        separate();
        boolean cacheable = names.fits(name);
        int slot = cacheable ? names.find(name) : -1;
        if (slot >= 0) {
            copy(names.bytes(slot), 0, names.length(slot)); // ends with ':', not a value
            return false;
        }
        int start = pos;
        boolean altered = quoted(name, maxStringLength);
        raw((byte) ':');
        if (cacheable && !altered) {
            names.remember(name, buf, start, pos - start);
        }
        return altered;
    }

    /** Writes a constant member (name and value) made by {@link #encodeMember}. */
    void member(byte[] encodedMember) {
        separate();
        copy(encodedMember, 0, encodedMember.length);
        valueEnd = pos;
    }

    // ---- values ----

    void nullValue() {
        separate();
        raw(NULL, 0, 4);
    }

    void bool(boolean value) {
        separate();
        if (value) {
            raw(TRUE, 0, 4);
        } else {
            raw(FALSE, 0, 5);
        }
    }

    /** A string value, cut at the buffer's limit. */
    void string(CharSequence s) {
        separate();
        if (s instanceof String string && values.fits(string)) {
            cachedString(string);
        } else {
            quoted(s, maxStringLength);
        }
    }

    private void cachedString(String s) {
        int slot = values.find(s);
        if (slot >= 0) {
            copy(values.bytes(slot), 0, values.length(slot));
            valueEnd = pos; // a closing quote
            return;
        }
        int start = pos;
        if (!quoted(s, maxStringLength)) {
            values.remember(s, buf, start, pos - start);
        }
    }

    /** A string value cut at {@code maxChars}. */
    void string(CharSequence s, int maxChars) {
        separate();
        quoted(s, maxChars);
    }

    void number(long value) {
        separate();
        digits(value);
    }

    /** A double; NaN and the infinities, which JSON lacks, are written as strings. */
    void number(double value) {
        if (Double.isFinite(value)) {
            ascii(Double.toString(value));
        } else {
            string(nonFinite(value));
        }
    }

    /** A float; NaN and the infinities, which JSON lacks, are written as strings. */
    void number(float value) {
        if (Float.isFinite(value)) {
            ascii(Float.toString(value));
        } else {
            string(nonFinite(value));
        }
    }

    /** A number already rendered as a valid JSON number, e.g. {@code BigDecimal.toString()}. */
    void numberText(String text) {
        ascii(text);
    }

    private static String nonFinite(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }

    private void ascii(String text) {
        separate();
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) text.charAt(i);
        }
        if (n > 0) {
            ended(text.charAt(n - 1));
        }
    }

    // ---- raw output (outside JSON strings; also used by the pretty encoder) ----

    void raw(byte b) {
        put(b);
        ended(b);
    }

    /** One byte that is not the end of a value, or whose caller notes it is. */
    private void put(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    void raw(byte[] bytes, int offset, int length) {
        copy(bytes, offset, length);
        if (length > 0) {
            ended(bytes[offset + length - 1]);
        }
    }

    /** Bytes whose caller notes whether they end a value. */
    private void copy(byte[] bytes, int offset, int length) {
        ensure(length);
        ByteCopies.copy(bytes, offset, buf, pos, length);
        pos += length;
    }

    /** Writes a non-negative number below 10^width as exactly {@code width} digits. */
    void digits(int value, int width) {
        ensure(width);
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        pos += width;
        if (width > 0) {
            valueEnd = pos;
        }
    }

    /**
     * Writes a long in decimal, without allocating: its length found at once (no loop over powers of
     * ten), then two digits per division and per store, in int arithmetic when it fits.
     */
    void digits(long value) {
        if (value == Long.MIN_VALUE) {
            raw(LONG_MIN, 0, LONG_MIN.length);
            return;
        }
        ensure(20);
        if (value < 0) {
            buf[pos++] = '-';
            value = -value;
        }
        int end = pos + decimalLength(value);
        int i = end;
        while (value > Integer.MAX_VALUE) {
            long quotient = value / 100;
            i -= 2;
            DIGIT_PAIR.set(buf, i, DIGIT_PAIRS[(int) (value - quotient * 100)]);
            value = quotient;
        }
        int small = (int) value;
        while (small >= 100) {
            int quotient = small / 100;
            i -= 2;
            DIGIT_PAIR.set(buf, i, DIGIT_PAIRS[small - quotient * 100]);
            small = quotient;
        }
        if (small >= 10) {
            DIGIT_PAIR.set(buf, i - 2, DIGIT_PAIRS[small]);
        } else {
            buf[i - 1] = (byte) ('0' + small);
        }
        pos = end;
        valueEnd = end;
    }

    /** Decimal digits of a non-negative long: from its bit length, corrected by one power of ten. */
    static int decimalLength(long value) {
        long odd = value | 1;  // as many digits, and 0 gets one
        int guess = ((Long.SIZE - Long.numberOfLeadingZeros(odd)) * 1233) >>> 12;  // 1233 / 4096 ≈ log10(2)
        return guess + 1 - (odd < POWERS_OF_TEN[guess] ? 1 : 0);
    }

    /**
     * Writes text without quotes, escaped as inside a JSON string (so it has no control
     * characters), cut at the limit.
     */
    void text(CharSequence s) {
        escaped(s, maxStringLength);
    }

    // ---- strings ----

    private boolean quoted(CharSequence s, int maxChars) {
        raw((byte) '"');
        boolean altered = escaped(s, maxChars);
        raw((byte) '"');
        return altered;
    }

    /** Returns whether the text was altered beyond escaping (surrogate replaced or cut). */
    private boolean escaped(CharSequence s, int maxChars) {
        int length = s.length();
        int end = Math.min(length, maxChars);
        if (end < length && end > 0 && Character.isHighSurrogate(s.charAt(end - 1))
                && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        boolean altered = s instanceof String string ? chars(string, end) : chars(s, end);
        if (end < length) {
            raw(TRUNCATED_BYTES, 0, TRUNCATED_BYTES.length);
            digits(CutMarker.removedChars(s, end));
            raw(TRUNCATED_END, 0, TRUNCATED_END.length);
            return true;
        }
        return altered;
    }

    /** Same as {@link #chars(CharSequence, int)}, but monomorphic for the common case. */
    private boolean chars(String s, int end) {
        ensure(end * 6);
        if (chars.length < end) {
            chars = new char[Math.max(end, chars.length * 2)];
        }
        char[] cs = chars;
        s.getChars(0, end, cs, 0);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < end; i++) {
            char c = cs[i];
            if (c < 0x80 && ESCAPES[c] == 0) {
                b[p++] = (byte) c;
            } else {
                pos = p;
                return nonAscii(s, i, end);
            }
        }
        pos = p;
        if (end > 0) {
            ended(cs[end - 1]);
        }
        return false;
    }

    private boolean chars(CharSequence s, int end) {
        return nonAscii(s, 0, end);
    }

    private boolean nonAscii(CharSequence s, int from, int end) {
        ensure((end - from) * 6);
        byte[] b = buf;
        int p = pos;
        boolean altered = false;
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    b[p++] = (byte) c;
                } else if (escape == 'u') {
                    p = unicodeEscape(b, p, c);
                } else {
                    b[p++] = '\\';
                    b[p++] = escape;
                }
            } else if (c < 0x800) {
                if (c < 0xA0 || c == '\u061C') {
                    p = unicodeEscape(b, p, c); // C1 controls; the Arabic letter mark, a bidi control
                } else {
                    b[p++] = (byte) (0xC0 | c >> 6);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    b[p++] = (byte) 0xEF; // U+FFFD
                    b[p++] = (byte) 0xBF;
                    b[p++] = (byte) 0xBD;
                    altered = true;
                }
            } else if (ControlCharacters.isLineOrBidiControl(c)) {
                p = unicodeEscape(b, p, c);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        boolean wrote = p > pos;
        pos = p;
        if (wrote) {
            ended(b[p - 1]);
        }
        return altered;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[c >> 12];
        b[p++] = HEX[c >> 8 & 0xF];
        b[p++] = HEX[c >> 4 & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    /**
     * The string a name or value is written as (before escaping): unpaired surrogates replaced
     * and cut at the limit. Returns {@code s} itself when nothing changes.
     */
    String sanitize(String s) {
        int length = s.length();
        int end = Math.min(length, maxStringLength);
        if (end < length && Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end + 32);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        if (end < length) {
            out.append(CutMarker.of(CutMarker.removedChars(s, end)));
        }
        return s.contentEquals(out) ? s : out.toString();
    }

    private void separate() {
        if (pos == valueEnd) {
            ensure(1);
            buf[pos++] = ',';
        }
    }

    /** Notes that the byte (or ASCII char) just written, ending at {@link #pos}, may end a value. */
    private void ended(int lastByte) {
        if (ENDS_VALUE[lastByte & 0xFF]) {
            valueEnd = pos;
        }
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        buf = Arrays.copyOf(buf, Math.max(pos + extra, buf.length * 2));
    }

    @Override
    public String toString() {
        return new String(buf, 0, pos, StandardCharsets.UTF_8);
    }
}
