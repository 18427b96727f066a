package io.fapilog.internal.pipeline.redactors;

import io.fapilog.config.InvalidSettingException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The named redaction presets of {@code fapilog.redaction.presets}: {@code credentials}, {@code pci}, {@code hipaa}. */
public final class RedactionPresets {

    /** The property that names presets, for error messages. */
    public static final String PROPERTY = "fapilog.redaction.presets";

    /**
     * One preset.
     *
     * @param name its name in {@code fapilog.redaction.presets}
     * @param fields field names masked wherever they occur
     * @param patterns patterns masked in string values and the message
     * @param urlCredentials whether URL user-info is masked ({@link UrlCredentialsMasker})
     * @param cardNumbers whether Luhn-valid card numbers are masked ({@link CardNumberMasker})
     */
    public record Preset(String name, Set<String> fields, List<GuardedPattern> patterns, boolean urlCredentials,
                         boolean cardNumbers) {

        public Preset {
            fields = Set.copyOf(fields);
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * Secrets: passwords, tokens, keys, cookies; in values, the token after {@code Bearer} (4 characters
     * or more, so prose such as "the bearer of" is kept), JWTs, AWS access key ids, PEM private keys'
     * bodies, bcrypt password hashes and URL credentials.
     */
    public static final Preset CREDENTIALS = new Preset("credentials",
            Set.of("password", "passwd", "pwd", "secret", "token", "access_token", "refresh_token", "id_token",
                    "api_key", "apikey", "x-api-key", "authorization", "auth", "client_secret", "private_key",
                    "cookie", "set-cookie", "session", "sessionid", "jwt", "bearer", "credential", "credentials",
                    "passphrase", "passcode", "code_verifier", "pin", "otp"),
            List.of(GuardedPattern.requiringIgnoreCase(
                            Pattern.compile("(?i)(?<=\\bbearer[\\s\\u00a0]{1,8})[A-Za-z0-9._~+/-]{4,}=*"), "bearer"),
                    GuardedPattern.requiring(
                            Pattern.compile("\\beyJ[A-Za-z0-9_-]*\\.eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*"), "eyJ"),
                    GuardedPattern.requiring(Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), "AKIA", "ASIA"),
                    // a PEM private key's body, to its END line or the end of the text (a cut one)
                    GuardedPattern.requiring(Pattern.compile(
                            "(?<=-----BEGIN [A-Z0-9 ]{0,32}PRIVATE KEY-----)[\\s\\S]+?(?=-----END [A-Z0-9 ]{0,32}PRIVATE KEY-----|\\z)"),
                            "KEY"), // its rarest letter, K, an anchor already: a UUID still has none
                    // a bcrypt password hash: $2a$10$ and 53 characters of salt and hash
                    GuardedPattern.requiring(Pattern.compile("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}"), "$2")),
            true, false);

    /** Payment cards: card number, CVV and expiry fields; Luhn-valid card numbers in values. */
    public static final Preset PCI = new Preset("pci",
            Set.of("card_number", "cardnumber", "pan", "cvv", "cvc", "cvv2", "expiry", "exp_date"),
            List.of(), false, true);

    /** Health data: identifiers, dates of birth, diagnoses; US social security numbers in values. */
    public static final Preset HIPAA = new Preset("hipaa",
            Set.of("ssn", "social_security_number", "dob", "date_of_birth", "mrn", "medical_record_number",
                    "patient_name", "diagnosis", "insurance_id"),
            List.of(GuardedPattern.requiring(Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"), "-")),
            false, false);

    private static final Map<String, Preset> BY_NAME = Stream.of(CREDENTIALS, PCI, HIPAA)
            .collect(Collectors.toUnmodifiableMap(Preset::name, Function.identity()));

    private RedactionPresets() {
    }

    /**
     * The preset called {@code name}, ignoring case.
     *
     * @throws InvalidSettingException naming {@value #PROPERTY} and the allowed values
     */
    public static Preset named(String name) {
        Preset preset = name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
        if (preset == null) {
            throw new InvalidSettingException(PROPERTY, name, "one of: " + allowedValues());
        }
        return preset;
    }

    /** The preset names, comma separated, for error messages. */
    public static String allowedValues() {
        return CREDENTIALS.name() + ", " + PCI.name() + ", " + HIPAA.name();
    }
}
