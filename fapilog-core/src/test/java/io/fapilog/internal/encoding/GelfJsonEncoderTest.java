package io.fapilog.internal.encoding;

import io.fapilog.Level;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.spi.Encoder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GelfJsonEncoderTest {

    private final Encoder encoder = Encoders.json(Format.GELF, EncodingLimits.DEFAULT).create();

    @Test
    void writesGelfMembersAsSpringBootDoes() {
        JsonNode line = StrictJson.encode(encoder, Events.full());

        assertThat(StrictJson.names(line)).containsExactly("version", "short_message", "timestamp", "level",
                "_level_name", "host", "_process_thread_name", "_log_logger", "_service_environment",
                "_service_version", "_host", "_process_pid", "_request_id", "_trace_id", "_span_id", "_user_id");
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
        assertThat(line.get("__id").intValue()).isEqualTo(7); // _id is forbidden by GELF
        assertThat(line.has("_id")).isFalse();
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

    @Test
    void syslogLevels() {
        assertThat(Level.values()).extracting(GelfJsonEncoder::syslogLevel)
                .containsExactly(7, 7, 6, 4, 3, 2, 5, 2);
    }
}
