package io.fapilog.internal.encoding;

/**
 * The characters a terminal or a log viewer acts on instead of showing: escaped wherever fapilog
 * writes text a person reads, so a line reads as it is and data cannot start another.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /**
     * C0 and C1 controls and DEL (line breaks, escape sequences), U+2028 and U+2029 (line ends to
     * JavaScript and some viewers) and the bidirectional controls, which show a line's text in
     * another order than it is.
     */
    public static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c < 0xA0 || c == '\u061C' || isLineOrBidiControl(c);
    }

    /** U+2028, U+2029 and the bidirectional controls U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069. */
    static boolean isLineOrBidiControl(char c) {
        return (c >= '\u2028' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';
    }

    /** {@code text} with each {@linkplain #isControl control} written as {@code \}{@code uXXXX}; the same instance when it has none. */
    public static String escaped(String text) {
        int first = 0;
        while (first < text.length() && !isControl(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                out.append("\\u").append(Character.forDigit(c >> 12, 16)).append(Character.forDigit(c >> 8 & 0xF, 16))
                        .append(Character.forDigit(c >> 4 & 0xF, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
