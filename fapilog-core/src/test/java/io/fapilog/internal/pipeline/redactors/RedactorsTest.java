package io.fapilog.internal.pipeline.redactors;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.internal.FapilogThreads;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.config.RedactionSettings;
import io.fapilog.spi.Redactor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.fapilog.spi.Redactor.MASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RedactorsTest {

    private static final RedactionSettings EVERYTHING = new RedactionSettings(Set.of("credentials", "pci", "hipaa"),
            Set.of("internal_note"), List.of("ORD-\\d+"), true, true);

    @Test
    void nothingToMaskMeansNoRedactor() {
        assertThat(Redactors.from(RedactionSettings.NONE)).isEmpty();
    }

    @Test
    void mergesPresetsFieldsAndPatternsIntoOneRedactor() {
        List<Redactor> redactors = Redactors.from(EVERYTHING);
        LogEvent event = Events.withMessage("order ORD-42 by 123-45-6789 via https://a:b@h paid 4111111111111111",
                "password", "p", "cvv", "123", "ssn", "x", "Internal-Note", "n",
                "nested", Map.of("client_secret", "s", "ref", "ORD-7", "id", "id_7"));

        redactors.forEach(redactor -> redactor.redact(event));

        assertThat(redactors).hasSize(1);
        assertThat(event.message()).isEqualTo("order *** by *** via https://***@h paid ***");
        assertThat(event.data().toMap()).containsExactly(entry("password", MASK), entry("cvv", MASK),
                entry("ssn", MASK), entry("Internal-Note", MASK),
                entry("nested", Map.of("client_secret", MASK, "ref", MASK, "id", "id_7")));
    }

    /** The names a sink makes by joining keys are told by the settings' own names, matched as keys are. */
    @Test
    void theFieldNameMatcherKnowsThePresetsAndTheExtraFields() {
        var matcher = EVERYTHING.fieldNameMatcher();

        assertThat(List.of("private.key", "api.key", "x.API-KEY", "card.number", "patient.name", "internal.note", "password"))
                .allMatch(matcher);
        assertThat(List.of("private.keys", "order.id", "rapid.key", "thread.name")).noneMatch(matcher);
        assertThat(RedactionSettings.NONE.fieldNameMatcher().test("private.key")).isFalse();
        assertThat(new RedactionSettings(Set.of(), Set.of("iban"), List.of(), false, false).fieldNameMatcher()
                .test("private.key")).isFalse();
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> new RedactionSettings(Set.of(), Set.of("--"), List.of(), false, false).fieldNameMatcher())
                .withMessageContaining(Redactors.FIELDS_PROPERTY);
    }

    @Test
    void urlCredentialsAloneMasksOnlyUrls() {
        List<Redactor> redactors = Redactors.from(new RedactionSettings(Set.of(), Set.of(), List.of(), true, false));
        LogEvent event = Events.withMessage("to https://a:b@h", "password", "kept");

        redactors.forEach(redactor -> redactor.redact(event));

        assertThat(event.message()).isEqualTo("to https://***@h");
        assertThat(event.data().get("password")).isEqualTo("kept");
    }

    @Test
    void invalidPatternNamesThePropertyAndThePattern() {
        RedactionSettings settings = new RedactionSettings(Set.of(), Set.of(), List.of("ok", "([a-z"), false, false);

        assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> Redactors.from(settings))
                .withMessageStartingWith("Invalid value '([a-z' for fapilog.redaction.patterns; allowed: Java regular expressions (")
                .satisfies(e -> assertThat(e.property()).isEqualTo("fapilog.redaction.patterns"));
    }

    @Test
    void blankFieldNameNamesTheProperty() {
        RedactionSettings settings = new RedactionSettings(Set.of(), Set.of(" "), List.of(), false, false);

        assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> Redactors.from(settings))
                .withMessage("Invalid value ' ' for fapilog.redaction.fields; allowed: field names that are not blank");
    }

    @Test
    void redactingAnEventWithNothingToMaskAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemoryEnabled());
        Redactor redactor = Redactors.from(EVERYTHING).get(0);
        LogEvent event = Events.withContext(new Object[] {"request_id", "7f3c-42"},
                "user_id", 123, "item", "book shelf", "path", "/api/orders/42");
        event.data();
        event.context();
        long[] allocated = new long[1];
        FapilogThreads.marked(() -> { // on a worker, where events are redacted (an application's thread keeps no walk)
            for (int i = 0; i < 20_000; i++) {
                redactor.redact(event);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                redactor.redact(event);
            }
            allocated[0] = threads.getCurrentThreadAllocatedBytes() - before;
        }).run();

        assertThat(allocated[0]).isLessThan(1_000);
        assertThat(event.message()).isEqualTo("message");
    }

    /**
     * Masked strings are remembered per thread by identity; two engines with different rules on one
     * thread must each get their own answer for the same string instance, every time.
     */
    @Test
    void theSameStringMaskedByTwoConfigurationsOnOneThreadGetsEachItsOwnResult() {
        Redactor ordersMasked = Redactors.from(new RedactionSettings(Set.of(), Set.of(), List.of("ORD-\\d+"), false, false))
                .get(0);
        Redactor credentialsOnly = Redactors.from(new RedactionSettings(Set.of("credentials"), Set.of(), List.of(),
                false, false)).get(0);
        String message = "order ORD-42 shipped";
        String value = "ref ORD-7";
        for (int round = 0; round < 3; round++) {
            LogEvent first = Events.withMessage(message, "ref", value);
            ordersMasked.redact(first);
            assertThat(first.message()).isEqualTo("order *** shipped");
            assertThat(first.data().toMap()).containsExactly(entry("ref", "ref ***"));

            LogEvent second = Events.withMessage(message, "ref", value);
            credentialsOnly.redact(second);
            assertThat(second.message()).isSameAs(message);
            assertThat(second.data().toMap()).containsExactly(entry("ref", value));
        }
    }
}
