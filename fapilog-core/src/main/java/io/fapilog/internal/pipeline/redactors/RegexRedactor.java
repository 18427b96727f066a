package io.fapilog.internal.pipeline.redactors;

import java.util.List;
import java.util.regex.Pattern;

/** Masks the parts of string values (nested ones included) and of the message that match a pattern. */
public final class RegexRedactor extends EventRedactor {

    public RegexRedactor(List<Pattern> patterns) {
        super(FieldNames.NONE, PatternMasker.of(patterns));
    }
}
