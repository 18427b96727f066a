package io.fapilog.config;

import java.util.List;
import java.util.Set;

/**
 * Which values are masked ({@code fapilog.redaction.*}).
 *
 * @param presets named rule sets: {@code credentials}, {@code pci}, {@code hipaa}
 * @param fields extra field names masked wherever they occur (case-insensitive, nested maps and lists included)
 * @param patterns extra regular expressions; matching parts of string values and of the message are masked
 * @param urlCredentials mask the {@code user:password@} part of URLs in string values and the message
 * @param failClosed drop an event (counted) when a redactor fails, instead of writing it unredacted
 */
public record RedactionSettings(Set<String> presets, Set<String> fields, List<String> patterns,
                                boolean urlCredentials, boolean failClosed) {

    public static final RedactionSettings NONE = new RedactionSettings(Set.of(), Set.of(), List.of(), false, false);

    public RedactionSettings {
        presets = Set.copyOf(presets);
        fields = Set.copyOf(fields);
        patterns = List.copyOf(patterns);
    }

    public boolean isEmpty() {
        return presets.isEmpty() && fields.isEmpty() && patterns.isEmpty() && !urlCredentials;
    }
}
