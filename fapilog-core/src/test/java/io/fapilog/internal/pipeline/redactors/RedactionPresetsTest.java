package io.fapilog.internal.pipeline.redactors;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.config.RedactionSettings;
import io.fapilog.spi.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.fapilog.spi.Redactor.MASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class RedactionPresetsTest {

    static final Map<String, Set<String>> EXPECTED_FIELDS = Map.of(
            "credentials", Set.of("password", "passwd", "pwd", "secret", "token", "access_token", "refresh_token",
                    "id_token", "api_key", "apikey", "x-api-key", "authorization", "auth", "client_secret",
                    "private_key", "cookie", "set-cookie", "session", "sessionid", "jwt", "bearer", "credential",
                    "credentials", "passphrase", "passcode", "code_verifier", "pin", "otp"),
            "pci", Set.of("card_number", "cardnumber", "pan", "cvv", "cvc", "cvv2", "expiry", "exp_date"),
            "hipaa", Set.of("ssn", "social_security_number", "dob", "date_of_birth", "mrn", "medical_record_number",
                    "patient_name", "diagnosis", "insurance_id"));

    static Stream<Arguments> presetFields() {
        return EXPECTED_FIELDS.entrySet().stream()
                .flatMap(preset -> preset.getValue().stream().sorted().map(field -> Arguments.of(preset.getKey(), field)));
    }

    private static Redactor redactor(String preset) {
        return Redactors.from(new RedactionSettings(Set.of(preset), Set.of(), List.of(), false, false)).get(0);
    }

    @Test
    void presetsDeclareExactlyTheirFieldNames() {
        EXPECTED_FIELDS.forEach((name, fields) -> assertThat(RedactionPresets.named(name).fields()).isEqualTo(fields));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("presetFields")
    void presetMasksItsFieldInContextDataAndNestedStructures(String preset, String field) {
        Object[] bound = {field, "v0", "request_id", "r1"};
        Map<String, Object> nestedMap = Map.of(field, "v2", "keep", "k");
        LogEvent event = Events.withContext(bound, field, "v1", "nested", nestedMap,
                "list", List.of(Map.of(field, "v3")), "array", new Object[] {Map.of(field, "v4")},
                "upper", Map.of(field.toUpperCase(Locale.ROOT), "v5"));

        redactor(preset).redact(event);

        assertThat(event.context().toMap()).containsExactly(entry(field, MASK), entry("request_id", "r1"));
        assertThat(event.data().toMap()).containsExactly(entry(field, MASK),
                entry("nested", Map.of(field, MASK, "keep", "k")), entry("list", List.of(Map.of(field, MASK))),
                entry("array", List.of(Map.of(field, MASK))),
                entry("upper", Map.of(field.toUpperCase(Locale.ROOT), MASK)));
        assertThat(bound).containsExactly(field, "v0", "request_id", "r1");
        assertThat(nestedMap).containsEntry(field, "v2");
    }

    /** A PIN or a one-time password under its name; as short names, whole words only. */
    @Test
    void credentialsPresetMasksPinsAndOneTimePasswordsAsWholeWordsOnly() {
        LogEvent event = Events.withData("pin", "4711", "userPin", "4712", "pin_code", "4713", "otp", "907112",
                "spinner", "on", "pinned", "yes", "shipping", "std", "otpauth_hint", "kept");

        redactor("credentials").redact(event);

        assertThat(event.data().toMap()).containsExactly(entry("pin", MASK), entry("userPin", MASK), entry("pin_code", MASK),
                entry("otp", MASK), entry("spinner", "on"), entry("pinned", "yes"), entry("shipping", "std"),
                entry("otpauth_hint", "kept"));
    }

    @Test
    void credentialsPresetMasksTokensAndUrlCredentialsInValues() {
        LogEvent event = Events.withMessage("auth Bearer abc.def", "url", "https://u:p@host", "key", "AKIAIOSFODNN7EXAMPLE");

        redactor("credentials").redact(event);

        assertThat(event.message()).isEqualTo("auth Bearer ***");
        assertThat(event.data().toMap()).containsExactly(entry("url", "https://***@host"), entry("key", MASK));
    }

    /** A no-break space reads as a space: the token after it was left in clear. */
    @Test
    void credentialsPresetMasksABearerTokenAfterANoBreakSpace() {
        LogEvent event = Events.withMessage("auth Bearer\u00A0abc.def.ghi ok");

        redactor("credentials").redact(event);

        assertThat(event.message()).isEqualTo("auth Bearer\u00A0*** ok");
    }

    @Test
    void pciPresetMasksLuhnValidCardNumbersOnly() {
        LogEvent event = Events.withMessage("paid 4111 1111 1111 1111", "ref", "4111 1111 1111 1112");

        redactor("pci").redact(event);

        assertThat(event.message()).isEqualTo("paid ***");
        assertThat(event.data().get("ref")).isEqualTo("4111 1111 1111 1112");
    }

    @Test
    void hipaaPresetMasksSocialSecurityNumbers() {
        LogEvent event = Events.withMessage("patient 123-45-6789 admitted", "notes", List.of("ssn 987-65-4321"));

        redactor("hipaa").redact(event);

        assertThat(event.message()).isEqualTo("patient *** admitted");
        assertThat(event.data().get("notes")).isEqualTo(List.of("ssn ***"));
    }

    @Test
    void presetNamesIgnoreCase() {
        assertThat(RedactionPresets.named(" PCI ")).isSameAs(RedactionPresets.PCI);
    }

    @Test
    void unknownPresetNamesThePropertyAndTheAllowedValues() {
        assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> RedactionPresets.named("gdpr"))
                .withMessage("Invalid value 'gdpr' for fapilog.redaction.presets; "
                        + "allowed: one of: credentials, pci, hipaa");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Redactors.from(new RedactionSettings(Set.of("nope"), Set.of(), List.of(), false, false)))
                .withMessageContaining("fapilog.redaction.presets").withMessageContaining("'nope'");
    }
}
