package io.fapilog.internal.pipeline.redactors;

import io.fapilog.config.RedactionSettings;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.internal.event.ThrowableCopy;
import io.fapilog.spi.Redactor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.fapilog.spi.Redactor.MASK;
import static org.assertj.core.api.Assertions.assertThat;

/** The walker over every value shape, through the redactor the credentials preset builds. */
class StructureRedactionTest {

    private final EventRedactor redactor = (EventRedactor) Redactors.from(
            new RedactionSettings(Set.of("credentials"), Set.of(), List.of(), true, false)).get(0);

    record Login(String user, String password) {
    }

    @Test
    void aRecordBecomesItsMaskedTree() {
        LogEvent event = Events.withData("login", new Login("ann", "hunter2"));

        redactor.redact(event);

        assertThat(event.data().get("login").toString()).isEqualTo("{\"user\":\"ann\",\"password\":\"***\"}");
    }

    @Test
    void aJsonNodeIsMaskedIntoACopy() {
        ObjectNode node = JsonMapper.builder().build().createObjectNode();
        node.putObject("db").put("db_password", "hunter2").put("host", "h");
        LogEvent event = Events.withData("config", node);

        redactor.redact(event);

        assertThat(event.data().get("config").toString()).isEqualTo("{\"db\":{\"db_password\":\"***\",\"host\":\"h\"}}");
        assertThat(node.get("db").get("db_password").asString()).isEqualTo("hunter2");
    }

    @Test
    void wrappersAndUrisAreMaskedAsWhatTheyHold() {
        URI uri = URI.create("https://u:p@h/x?access_token=abc&page=2");
        LogEvent event = Events.withData("o", Optional.of(Map.of("password", "x")), "uri", uri,
                "plainUri", URI.create("https://h/x?page=2"));

        redactor.redact(event);

        assertThat(event.data().get("o")).isEqualTo(Map.of("password", MASK));
        assertThat(event.data().get("uri")).isEqualTo("https://***@h/x?access_token=***&page=2");
        assertThat(event.data().get("plainUri")).isInstanceOf(URI.class);
    }

    @Test
    void aThrowableIsReplacedByAMaskedCopyKeepingItsTypeAndTrace() {
        IllegalStateException cause = new IllegalStateException("token=abc");
        RuntimeException error = new RuntimeException("password=hunter2", cause);
        error.addSuppressed(new IllegalArgumentException("harmless"));
        LogEvent event = new LogEvent(0, io.fapilog.Level.ERROR, "t", "m", error, "main", null, null);

        redactor.redact(event);

        assertThat(event.throwable()).isInstanceOf(ThrowableCopy.class);
        ThrowableCopy masked = (ThrowableCopy) event.throwable();
        assertThat(masked.typeName()).isEqualTo(RuntimeException.class.getName());
        assertThat(masked.getMessage()).isEqualTo("password=***");
        assertThat(masked.getStackTrace()).isEqualTo(error.getStackTrace());
        assertThat(masked.getCause()).hasToString(IllegalStateException.class.getName() + ": token=***");
        assertThat(masked.getSuppressed()).singleElement().hasToString(IllegalArgumentException.class.getName() + ": harmless");
        assertThat(error.getMessage()).isEqualTo("password=hunter2");
    }

    @Test
    void aThrowableWithNothingToMaskIsWrittenAsItWasChecked() {
        RuntimeException error = new RuntimeException("plain");
        LogEvent event = new LogEvent(0, io.fapilog.Level.ERROR, "t", "m", error, "main", null, null);

        redactor.redact(event);

        ThrowableCopy checked = (ThrowableCopy) event.throwable();
        assertThat(checked.typeName()).isEqualTo(RuntimeException.class.getName());
        assertThat(checked.getMessage()).isEqualTo("plain");
        assertThat(checked.getStackTrace()).isEqualTo(error.getStackTrace());
    }

    /**
     * A message that reads otherwise the second time (built anew from state that changed) is written
     * as redaction checked it: the encoders wrote the original's, read again, which held a secret
     * redaction never saw.
     */
    @Test
    void aMessageThatChangesBetweenReadsIsWrittenAsChecked() {
        RuntimeException flipping = new RuntimeException() {
            private int reads;

            @Override
            public String getMessage() {
                return reads++ == 0 ? "clean" : "password=hunter2";
            }
        };
        LogEvent event = new LogEvent(0, io.fapilog.Level.ERROR, "t", "m", flipping, "main", null, null);

        redactor.redact(event);

        assertThat(event.throwable().getMessage()).isEqualTo("clean");
        assertThat(event.throwable().getMessage()).isEqualTo("clean");
    }

    @Test
    void aValueWhoseIterationFailsIsMaskedAndCountedAndTheRestIsStillRedacted() {
        Iterable<Object> failing = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                throw new ConcurrentModificationException();
            }
        };
        long before = redactor.failures();
        LogEvent event = Events.withMessage("password=hunter2", "lazy", failing, "nested", Map.of("l", failing),
                "api_key", "k", "note", "token=abc");

        redactor.redact(event);

        assertThat(event.data().toMap()).containsExactly(Map.entry("lazy", MASK), Map.entry("nested", Map.of("l", MASK)),
                Map.entry("api_key", MASK), Map.entry("note", "token=***"));
        assertThat(event.message()).isEqualTo("password=***");
        assertThat(event.diagnostics().get(EventRedactor.FAILURES_KEY))
                .isEqualTo("2 (java.util.ConcurrentModificationException)");
        assertThat(redactor.failures() - before).isEqualTo(2);
    }

    @Test
    void aBeanWithoutPropertiesIsMaskedAsItsText() {
        Object lombokStyle = new Object() {
            @Override
            public String toString() {
                return "User(name=ann, password=hunter2)";
            }
        };
        LogEvent event = Events.withData("user", lombokStyle);

        redactor.redact(event);

        assertThat(event.data().get("user")).isInstanceOfSatisfying(tools.jackson.databind.JsonNode.class,
                text -> assertThat(text.stringValue()).isEqualTo("User(name=ann, password=***)"));
    }

    @Test
    void aBeanTreeIsReturnedEvenWithNothingToMaskSoEncodersDoNotConvertItAgain() {
        LogEvent event = Events.withData("login", new Login("ann", null), "n", 1);

        redactor.redact(event);

        assertThat(event.data().get("login")).isInstanceOf(JsonNode.class);
        assertThat(event.data().get("n")).isEqualTo(1);
        assertThat(Redactor.MASK).isEqualTo(MASK);
    }

    @Test
    void whatTheCallCopiedIsMaskedInPlaceWhatItSharesIsCopied() {
        Map<String, Object> callersMap = new java.util.HashMap<>(Map.of("password", "x", "n", 1));
        Object[] captured = io.fapilog.internal.event.CallSnapshot.of(new Object[] {"m", callersMap});
        Object[] shared = io.fapilog.internal.event.CallSnapshot.shared(new Object[] {"m", callersMap});
        LogEvent owned = Events.withData(captured);
        LogEvent notOwned = Events.withData(shared);

        redactor.redact(owned);
        redactor.redact(notOwned);

        assertThat(owned.data().get("m")).isSameAs(captured[1]).isEqualTo(Map.of("password", MASK, "n", 1));
        assertThat(notOwned.data().get("m")).isNotSameAs(shared[1]).isEqualTo(Map.of("password", MASK, "n", 1));
        assertThat(shared[1]).isEqualTo(Map.of("password", "x", "n", 1));
        assertThat(callersMap).containsEntry("password", "x");
    }

    @Test
    void anIterableThrowableIsStillMaskedAsAThrowable() {
        java.sql.SQLException error = new java.sql.SQLException("connect failed password=hunter2");
        error.setNextException(new java.sql.SQLException("next"));
        LogEvent event = new LogEvent(0, io.fapilog.Level.ERROR, "t", "m", error, "main", null, null);

        redactor.redact(event);

        assertThat(event.throwable()).hasMessage("connect failed password=***");
        assertThat(((ThrowableCopy) event.throwable()).typeName()).isEqualTo("java.sql.SQLException");
    }
}
