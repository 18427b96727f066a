package io.fapilog.pipeline.redactors;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks every non-empty match of each pattern, in order. Matchers are reused per thread, so a value
 * without a match costs no allocation; they are reset after each use so no value stays referenced.
 */
public final class PatternMasker implements ValueMasker {

    private final List<Pattern> patterns;
    private final ThreadLocal<Matcher[]> matchers;

    public PatternMasker(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.matchers = ThreadLocal.withInitial(
                () -> this.patterns.stream().map(pattern -> pattern.matcher("")).toArray(Matcher[]::new));
    }

    @Override
    public String mask(String value) {
        String result = value;
        for (Matcher matcher : matchers.get()) {
            matcher.reset(result);
            MaskBuilder masked = null;
            while (matcher.find()) {
                if (matcher.end() > matcher.start()) {
                    masked = (masked == null ? new MaskBuilder(result) : masked).mask(matcher.start(), matcher.end());
                }
            }
            matcher.reset("");
            if (masked != null) {
                result = masked.result();
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "PatternMasker" + patterns;
    }
}
