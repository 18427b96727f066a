package io.fapilog.internal.pipeline.redactors;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A pattern with a cheap pre-check: the regex runs only on values that could match, such as those
 * containing {@code eyJ} for a JWT. Redaction runs for every string of every event; most of them
 * fail the pre-check with one {@code indexOf}.
 *
 * @param pattern what is masked
 * @param mayMatch false only for values the pattern cannot match
 * @param anchors characters of which a value the pattern matches holds at least one
 * @param timeBounded whether a match may take at most {@link PatternMasker#MATCH_BUDGET} on a value
 *        (users' own patterns: one that backtracks without end would hold the worker for good)
 */
public record GuardedPattern(Pattern pattern, Predicate<String> mayMatch, Anchors anchors, boolean timeBounded) {

    /** One of fapilog's own patterns: written to run in linear time, so not timed. */
    public GuardedPattern(Pattern pattern, Predicate<String> mayMatch, Anchors anchors) {
        this(pattern, mayMatch, anchors, false);
    }

    /** A pattern without a pre-check (users' own patterns), timed. */
    public static GuardedPattern unguarded(Pattern pattern) {
        return new GuardedPattern(pattern, value -> true, Anchors.ANY, true);
    }

    /** A pattern that can only match values containing one of {@code literals}. */
    public static GuardedPattern requiring(Pattern pattern, String... literals) {
        return new GuardedPattern(pattern, value -> {
            for (String literal : literals) {
                if (value.contains(literal)) {
                    return true;
                }
            }
            return false;
        }, Anchors.oneOfEach(literals));
    }

    /** A pattern that can only match values containing {@code word} (lower-case ASCII letters), in any case. */
    public static GuardedPattern requiringIgnoreCase(Pattern pattern, String word) {
        if (!word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw new IllegalArgumentException("not lower-case ASCII letters: " + word);
        }
        return new GuardedPattern(pattern, value -> containsIgnoreCase(value, word),
                Anchors.oneOfEach(word).and(Anchors.oneOfEach(word.toUpperCase(Locale.ROOT))));
    }

    /** {@code word} is lower-case ASCII; the first letter is found by a cheap case fold before comparing. */
    private static boolean containsIgnoreCase(String value, String word) {
        char first = word.charAt(0);
        for (int i = 0, last = value.length() - word.length(); i <= last; i++) {
            if ((value.charAt(i) | 0x20) == first && value.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
