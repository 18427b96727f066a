package io.fapilog.internal.pipeline.redactors;

/** {@link ValueMasker#chain}: the maskers in order, for the values that hold one of their anchors. */
final class AnchoredChain implements ValueMasker {

    private final ValueMasker[] maskers;
    private final Anchors anchors;

    AnchoredChain(ValueMasker[] maskers, Anchors anchors) {
        this.maskers = maskers;
        this.anchors = anchors;
    }

    @Override
    public String mask(String value) {
        if (anchors.noneIn(value)) {
            return value;
        }
        String result = value;
        for (ValueMasker masker : maskers) {
            result = masker.mask(result);
        }
        return result;
    }

    @Override
    public Anchors anchors() {
        return anchors;
    }
}
