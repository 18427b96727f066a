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

    /** The characters a value must hold for this masker to change it; {@link Anchors#ANY} unless said. */
    default Anchors anchors() {
        return Anchors.ANY;
    }

    /**
     * Applies {@code maskers} in order, to the values that hold one of their {@link #anchors()}; the
     * others are returned after one pass over their characters.
     */
    static ValueMasker chain(List<? extends ValueMasker> maskers) {
        ValueMasker[] all = maskers.toArray(ValueMasker[]::new);
        if (all.length == 0) {
            return NONE;
        }
        Anchors anchors = Anchors.NONE;
        for (ValueMasker masker : all) {
            anchors = anchors.and(masker.anchors());
        }
        return all.length == 1 && anchors.any() ? all[0] : new AnchoredChain(all, anchors);
    }
}
