package io.fapilog.internal.pipeline.redactors;

/** Masks Luhn-valid card numbers in string values and the message, as {@link CardNumberMasker} does. */
public final class CardNumberRedactor extends EventRedactor {

    public CardNumberRedactor() {
        super(FieldNames.NONE, new CardNumberMasker());
    }
}
