package io.fapilog.internal.pipeline.redactors;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.RedactionSettings;
import io.fapilog.spi.Redactor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Builds the redactors that {@link RedactionSettings} ask for. */
public final class Redactors {

    /** The property of extra field names, for error messages. */
    public static final String FIELDS_PROPERTY = "fapilog.redaction.fields";
    /** The property of extra patterns, for error messages. */
    public static final String PATTERNS_PROPERTY = "fapilog.redaction.patterns";

    private Redactors() {
    }

    /**
     * One redactor that applies, in a single walk over each event, the presets, the extra field
     * names and patterns and URL-credential masking of {@code settings}: all field names are merged
     * into one set, masking values under those names in structures and in text
     * ({@link KeyValueTextMasker}), and all value rules into one pass. Empty when nothing is to be masked.
     *
     * @throws IllegalArgumentException for an unknown preset, a blank field name or an invalid
     *         pattern, naming the property and the bad value
     */
    public static List<Redactor> from(RedactionSettings settings) {
        return from(settings, true);
    }

    /**
     * As {@link #from(RedactionSettings)}; {@code userDiagnostics}: whether the application's
     * enrichers or filters may write diagnostics ({@link EventRedactor#EventRedactor(FieldNames, ValueMasker, boolean)}).
     */
    public static List<Redactor> from(RedactionSettings settings, boolean userDiagnostics) {
        return from(settings, userDiagnostics, io.fapilog.internal.event.CallSnapshot.MAX_ELEMENTS);
    }

    /** As {@link #from(RedactionSettings, boolean)}; {@code maxElements}: elements walked of one map or collection, the encoders' {@code maxCollectionSize}. */
    public static List<Redactor> from(RedactionSettings settings, boolean userDiagnostics, int maxElements) {
        if (settings.isEmpty()) {
            return List.of();
        }
        FieldNames names = fieldNames(settings);
        return List.of(new EventRedactor(names, values(settings, names), userDiagnostics, maxElements));
    }

    /**
     * What {@code settings} mask in a text, for texts that are no event's: a failing sink's error
     * message, shown in health, the endpoint and standard error (a URL with its credentials in an
     * exception of the sink's client). The text as it is when nothing is to be masked.
     */
    public static UnaryOperator<String> textMasker(RedactionSettings settings) {
        if (settings.isEmpty()) {
            return UnaryOperator.identity();
        }
        ValueMasker values = values(settings, fieldNames(settings));
        return text -> text == null ? null : values.mask(text);
    }

    private static ValueMasker values(RedactionSettings settings, FieldNames names) {
        List<GuardedPattern> patterns = new ArrayList<>();
        boolean urlCredentials = settings.urlCredentials();
        boolean cardNumbers = false;
        for (String name : new TreeSet<>(settings.presets())) {
            RedactionPresets.Preset preset = RedactionPresets.named(name);
            patterns.addAll(preset.patterns());
            urlCredentials |= preset.urlCredentials();
            cardNumbers |= preset.cardNumbers();
        }
        for (String regex : settings.patterns()) {
            patterns.add(GuardedPattern.unguarded(compile(regex)));
        }
        List<ValueMasker> values = new ArrayList<>();
        if (urlCredentials) {
            values.add(new UrlCredentialsMasker());
        }
        if (!names.isEmpty()) {
            values.add(new KeyValueTextMasker(names));
        }
        if (!patterns.isEmpty()) {
            values.add(new PatternMasker(patterns));
        }
        if (cardNumbers) {
            values.add(new CardNumberMasker());
        }
        return ValueMasker.chain(values);
    }

    /**
     * The field names {@code settings} mask: those of its presets and its extra fields.
     *
     * @throws IllegalArgumentException for an unknown preset or a blank field name, naming the property
     */
    public static FieldNames fieldNames(RedactionSettings settings) {
        Set<String> fields = new LinkedHashSet<>();
        for (String name : new TreeSet<>(settings.presets())) {
            fields.addAll(RedactionPresets.named(name).fields());
        }
        for (String field : new TreeSet<>(settings.fields())) {
            if (FieldNames.isBlank(field)) {
                throw new InvalidSettingException(FIELDS_PROPERTY, field, "field names that are not blank");
            }
            fields.add(field);
        }
        return FieldNames.of(fields);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidSettingException(PATTERNS_PROPERTY, regex,
                    "Java regular expressions (" + e.getDescription() + ")", e);
        }
    }
}
