package io.fapilog.internal.encoding;

import io.fapilog.Level;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.spi.Encoder;
import org.junit.jupiter.api.Test;
import java.util.List;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GelfJsonEncoderTest {

    private final Encoder encoder = Encoders.json(Format.GELF, EncodingLimits.DEFAULT).create();

    @Test
    void writesGelfMembersAsSpringBootDoes() {
        JsonNode line = StrictJson.encode(encoder, Events.full());

        assertThat(StrictJson.names(line)).containsExactly("version", "short_message", "timestamp", "level",
                "_level_name", "host", "_process_thread_name", "_log_logger", "_service_environment",
                "_service_version", "_host_hostname", "_process_pid", "_request_id", "_traceId", "_spanId", "_user_id");
        assertThat(line.get("version").stringValue()).isEqualTo("1.1");
        assertThat(line.get("short_message").stringValue()).isEqualTo("Fetching user");
        assertThat(line.get("timestamp").decimalValue()).isEqualByComparingTo(
                new java.math.BigDecimal(Events.MILLIS).movePointLeft(3));
        assertThat(line.get("level").intValue()).isEqualTo(6);
        assertThat(line.get("_level_name").stringValue()).isEqualTo("INFO");
        assertThat(line.get("host").stringValue()).isEqualTo("orders");
        assertThat(line.get("_user_id").intValue()).isEqualTo(123);
    }

    @Test
    void writesTheFailureAsFullMessageAndErrorFields() {
        JsonNode line = StrictJson.encode(encoder, Events.failed(new IllegalStateException("declined"), "id", 7));

        assertThat(line.get("level").intValue()).isEqualTo(3);
        assertThat(line.get("full_message").stringValue()).startsWith("Charge failed\n\njava.lang.IllegalStateException: declined");
        assertThat(line.get("_error_type").stringValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("_error_message").stringValue()).isEqualTo("declined");
        assertThat(line.get("_error_stack_trace").stringValue()).startsWith("java.lang.IllegalStateException: declined");
        assertThat(line.get("___id").intValue()).isEqualTo(7); // _id is forbidden by GELF, __id Graylog reads as its _id
        assertThat(line.has("_id")).isFalse();
    }

    /**
     * Graylog strips one leading underscore from an additional field, then skips, without a word, a name
     * its message has already or reserves: a user's {@code id}, {@code message} or {@code level} never showed.
     */
    @Test
    void noFieldIsOneThatGraylogWouldDrop() {
        LogEvent event = Events.data("id", 1, "message", "m", "level", "l", "timestamp", "t", "source", "s",
                "facility", "f", "file", "x", "line", 9, "_index", "i", "_source", "es");

        JsonNode line = StrictJson.encode(encoder, event);

        java.util.Set<String> graylogs = java.util.Set.of("_id", "_ttl", "_source", "_all", "_index", "_type", "_score",
                "message", "source", "timestamp", "full_message", "short_message", "host", "level", "facility", "file",
                "line", "streams");
        java.util.List<String> additional = StrictJson.names(line).stream().filter(name -> name.startsWith("_")).toList();
        assertThat(additional).noneMatch(name -> graylogs.contains(name.substring(1)));
        assertThat(line.get("___id").intValue()).isEqualTo(1);
        assertThat(line.get("__message").stringValue()).isEqualTo("m");
        assertThat(line.get("__level").stringValue()).isEqualTo("l");
        assertThat(line.get("__line").intValue()).isEqualTo(9);
        assertThat(line.get("___index").stringValue()).isEqualTo("i");
    }

    /** {@code log.error(e.getMessage(), e)} with an exception without a message: Graylog refuses a null or blank short_message. */
    @Test
    void aMissingOrBlankMessageIsWrittenAsBlankInParenthesesAsSpringBootDoes() {
        Exception noMessage = new NullPointerException();
        JsonNode failed = StrictJson.encode(encoder,
                new LogEvent(Events.MILLIS, Level.ERROR, "api", null, noMessage, "main", null, null));
        assertThat(failed.get("short_message").stringValue()).isEqualTo("(blank)");
        assertThat(failed.get("full_message").stringValue()).startsWith("(blank)\n\njava.lang.NullPointerException");

        for (String blank : new String[] {"", "   ", "\t\n"}) {
            JsonNode line = StrictJson.encode(encoder, new LogEvent(Events.MILLIS, Level.INFO, "api", blank, null, "main", null, null));
            assertThat(line.get("short_message").stringValue()).isEqualTo("(blank)");
        }
    }

    @Test
    void sanitizesNamesAndRenamesCollisions() {
        LogEvent event = Events.data("user name", "ann", "log_logger", "mine");

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("_user_name").stringValue()).isEqualTo("ann");
        assertThat(line.get("_log_logger").stringValue()).isEqualTo("api");
        assertThat(line.get("__log_logger").stringValue()).isEqualTo("mine");
        assertThat(StrictJson.names(line)).doesNotHaveDuplicates();
    }

    /** Graylog refuses a blank {@code host}: a blank service name gives way to the host's name, then to {@code unknown}. */
    @Test
    void aBlankServiceNameGivesWayToTheHostsName() {
        LogEvent event = Events.data("k", "v");
        event.diagnostics().put("service", " ").put("host", "web-1");
        assertThat(StrictJson.encode(encoder, event).get("host").stringValue()).isEqualTo("web-1");

        LogEvent bare = Events.data("k", "v");
        bare.diagnostics().put("service", "").put("host", "");
        assertThat(StrictJson.encode(encoder, bare).get("host").stringValue()).isEqualTo("unknown");
        assertThat(StrictJson.encode(new GelfJsonEncoder(EncodingLimits.DEFAULT, " ", null), event).get("host").stringValue())
                .as("a blank configured host (logging.structured.gelf.host=)").isEqualTo("web-1");
    }

    /** Every name GELF's rule takes ({@code _} and {@code [\w.-]}): a cut name has no marker, the budget's marker is {@code _more}. */
    @Test
    void namesFollowGelfsRuleWhenCutAndPastTheLinesBudget() {
        String longKey = "k".repeat(9_000);
        LogEvent event = Events.data(longKey, "long", "x", "y");
        for (int i = 0; i < 150; i++) {
            event.data().put("f" + i, "v".repeat(8_000));
        }

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(StrictJson.names(line)).filteredOn(name -> !List.of("version", "short_message", "timestamp", "level", "host")
                .contains(name)).allMatch(name -> name.matches("_[\\w.\\-]*"));
        assertThat(line.get("_" + "k".repeat(EncodingLimits.DEFAULT.maxStringLength() - 9)).stringValue()).isEqualTo("long");
        assertThat(line.get("_more").stringValue()).startsWith("…[");
    }

    @Test
    void syslogLevels() {
        assertThat(Level.values()).extracting(GelfJsonEncoder::syslogLevel)
                .containsExactly(7, 7, 6, 4, 3, 2, 5, 2);
    }
}
