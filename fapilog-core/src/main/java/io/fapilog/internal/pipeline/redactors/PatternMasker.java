package io.fapilog.internal.pipeline.redactors;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks every non-empty match of each pattern, in order. Matchers are reused per thread, so a value
 * without a match costs no allocation; they are reset after each use so no value stays referenced.
 */
public final class PatternMasker implements ValueMasker {

    private final List<GuardedPattern> patterns;
    private final ThreadLocal<Matcher[]> matchers;

    public PatternMasker(List<GuardedPattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.matchers = ThreadLocal.withInitial(
                () -> this.patterns.stream().map(guarded -> guarded.pattern().matcher("")).toArray(Matcher[]::new));
    }

    /** A masker for patterns without pre-checks. */
    public static PatternMasker of(List<Pattern> patterns) {
        return new PatternMasker(patterns.stream().map(GuardedPattern::unguarded).toList());
    }

    @Override
    public String mask(String value) {
        String result = value;
        Matcher[] all = null;
        for (int i = 0; i < patterns.size(); i++) {
            if (!patterns.get(i).mayMatch().test(result)) {
                continue;
            }
            if (all == null) {
                all = matchers.get();
            }
            Matcher matcher = all[i];
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
    public Anchors anchors() {
        Anchors anchors = Anchors.NONE;
        for (GuardedPattern pattern : patterns) {
            anchors = anchors.and(pattern.anchors());
        }
        return anchors;
    }

    @Override
    public String toString() {
        return "PatternMasker" + patterns;
    }
}
