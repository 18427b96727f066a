package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.spi.EncodedBatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrettyEncoderTest {

    private static String encode(boolean colour, LogEvent event) {
        EncodedBatch batch = new EncodedBatch();
        new PrettyEncoder(colour, EncodingLimits.DEFAULT, ZoneOffset.UTC).encode(event, batch);
        assertThat(batch.eventCount()).isEqualTo(1);
        return new String(batch.array(), 0, batch.length(), StandardCharsets.UTF_8);
    }

    @Test
    void writesOneReadableLine() {
        assertThat(encode(false, Events.full())).isEqualTo(
                "20:17:04.488 INFO  [api] Fetching user  user_id=123 request_id=7f3c"
                + " trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7\n");
    }

    @Test
    void showsTagsBeforeTheMessage() {
        assertThat(encode(false, Events.data("k", "v").tags(List.of("billing", "slow"))))
                .isEqualTo("20:17:04.488 INFO  [api] #billing #slow msg  k=v\n");
    }

    @Test
    void quotesValuesThatAreNotPlainWords() {
        LogEvent event = Events.data("q", "two words", "nl", "a\nb", "map", Map.of("k", List.of(1)), "n", null);

        assertThat(encode(false, event)).isEqualTo(
                "20:17:04.488 INFO  [api] msg  q=\"two words\" nl=\"a\\nb\" map={\"k\":[1]} n=null\n");
    }

    /**
     * A message over several lines (Spring Boot's "APPLICATION FAILED TO START" report, the conditions
     * report of {@code --debug}) is read line by line, each further line indented, so that none can pass
     * for an event; other control characters stay escaped. It was one line with literal {@code \n}s.
     */
    @Test
    void continuesAMultiLineMessageOnIndentedLinesAndEscapesControlCharacters() {
        LogEvent event = LogEvent.of(Events.MILLIS, Level.ERROR, "boot", "\n\n***\nAPPLICATION FAILED TO START\n"
                + "12:00:00.000 INFO  [auth] forged\u001b[31m\r\nPort 8080 was \"in use\"\n\tby pid 42", "port", 8080);

        assertThat(encode(false, event)).isEqualTo("20:17:04.488 ERROR [boot] \n    \n    ***\n    APPLICATION FAILED TO START\n"
                + "    12:00:00.000 INFO  [auth] forged\\u001b[31m\\r\n    Port 8080 was \"in use\"\n    \tby pid 42  port=8080\n");
    }

    /** A stack trace as the JVM prints it: {@code For input string: "abc"}, not {@code \"abc\"}. */
    @Test
    void writesQuotesOfAStackTraceAsTheyAre() {
        LogEvent event = Events.failed(new NumberFormatException("For input string: \"abc\" in C:\\in"));

        assertThat(encode(false, event).split("\n")[1]).isEqualTo("    java.lang.NumberFormatException: For input string: \"abc\" in C:\\in");
    }

    /** A right-to-left override would show the rest of the line reversed in a terminal: {@code txt.exe} as {@code exe.txt}. */
    @Test
    void escapesBidirectionalControlsInTheMessageAndValues() {
        LogEvent event = LogEvent.of(Events.MILLIS, Level.WARN, "api", "upload \u202Etxt.exe", "file", "a\u2066b\u200Fc");

        assertThat(encode(false, event)).isEqualTo("20:17:04.488 WARN  [api] upload \\u202etxt.exe  file=\"a\\u2066b\\u200fc\"\n");
    }

    @Test
    void writesQuotesAndBackslashesOfTheMessageAsTheyAre() {
        LogEvent event = LogEvent.of(Events.MILLIS, Level.INFO, "org.springframework.boot.SpringApplication",
                "No active profile set, falling back to 1 default profile: \"default\" in C:\\app");

        assertThat(encode(false, event)).isEqualTo("20:17:04.488 INFO  [org.springframework.boot.SpringApplication] "
                + "No active profile set, falling back to 1 default profile: \"default\" in C:\\app\n");
    }

    @Test
    void coloursTheLevel() {
        assertThat(encode(true, Events.data("k", "v")))
                .isEqualTo("20:17:04.488 \u001b[32mINFO \u001b[0m [api] msg  \u001b[2mk=\u001b[0mv\n");
    }

    @Test
    void indentsTheStackTrace() {
        LogEvent event = Events.failed(new IllegalStateException("boom", new RuntimeException("root")), "order_id", 7);
        event.diagnostics().put("service", "orders").put("argument_error", "x");

        String[] lines = encode(false, event).split("\n");

        assertThat(lines[0]).isEqualTo("20:17:04.488 ERROR [billing] Charge failed  order_id=7 argument_error=x");
        assertThat(lines[1]).isEqualTo("    java.lang.IllegalStateException: boom");
        assertThat(lines[2]).startsWith("        at io.fapilog.internal.encoding.PrettyEncoderTest.indentsTheStackTrace(PrettyEncoderTest.java:");
        assertThat(lines).contains("    Caused by: java.lang.RuntimeException: root");
    }

    /** A line break in an exception's message continues the trace, indented: it cannot start a line that reads as an event. */
    @Test
    void indentsTheLinesOfAnExceptionsMessage() {
        LogEvent event = Events.failed(new IllegalStateException("declined\n12:00:00.000 INFO  [auth] user=admin logged in",
                new RuntimeException("root\r\nsecond")));

        String[] lines = encode(false, event).split("\n");

        assertThat(lines[1]).isEqualTo("    java.lang.IllegalStateException: declined");
        assertThat(lines[2]).isEqualTo("      12:00:00.000 INFO  [auth] user=admin logged in");
        assertThat(lines).contains("    Caused by: java.lang.RuntimeException: root\\r", "      second");
        assertThat(java.util.Arrays.stream(lines).skip(1)).allMatch(line -> line.startsWith("    "));
    }

    /** A message line that starts with blanks was taken for one of the trace's own and printed one column from the margin. */
    @Test
    void indentsAMessageLineThatStartsWithBlanks() {
        LogEvent event = Events.failed(new RuntimeException(
                "bad input\n        at com.bank.Auth.verify(Auth.java:42)\n 12:00:00.000 INFO  [auth] login ok  user=admin"));

        String[] lines = encode(false, event).split("\n");

        assertThat(lines[1]).isEqualTo("    java.lang.RuntimeException: bad input");
        assertThat(lines[2]).isEqualTo("              at com.bank.Auth.verify(Auth.java:42)");
        assertThat(lines[3]).isEqualTo("       12:00:00.000 INFO  [auth] login ok  user=admin");
        assertThat(lines[4]).startsWith("        at io.fapilog.");
    }

    /** {@code user=mallory role} as one key was printed bare, reading as two fields. */
    @Test
    void quotesKeysAndTagsThatAreNotPlainWords() {
        LogEvent event = Events.data("user=mallory role", "admin", "k\u001b[2J", "v", "plain", "w")
                .tags(List.of("x INFO", "ok"));

        assertThat(encode(false, event)).isEqualTo(
                "20:17:04.488 INFO  [api] #\"x INFO\" #ok msg  \"user=mallory role\"=admin \"k\\u001b[2J\"=v plain=w\n");
    }
}
