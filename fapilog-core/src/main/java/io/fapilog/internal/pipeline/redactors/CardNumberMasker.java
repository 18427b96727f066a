package io.fapilog.internal.pipeline.redactors;

/**
 * Masks payment card numbers: 13 to 19 digits, optionally in groups separated by one space, dash or dot,
 * starting with 2 to 6 (the issuer ranges of the card networks) and passing the Luhn check. The
 * check keeps ordinary long numbers (ids, epoch milliseconds) readable; about one random number in
 * ten passes it, so a number that merely looks like a card may still be masked.
 *
 * <p>A run of digits must stand alone (no letter or digit right before or after it). When a
 * grouped run is not a card as a whole, its longest run of whole groups that is one is masked
 * ({@code 4111 1111 1111 1111 2} masks the first four groups).
 */
public final class CardNumberMasker implements ValueMasker {

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;

    @Override
    public Anchors anchors() {
        return Anchors.digits();
    }

    @Override
    public String mask(String value) {
        MaskBuilder masked = null;
        int i = 0;
        while (i < value.length()) {
            if (!isDigit(value.charAt(i)) || i > 0 && Character.isLetterOrDigit(value.charAt(i - 1))) {
                i++;
                continue;
            }
            int end = runEnd(value, i);
            if (end == value.length() || !Character.isLetterOrDigit(value.charAt(end))) {
                masked = maskCards(value, i, end, masked);
            }
            i = end;
        }
        return masked == null ? value : masked.result();
    }

    /** End of the digits from {@code start}, single separators between digits included. */
    private static int runEnd(String value, int start) {
        int end = start;
        while (end < value.length()) {
            char c = value.charAt(end);
            boolean separatorBeforeDigit = (c == ' ' || c == '-' || c == '.')
                    && end + 1 < value.length() && isDigit(value.charAt(end + 1));
            if (!isDigit(c) && !separatorBeforeDigit) {
                break;
            }
            end++;
        }
        return end;
    }

    private static MaskBuilder maskCards(String value, int start, int end, MaskBuilder masked) {
        int digits = digits(value, start, end);
        if (digits < MIN_DIGITS) {
            return masked;
        }
        if (isCard(value, start, end, digits)) {
            return (masked == null ? new MaskBuilder(value) : masked).mask(start, end);
        }
        if (digits == end - start) {
            return masked; // one group, already checked as a whole
        }
        // rare: a long grouped run; try runs of whole groups (at most 19 digits), longest first
        int[] groupStarts = new int[digits];
        int[] groupEnds = new int[digits];
        int groups = 0;
        for (int i = start; i < end; ) {
            groupStarts[groups] = i;
            while (i < end && isDigit(value.charAt(i))) {
                i++;
            }
            groupEnds[groups++] = i;
            i++;
        }
        for (int first = 0; first < groups; first++) {
            int longest = -1;
            int count = 0;
            for (int last = first; last < groups && count <= MAX_DIGITS; last++) {
                count += groupEnds[last] - groupStarts[last];
                boolean wholeRun = first == 0 && last == groups - 1;
                if (!wholeRun && isCard(value, groupStarts[first], groupEnds[last], count)) {
                    longest = last;
                }
            }
            if (longest >= 0) {
                masked = (masked == null ? new MaskBuilder(value) : masked).mask(groupStarts[first], groupEnds[longest]);
                first = longest;
            }
        }
        return masked;
    }

    private static boolean isCard(String value, int start, int end, int digits) {
        char first = value.charAt(start);
        return digits >= MIN_DIGITS && digits <= MAX_DIGITS && first >= '2' && first <= '6'
                && passesLuhn(value, start, end);
    }

    /** The Luhn checksum over the digits of {@code [start, end)}, separators skipped. */
    static boolean passesLuhn(CharSequence value, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        for (int i = end - 1; i >= start; i--) {
            char c = value.charAt(i);
            if (isDigit(c)) {
                int digit = c - '0';
                if (doubled) {
                    digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
                }
                sum += digit;
                doubled = !doubled;
            }
        }
        return sum % 10 == 0;
    }

    private static int digits(String value, int start, int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            if (isDigit(value.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
