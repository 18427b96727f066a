package io.fapilog.internal.pipeline.redactors;

/**
 * ASCII characters of which a value must contain at least one for a masker to change it: {@code @}
 * for URL credentials, {@code =} and {@code :} for {@code name=value} text, a character of each
 * literal a pattern requires. One pass over a value against the union of its maskers' anchors
 * settles most values (ids, names, numbers as text) at a few nanoseconds, where asking every
 * masker costs one search each. {@link #ANY} is for a masker that may change any value.
 *
 * @param low bit {@code c} set for each anchor {@code c} below 64
 * @param high bit {@code c - 64} set for each anchor {@code c} from 64 to 127
 * @param any whether every value must be masked whatever characters it holds
 */
public record Anchors(long low, long high, boolean any) {

    /** No character settles it: every value goes to the masker. */
    public static final Anchors ANY = new Anchors(0, 0, true);

    /** No value at all can match. */
    public static final Anchors NONE = new Anchors(0, 0, false);

    /** English letters from the most to the least frequent, to anchor a literal on its rarest letter. */
    private static final String LETTERS_BY_FREQUENCY = "etaoinshrdlcumwfgypbvkjxqz";

    /** Exactly the given ASCII characters. */
    public static Anchors of(char... chars) {
        long low = 0;
        long high = 0;
        for (char c : chars) {
            if (c >= 128) {
                throw new IllegalArgumentException("not ASCII: " + c);
            }
            if (c < 64) {
                low |= 1L << c;
            } else {
                high |= 1L << (c - 64);
            }
        }
        return new Anchors(low, high, false);
    }

    /** The digits {@code 0} to {@code 9}. */
    public static Anchors digits() {
        return of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
    }

    /**
     * One character of each literal (which a value containing the literal contains too), the one
     * least likely in the values logged most: a symbol before a letter, and the digits and letters
     * {@code a} to {@code f} last, since identifiers (UUIDs, trace ids, hashes) are made of them;
     * among letters, upper case first, then the rarer in English. {@link #ANY} if a literal is empty
     * or not ASCII.
     */
    public static Anchors oneOfEach(String... literals) {
        Anchors anchors = NONE;
        for (String literal : literals) {
            if (literal.isEmpty() || !literal.chars().allMatch(c -> c < 128)) {
                return ANY;
            }
            char rarest = literal.charAt(0);
            for (int i = 1; i < literal.length(); i++) {
                if (rarity(literal.charAt(i)) > rarity(rarest)) {
                    rarest = literal.charAt(i);
                }
            }
            anchors = anchors.and(of(rarest));
        }
        return anchors;
    }

    private static int rarity(char c) {
        if (Character.digit(c, 16) >= 0) {
            return LETTERS_BY_FREQUENCY.indexOf(Character.toLowerCase(c)); // -1 for a digit
        }
        int letter = LETTERS_BY_FREQUENCY.indexOf(Character.toLowerCase(c));
        if (letter < 0) {
            return 300;
        }
        return (Character.isUpperCase(c) ? 200 : 100) + letter;
    }

    /** The anchors of this and of {@code other}: a value goes to the maskers if either may change it. */
    public Anchors and(Anchors other) {
        if (any || other.any) {
            return ANY;
        }
        return new Anchors(low | other.low, high | other.high, false);
    }

    /** Whether {@code value} holds none of the anchors, so that no masker anchored here changes it. */
    public boolean noneIn(String value) {
        if (any) {
            return false;
        }
        for (int i = 0, length = value.length(); i < length; i++) {
            char c = value.charAt(i);
            if (c < 64 ? (low >>> c & 1) != 0 : c < 128 && (high >>> (c - 64) & 1) != 0) {
                return false;
            }
        }
        return true;
    }
}
