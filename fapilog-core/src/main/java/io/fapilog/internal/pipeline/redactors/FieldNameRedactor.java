package io.fapilog.internal.pipeline.redactors;

import java.util.Set;

/**
 * Masks the value of every field whose name is in {@code names}, in {@code context} and
 * {@code data}, nested maps included; names compare as {@link FieldNames} does (ignoring case,
 * {@code -} and {@code _}).
 */
public final class FieldNameRedactor extends EventRedactor {

    public FieldNameRedactor(Set<String> names) {
        super(FieldNames.of(names), ValueMasker.NONE);
    }
}
