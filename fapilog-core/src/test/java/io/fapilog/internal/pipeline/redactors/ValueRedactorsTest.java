package io.fapilog.internal.pipeline.redactors;

import io.fapilog.internal.event.LogEvent;
import io.fapilog.config.RedactionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static io.fapilog.spi.Redactor.MASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ValueRedactorsTest {

    private static final ValueMasker URLS = new UrlCredentialsMasker();
    private static final ValueMasker CARDS = new CardNumberMasker();
    private static final ValueMasker CREDENTIALS = new PatternMasker(RedactionPresets.CREDENTIALS.patterns());
    private static final ValueMasker SSN = new PatternMasker(RedactionPresets.HIPAA.patterns());

    @Test
    void regexMasksOnlyTheMatchingPartsOfValuesNestedValuesAndTheMessage() {
        RegexRedactor redactor = new RegexRedactor(List.of(Pattern.compile("\\d{4}-\\d{4}"), Pattern.compile("(?i)secret")));
        LogEvent event = Events.withMessage("code 1234-5678 and 9999-0000", "note", "my SECRET plan",
                "nested", Map.of("list", List.of("id 1111-2222.", 5)), "array", new Object[] {"secret", "ok"},
                "builder", new StringBuilder("x secret"), "untouched", "12-34");

        redactor.redact(event);

        assertThat(event.message()).isEqualTo("code *** and ***");
        assertThat(event.data().toMap()).containsExactly(entry("note", "my *** plan"),
                entry("nested", Map.of("list", List.of("id ***.", 5))), entry("array", List.of(MASK, "ok")),
                entry("builder", "x ***"), entry("untouched", "12-34"));
    }

    @Test
    void regexIgnoresEmptyMatchesAndReturnsTheSameInstanceWhenNothingMatches() {
        ValueMasker masker = PatternMasker.of(List.of(Pattern.compile("x*"), Pattern.compile("\\d+")));
        String value = new String("no digits here");

        assertThat(masker.mask(value)).isSameAs(value);
        assertThat(masker.mask("abxxc 42")).isEqualTo("ab***c ***");
    }

    @Test
    void alreadyMaskedValuesAreLeftAsTheyAre() {
        ValueMasker masker = PatternMasker.of(List.of(Pattern.compile("\\*+")));
        String masked = "a *** b";

        assertThat(masker.mask(masked)).isSameAs(masked);
        assertThat(URLS.mask("https://***@host")).isEqualTo("https://***@host");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "connect to postgres://admin:hunter2@db:5432/app now | connect to postgres://***@db:5432/app now",
            "https://ghp_token@github.com/org/repo.git            | https://***@github.com/org/repo.git",
            "https://u:p@ss@host/x?y=1                             | https://***@host/x?y=1",
            "a http://a:b@h1 and ftp://c:d@h2/f                    | a http://***@h1 and ftp://***@h2/f",
            "'amqp://guest:guest@rabbit'                           | 'amqp://***@rabbit'",
            "jdbc:oracle:thin:scott/tiger@db:1521:orcl              | jdbc:oracle:thin:***@db:1521:orcl",
            "url=JDBC:ORACLE:OCI:app/p@ss/w@//db/svc and more      | url=JDBC:ORACLE:OCI:***@//db/svc and more",
            "jdbc:oracle:thin:a/b@(DESCRIPTION=(HOST=h)) jdbc:oracle:thin:c/d@h2 | jdbc:oracle:thin:***@(DESCRIPTION=(HOST=h)) jdbc:oracle:thin:***@h2",
            "jdbc:oracle:thin:scott/tiger@//h/s https://u:p@h/x   | jdbc:oracle:thin:***@//h/s https://***@h/x"})
    void urlCredentialsAreMasked(String value, String expected) {
        assertThat(URLS.mask(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://host/path?mail=a@b.c", "https://host/#x@y", "mailto:ann@example.com",
            "user@host", "https://@host", "no url at all", "://@", "jdbc:oracle:thin:@db:1521:orcl",
            "jdbc:oracle:thin:@//db/svc", "jdbc:oracle:thin: scott@host", "jdbc:oracle:"})
    void textWithoutUrlCredentialsIsKept(String value) {
        assertThat(URLS.mask(value)).isSameAs(value);
    }

    @Test
    void urlCredentialsRedactorCoversValuesAndMessage() {
        LogEvent event = Events.withMessage("GET https://bob:pw@api/x", "urls", List.of("redis://:pw@cache:6379"));

        new UrlCredentialsRedactor().redact(event);

        assertThat(event.message()).isEqualTo("GET https://***@api/x");
        assertThat(event.data().get("urls")).isEqualTo(List.of("redis://***@cache:6379"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "paid with 4111 1111 1111 1111 today | paid with *** today",
            "4111-1111-1111-1111                 | ***",
            "4111.1111.1111.1111                 | ***",
            "card 5555 5555-5555.4444 ok         | card *** ok",
            "card=4111111111111111;              | card=***;",
            "amex 378282246310005.               | amex ***.",
            "visa13 4222222222222 ok             | visa13 *** ok",
            "4111 1111 1111 1111 2 items         | *** 2 items",
            "qty 2 5555 5555 5555 4444           | qty 2 ***",
            "two 4012888888881881 and 6011111111111117 | two *** and ***"})
    void luhnValidCardNumbersAreMasked(String value, String expected) {
        assertThat(CARDS.mask(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "4111 1111 1111 1112",       // fails Luhn
            "x4111111111111111",          // glued to a letter
            "41111111111111111111111",    // too long
            "411111111111",               // too short
            "1700000000000 ms epoch",     // 13 digits, passes Luhn, starts with 1
            "order 12 34 56",
            "total 1234567.89 and 10.0.0.1",     // amounts and addresses have too few digits
            "v2026.12.04.1234"})
    void otherNumbersAreKept(String value) {
        assertThat(CARDS.mask(value)).isSameAs(value);
    }

    @Test
    void randomSixteenDigitNumbersFailingLuhnAreKept() {
        Random random = new Random(42);
        for (int n = 0; n < 1_000; n++) {
            StringBuilder digits = new StringBuilder("4");
            for (int i = 0; i < 15; i++) {
                digits.append(random.nextInt(10));
            }
            if (CardNumberMasker.passesLuhn(digits, 0, digits.length())) {
                digits.setCharAt(15, (char) ('0' + (digits.charAt(15) - '0' + 1) % 10));
            }
            String value = "id " + digits;

            assertThat(CARDS.mask(value)).isSameAs(value);
        }
    }

    @Test
    void cardNumberRedactorCoversValuesAndMessage() {
        LogEvent event = Events.withMessage("charging 4111111111111111", "card", Map.of("n", "5500 0000 0000 0004"));

        new CardNumberRedactor().redact(event);

        assertThat(event.message()).isEqualTo("charging ***");
        assertThat(event.data().get("card")).isEqualTo(Map.of("n", MASK));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ssn 123-45-6789 ok       | ssn *** ok",
            "123-45-6789,987-65-4321  | ***,***"})
    void socialSecurityNumbersAreMasked(String value, String expected) {
        assertThat(SSN.mask(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1123-45-6789", "123-45-67890", "123456789", "12-345-6789"})
    void otherDashedNumbersAreKept(String value) {
        assertThat(SSN.mask(value)).isSameAs(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Authorization: Bearer abc.def                | Authorization: Bearer ***",
            "bearer  dGVzdA== rest                        | bearer  *** rest",
            "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_x end | token *** end",
            "key AKIAIOSFODNN7EXAMPLE used                | key *** used"})
    void credentialPatternsMaskTokens(String value, String expected) {
        assertThat(CREDENTIALS.mask(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"the bearer of bad news", "AKIA too short", "eyJ alone", "Bearer"})
    void credentialPatternsKeepOrdinaryText(String value) {
        assertThat(CREDENTIALS.mask(value)).isSameAs(value);
    }

    @Test
    void bearerTokenInTheMessageIsMaskedByTheCredentialsPreset() {
        LogEvent event = Events.withMessage("calling with Bearer abc.def");

        Redactors.from(new RedactionSettings(Set.of("credentials"), Set.of(), List.of(), false, false))
                .forEach(redactor -> redactor.redact(event));

        assertThat(event.message()).isEqualTo("calling with Bearer ***");
    }
}
