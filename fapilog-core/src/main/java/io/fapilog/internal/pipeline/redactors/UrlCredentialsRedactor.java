package io.fapilog.internal.pipeline.redactors;

/** Masks {@code user:password@} in URLs found in string values and the message, as {@link UrlCredentialsMasker} does. */
public final class UrlCredentialsRedactor extends EventRedactor {

    public UrlCredentialsRedactor() {
        super(FieldNames.NONE, new UrlCredentialsMasker());
    }
}
