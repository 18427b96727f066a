package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.config.StackTraceStyle;
import io.fapilog.config.StructuredJson;
import io.fapilog.spi.Encoder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Boot's {@code logging.structured.json.stacktrace.*} options in the text stack traces of the JSON layouts. */
class StackTraceStyleTest {

    private static final String ROOT_LAST = """
            java.lang.IllegalStateException: declined
            \tat com.acme.Billing.charge(Billing.java:30)
            \tat com.acme.App.main(App.java:5)
            Caused by: java.io.IOException: timeout
            \tat com.acme.Net.read(Net.java:10)
            \tat com.acme.Client.call(Client.java:20)
            \t... 1 more
            """;

    @Test
    void withoutAnOptionTheLayoutIsBootsStandardPrinterRootLast() {
        assertThat(ecsStackTrace(StackTraceStyle.ROOT_LAST, failure())).isEqualTo(ROOT_LAST);
    }

    @Test
    void rootFirstPrintsTheRootCauseFirstAndItsWrappersAfter() {
        assertThat(ecsStackTrace(StackTraceStyle.ROOT_LAST.withRootFirst(true), failure())).isEqualTo("""
                java.io.IOException: timeout
                \tat com.acme.Net.read(Net.java:10)
                \tat com.acme.Client.call(Client.java:20)
                \t... 1 more
                Wrapped by: java.lang.IllegalStateException: declined
                \tat com.acme.Billing.charge(Billing.java:30)
                \tat com.acme.App.main(App.java:5)
                """);
    }

    @Test
    void maxLengthCutsTheTraceWithAnEllipsis() {
        String trace = ecsStackTrace(StackTraceStyle.ROOT_LAST.withMaxLength(60), failure());

        assertThat(trace).hasSize(60).endsWith("...").isEqualTo(ROOT_LAST.substring(0, 57) + "...");
    }

    @Test
    void maxThrowableDepthKeepsThatManyFramesPerThrowable() {
        assertThat(ecsStackTrace(StackTraceStyle.ROOT_LAST.withMaxFramesPerThrowable(1), failure())).isEqualTo("""
                java.lang.IllegalStateException: declined
                \tat com.acme.Billing.charge(Billing.java:30)
                \t... 1 filtered
                Caused by: java.io.IOException: timeout
                \tat com.acme.Net.read(Net.java:10)
                \t... 1 filtered
                \t... 1 more
                """);
    }

    @Test
    void withoutMaxThrowableDepthTheEncodingLimitOnFramesApplies() {
        EncodingLimits limits = new EncodingLimits(8192, 256, 16, 1);
        Encoder encoder = Encoders.json(Format.ECS, limits, styled(StackTraceStyle.ROOT_LAST)).create();

        String trace = StrictJson.encode(encoder, Events.failed(failure())).at("/error/stack_trace").stringValue();

        assertThat(trace).contains("\tat com.acme.Billing.charge(Billing.java:30)\n\t... 1 filtered\n")
                .doesNotContain("App.main");
    }

    @Test
    void includeCommonFramesPrintsTheFramesACauseSharesWithItsWrapper() {
        assertThat(ecsStackTrace(StackTraceStyle.ROOT_LAST.withCommonFrames(true), failure())).isEqualTo("""
                java.lang.IllegalStateException: declined
                \tat com.acme.Billing.charge(Billing.java:30)
                \tat com.acme.App.main(App.java:5)
                Caused by: java.io.IOException: timeout
                \tat com.acme.Net.read(Net.java:10)
                \tat com.acme.Client.call(Client.java:20)
                \tat com.acme.App.main(App.java:5)
                """);
    }

    @Test
    void includeHashesPrefixesEachThrowableWithTheHashOfItsTraceAndCauses() {
        IllegalStateException failure = failure();
        int causeHash = hash(0, failure.getCause());
        int hash = hash(causeHash, failure);

        String trace = ecsStackTrace(StackTraceStyle.ROOT_LAST.withHashes(true), failure);

        assertThat(trace).startsWith(String.format("<#%08x> java.lang.IllegalStateException: declined\n", hash))
                .contains(String.format("\nCaused by: <#%08x> java.io.IOException: timeout\n", causeHash));
        assertThat(ecsStackTrace(StackTraceStyle.ROOT_LAST.withHashes(true), failure())).isEqualTo(trace);
    }

    @Test
    void suppressedThrowablesAreIndentedUnderTheirThrowable() {
        IllegalStateException failure = failure();
        IOException closing = new IOException("close failed");
        closing.setStackTrace(new StackTraceElement[] { frame("com.acme.Stream", "close", 7),
                frame("com.acme.App", "main", 5) });
        failure.addSuppressed(closing);

        assertThat(ecsStackTrace(StackTraceStyle.ROOT_LAST, failure)).isEqualTo("""
                java.lang.IllegalStateException: declined
                \tat com.acme.Billing.charge(Billing.java:30)
                \tat com.acme.App.main(App.java:5)
                \tSuppressed: java.io.IOException: close failed
                \t\tat com.acme.Stream.close(Stream.java:7)
                \t\t... 1 more
                Caused by: java.io.IOException: timeout
                \tat com.acme.Net.read(Net.java:10)
                \tat com.acme.Client.call(Client.java:20)
                \t... 1 more
                """);
    }

    @Test
    void aCycleIsPrintedOnceAndMarked() {
        IllegalStateException failure = failure();
        failure.getCause().initCause(failure);

        assertThat(ecsStackTrace(StackTraceStyle.ROOT_LAST, failure))
                .endsWith("\t... 1 more\nCaused by: [CIRCULAR REFERENCE: java.lang.IllegalStateException: declined]\n");
    }

    @Test
    void logstashAndGelfPrintInTheSameStyle() {
        StructuredJson structured = styled(StackTraceStyle.ROOT_LAST.withRootFirst(true));
        String expected = ecsStackTrace(StackTraceStyle.ROOT_LAST.withRootFirst(true), failure());

        JsonNode logstash = StrictJson.encode(Encoders.json(Format.LOGSTASH, EncodingLimits.DEFAULT, structured).create(),
                Events.failed(failure()));
        JsonNode gelf = StrictJson.encode(Encoders.json(Format.GELF, EncodingLimits.DEFAULT, structured).create(),
                Events.failed(failure()));

        assertThat(logstash.get("stack_trace").stringValue()).isEqualTo(expected);
        assertThat(gelf.get("_error_stack_trace").stringValue()).isEqualTo(expected);
        assertThat(gelf.get("full_message").stringValue()).isEqualTo("Charge failed\n\n" + expected);
    }

    @Test
    void withoutAStyleTheLayoutsKeepThePrintStackTraceLayout() {
        JsonNode line = StrictJson.encode(Encoders.json(Format.ECS, EncodingLimits.DEFAULT).create(),
                Events.failed(failure()));

        assertThat(line.at("/error/stack_trace").stringValue()).isEqualTo(ROOT_LAST.strip());
    }

    private static String ecsStackTrace(StackTraceStyle style, Throwable failure) {
        Encoder encoder = Encoders.json(Format.ECS, EncodingLimits.DEFAULT, styled(style)).create();
        return StrictJson.encode(encoder, Events.failed(failure)).at("/error/stack_trace").stringValue();
    }

    private static StructuredJson styled(StackTraceStyle style) {
        return new StructuredJson(Set.of(), Set.of(), Map.of(), Map.of(), null, null, style, null, null);
    }

    /** A failure with a cause that shares its last frame, with fixed frames. */
    static IllegalStateException failure() {
        IOException cause = new IOException("timeout");
        cause.setStackTrace(new StackTraceElement[] { frame("com.acme.Net", "read", 10),
                frame("com.acme.Client", "call", 20), frame("com.acme.App", "main", 5) });
        IllegalStateException failure = new IllegalStateException("declined", cause);
        failure.setStackTrace(new StackTraceElement[] { frame("com.acme.Billing", "charge", 30),
                frame("com.acme.App", "main", 5) });
        return failure;
    }

    private static StackTraceElement frame(String type, String method, int line) {
        return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", line);
    }

    /** Spring Boot's StandardStackTracePrinter hash, written out. */
    private static int hash(int causeHash, Throwable throwable) {
        int hash = 31 * causeHash + throwable.getClass().getName().hashCode();
        for (StackTraceElement frame : throwable.getStackTrace()) {
            hash = 31 * hash + Objects.hash(frame.getClassName(), frame.getMethodName(), frame.getLineNumber());
        }
        return hash;
    }
}
