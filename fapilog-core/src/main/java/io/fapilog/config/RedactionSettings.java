package io.fapilog.config;

import io.fapilog.internal.pipeline.redactors.FieldNames;
import io.fapilog.internal.pipeline.redactors.Redactors;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which values are masked ({@code fapilog.redaction.*}).
 *
 * @param presets named rule sets: {@code credentials}, {@code pci}, {@code hipaa}
 * @param fields extra field names masked wherever they occur (case-insensitive, nested maps and lists included)
 * @param patterns extra regular expressions; matching parts of string values and of the message are masked
 * @param urlCredentials mask the {@code user:password@} part of URLs in string values and the message
 * @param failClosed drop an event (counted) when a redactor fails, instead of writing it with its message and every value masked
 */
public record RedactionSettings(Set<String> presets, Set<String> fields, List<String> patterns,
                                boolean urlCredentials, boolean failClosed) {

    public static final RedactionSettings NONE = new RedactionSettings(Set.of(), Set.of(), List.of(), false, false);

    public RedactionSettings {
        presets = Set.copyOf(presets);
        fields = Set.copyOf(fields);
        patterns = List.copyOf(patterns);
    }

    /**
     * Tells whether a field name is one these settings mask (a name of their presets or of
     * {@link #fields()}), matched as redaction matches keys: by words, across {@code _ - .}, humps
     * and case. For names redaction never sees, such as a sink's that join two keys
     * ({@code private.key}). Make it once: it is thread-safe and a test allocates nothing.
     *
     * @throws InvalidSettingException for an unknown preset or a blank field name
     */
    public Predicate<CharSequence> fieldNameMatcher() {
        FieldNames names = Redactors.fieldNames(this);
        return names.isEmpty() ? name -> false : name -> names.contains(name, 0, name.length());
    }

    public boolean isEmpty() {
        return presets.isEmpty() && fields.isEmpty() && patterns.isEmpty() && !urlCredentials;
    }
}
