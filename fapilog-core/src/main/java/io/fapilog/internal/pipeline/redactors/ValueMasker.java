package io.fapilog.internal.pipeline.redactors;

import java.util.List;

/**
 * Masks the sensitive parts of one string value. Returns the given instance itself when nothing
 * in it is sensitive (and then allocates nothing), so callers detect a change by identity.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface ValueMasker {

    /** Masks nothing. */
    ValueMasker NONE = value -> value;

    String mask(String value);

    /** Applies {@code maskers} in order. */
    static ValueMasker chain(List<? extends ValueMasker> maskers) {
        ValueMasker[] all = maskers.toArray(ValueMasker[]::new);
        if (all.length == 0) {
            return NONE;
        }
        if (all.length == 1) {
            return all[0];
        }
        return value -> {
            String result = value;
            for (ValueMasker masker : all) {
                result = masker.mask(result);
            }
            return result;
        };
    }
}
