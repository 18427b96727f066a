package io.fapilog.internal.pipeline.redactors;

import java.util.Set;

/**
 * Masks the value of every field whose name is in {@code names}, in {@code context} and
 * {@code data}, nested structures and beans included, and the value after such a name in text
 * ({@code password=x}, JSON in a string, URL query parameters); names match as {@link FieldNames} does.
 */
public final class FieldNameRedactor extends EventRedactor {

    public FieldNameRedactor(Set<String> names) {
        this(FieldNames.of(names));
    }

    private FieldNameRedactor(FieldNames names) {
        super(names, new KeyValueTextMasker(names));
    }
}
