package io.fapilog.internal.encoding;

/**
 * The marker that ends cut text, {@code …[truncated N chars]}, written by the encoders; and the one the
 * log call ends huge text with when it cuts it early, {@code ...[truncated N chars]}, which the
 * encoders read back to count what it left out. The call's is ASCII: an ellipsis would make the text
 * it ends two bytes a character in memory (a queue of cut 20 KB bodies held twice what it should).
 */
public final class CutMarker {

    public static final String PREFIX = "…[truncated ";
    public static final String EARLY_PREFIX = "...[truncated ";
    public static final String SUFFIX = " chars]";

    private CutMarker() {
    }

    /** The marker for {@code removed} characters left out. */
    public static String of(long removed) {
        return PREFIX + removed + SUFFIX;
    }

    /** The log call's marker for {@code removed} characters left out. */
    public static String early(long removed) {
        return EARLY_PREFIX + removed + SUFFIX;
    }

    /**
     * How many characters of the original text a cut at {@code end} leaves out: those past it, or,
     * for text cut already (ending in one of these markers: the call's, or a trimmed value's), those
     * up to that marker and the ones it counts. Looks for the marker in the last characters only:
     * never a scan of a long text.
     */
    public static long removedChars(CharSequence s, int end) {
        int length = s.length();
        int digitsEnd = length - SUFFIX.length();
        if (length - end > PREFIX.length() + SUFFIX.length() && endsWith(s, SUFFIX)) {
            String text = s.toString();
            int earliest = Math.max(end, digitsEnd - MAX_DIGITS - EARLY_PREFIX.length());
            for (int at = digitsEnd - 1 - PREFIX.length(); at >= earliest; at--) {
                int digits = text.startsWith(EARLY_PREFIX, at) ? at + EARLY_PREFIX.length()
                        : text.startsWith(PREFIX, at) ? at + PREFIX.length() : -1;
                if (digits >= 0 && digits < digitsEnd) {
                    long counted = 0;
                    for (int i = digits; i < digitsEnd; i++) {
                        char c = text.charAt(i);
                        if (c < '0' || c > '9') {
                            return length - end; // text that only looks like a marker: counted as text
                        }
                        counted = counted * 10 + (c - '0');
                    }
                    return at - end + counted;
                }
            }
        }
        return length - end;
    }

    private static boolean endsWith(CharSequence s, String suffix) {
        int from = s.length() - suffix.length();
        for (int i = 0; i < suffix.length(); i++) {
            if (s.charAt(from + i) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The most digits a marker's count has (a {@code long}'s are 19; a text's length, 10). */
    private static final int MAX_DIGITS = 10;
}
