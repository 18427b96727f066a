package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FapilogJsonEncoderTest {

    private final Encoder encoder = Encoders.json(Format.FAPILOG, EncodingLimits.DEFAULT).create();

    @Test
    void writesTheSpecEnvelopeExactly() {
        EncodedBatch batch = new EncodedBatch();
        encoder.encode(Events.full(), batch);

        assertThat(new String(batch.array(), 0, batch.length(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"timestamp\":\"2026-11-23T20:17:04.488Z\",\"level\":\"INFO\",\"message\":\"Fetching user\","
                + "\"logger\":\"api\",\"context\":{\"request_id\":\"7f3c\","
                + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\"},"
                + "\"diagnostics\":{\"service\":\"orders\",\"env\":\"prod\",\"version\":\"1.4.2\",\"host\":\"web-1\","
                + "\"pid\":4242,\"thread\":\"reactor-http-epoll-2\"},\"data\":{\"user_id\":123}}\n");
        assertThat(batch.eventCount()).isEqualTo(1);
        assertThat(StrictJson.parse(batch)).hasSize(1);
    }

    @Test
    void leavesOutEmptyObjects() {
        JsonNode line = StrictJson.encode(encoder, LogEvent.of(Events.MILLIS, Level.WARN, "batch", "Started"));

        assertThat(StrictJson.names(line)).containsExactly("timestamp", "level", "message", "logger");
        assertThat(line.get("level").stringValue()).isEqualTo("WARN");
        assertThat(line.get("message").stringValue()).isEqualTo("Started");
    }

    @Test
    void writesNullMessageAndLoggerAsNull() {
        JsonNode line = StrictJson.encode(encoder, new LogEvent(0, Level.INFO, null, null, null, null, null, null));

        assertThat(line.get("timestamp").stringValue()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(line.get("message").isNull()).isTrue();
        assertThat(line.get("logger").isNull()).isTrue();
    }

    @Test
    void writesTheExceptionUnderDiagnostics() {
        IllegalStateException failure = new IllegalStateException("card declined", new java.io.IOException("timeout"));

        JsonNode line = StrictJson.encode(encoder, Events.failed(failure, "order_id", 7));

        assertThat(StrictJson.names(line)).containsExactly("timestamp", "level", "message", "logger", "diagnostics", "data");
        JsonNode exception = line.get("diagnostics").get("exception");
        assertThat(StrictJson.names(exception)).containsExactly("type", "message", "stack", "cause");
        assertThat(exception.get("type").stringValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(exception.get("message").stringValue()).isEqualTo("card declined");
        assertThat(exception.get("stack").get(0).stringValue())
                .isEqualTo("io.fapilog.internal.encoding.FapilogJsonEncoderTest.writesTheExceptionUnderDiagnostics(FapilogJsonEncoderTest.java:"
                        + failure.getStackTrace()[0].getLineNumber() + ")");
        JsonNode cause = exception.get("cause");
        assertThat(cause.get("type").stringValue()).isEqualTo("java.io.IOException");
        assertThat(cause.get("message").stringValue()).isEqualTo("timeout");
        // created on the same line: all its frames are in common with the enclosing trace, as printStackTrace() shows
        assertThat(cause.get("stack")).hasSize(1);
        assertThat(cause.get("stack").get(0).stringValue()).isEqualTo("... " + failure.getStackTrace().length + " more");
        assertThat(line.get("data").get("order_id").intValue()).isEqualTo(7);
    }

    @Test
    void boundsTheStackWithAMarker() {
        Exception failure = new Exception("deep");
        StackTraceElement[] frames = new StackTraceElement[100];
        Arrays.setAll(frames, i -> new StackTraceElement("com.x.Foo", "bar" + i, "Foo.java", i + 1));
        failure.setStackTrace(frames);
        Encoder small = Encoders.json(Format.FAPILOG, new EncodingLimits(8192, 256, 16, 3)).create();

        JsonNode stack = StrictJson.encode(small, Events.failed(failure)).get("diagnostics").get("exception").get("stack");

        assertThat(stack).extracting(JsonNode::stringValue).containsExactly(
                "com.x.Foo.bar0(Foo.java:1)", "com.x.Foo.bar1(Foo.java:2)", "com.x.Foo.bar2(Foo.java:3)", "... 97 frames truncated");
    }

    @Test
    void exceptionReplacesADiagnosticOfTheSameName() {
        LogEvent event = Events.failed(new RuntimeException("x"));
        event.diagnostics().put("exception", "stale").put("host", "web-1");

        JsonNode diagnostics = StrictJson.encode(encoder, event).get("diagnostics");

        assertThat(StrictJson.names(diagnostics)).containsExactly("host", "exception");
        assertThat(diagnostics.get("exception").get("type").stringValue()).isEqualTo("java.lang.RuntimeException");
    }

    @Test
    void appendsEventsOneLineEach() {
        EncodedBatch batch = new EncodedBatch(64);
        for (int i = 0; i < 100; i++) {
            encoder.encode(Events.data("i", i, "text", "line\nbreak"), batch);
        }

        assertThat(StrictJson.parse(batch)).hasSize(100)
                .allSatisfy(line -> assertThat(line.get("data").get("text").stringValue()).isEqualTo("line\nbreak"));
    }

    @Test
    void malformedArgumentsAreReportedNotThrown() {
        JsonNode odd = StrictJson.encode(encoder, Events.data("a", 1, "dangling"));
        JsonNode nonStringKey = StrictJson.encode(encoder, Events.data(42, "x"));

        assertThat(odd.get("data").get("a").intValue()).isEqualTo(1);
        assertThat(odd.get("data").get(LogEvent.UNPAIRED_VALUE_KEY).stringValue()).isEqualTo("dangling");
        assertThat(odd.get("diagnostics").get(LogEvent.ARGUMENT_ERROR_KEY).stringValue())
                .isEqualTo("odd number of key/value arguments (3)");
        assertThat(nonStringKey.get("data").get("42").stringValue()).isEqualTo("x");
        assertThat(nonStringKey.get("diagnostics").get(LogEvent.ARGUMENT_ERROR_KEY).stringValue())
                .isEqualTo("non-String key at argument 0");
    }

    @Test
    void timestampsAcrossSecondsAndBeforeTheEpoch() {
        assertThat(StrictJson.encode(encoder, new LogEvent(-1, Level.INFO, "a", "m", null, "t", null, null))
                .get("timestamp").stringValue()).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(StrictJson.encode(encoder, new LogEvent(Events.MILLIS + 512, Level.INFO, "a", "m", null, "t", null, null))
                .get("timestamp").stringValue()).isEqualTo("2026-11-23T20:17:05.000Z");
        assertThat(StrictJson.encode(encoder, new LogEvent(Events.MILLIS, Level.INFO, "a", "m", null, "t", null, null))
                .get("timestamp").stringValue()).isEqualTo(Events.TIMESTAMP);
    }
}
