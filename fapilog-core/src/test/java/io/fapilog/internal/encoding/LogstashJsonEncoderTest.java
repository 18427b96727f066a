package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.spi.Encoder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LogstashJsonEncoderTest {

    private final Encoder encoder = Encoders.json(Format.LOGSTASH, EncodingLimits.DEFAULT).create();

    @Test
    void writesLogstashNames() {
        JsonNode line = StrictJson.encode(encoder, Events.full());

        assertThat(StrictJson.names(line)).containsExactly("@timestamp", "@version", "message", "logger_name",
                "thread_name", "level", "level_value", "service", "env", "version", "host", "pid",
                "request_id", "traceId", "spanId", "user_id");
        assertThat(line.get("@timestamp").stringValue()).isEqualTo(Events.TIMESTAMP);
        assertThat(line.get("@version").stringValue()).isEqualTo("1");
        assertThat(line.get("message").stringValue()).isEqualTo("Fetching user");
        assertThat(line.get("logger_name").stringValue()).isEqualTo("api");
        assertThat(line.get("thread_name").stringValue()).isEqualTo("reactor-http-epoll-2");
        assertThat(line.get("level").stringValue()).isEqualTo("INFO");
        assertThat(line.get("level_value").intValue()).isEqualTo(20000);
        assertThat(line.get("pid").intValue()).isEqualTo(4242);
        assertThat(line.get("user_id").intValue()).isEqualTo(123);
    }

    @Test
    void writesTheThreadEnrichersThreadOnceAsThreadName() {
        LogEvent event = new LogEvent(Events.MILLIS, Level.INFO, "api", "msg", null, null, null, new Object[] {"k", 1});
        event.diagnostics().put("host", "web-1").put("thread", "worker-7");

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(StrictJson.names(line)).containsExactly("@timestamp", "@version", "message", "logger_name",
                "thread_name", "level", "level_value", "host", "k");
        assertThat(line.get("thread_name").stringValue()).isEqualTo("worker-7");
    }

    @Test
    void levelValuesFollowLogback() {
        assertThat(Level.values()).extracting(LogstashJsonEncoder::levelValue)
                .containsExactly(5000, 10000, 20000, 30000, 40000, 50000, 50000, 50000);
    }

    @Test
    void writesTheStackTraceAsAString() {
        JsonNode line = StrictJson.encode(encoder, Events.failed(new IllegalArgumentException("bad"), "order_id", 7));

        assertThat(StrictJson.names(line)).containsExactly("@timestamp", "@version", "message", "logger_name",
                "thread_name", "level", "level_value", "stack_trace", "order_id");
        assertThat(line.get("level_value").intValue()).isEqualTo(40000);
        assertThat(line.get("stack_trace").stringValue())
                .startsWith("java.lang.IllegalArgumentException: bad\n\tat io.fapilog.internal.encoding.LogstashJsonEncoderTest.");
    }

    @Test
    void renamesCollidingNamesWithALeadingUnderscoreAndDropsNothing() {
        LogEvent event = Events.data("message", "shadow", "level", "x", "@timestamp", "t", "k", "from data");
        event.context().put("k", "from context");

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("message").stringValue()).isEqualTo("msg");
        assertThat(line.get("_message").stringValue()).isEqualTo("shadow");
        assertThat(line.get("level").stringValue()).isEqualTo("INFO");
        assertThat(line.get("_level").stringValue()).isEqualTo("x");
        assertThat(line.get("_@timestamp").stringValue()).isEqualTo("t");
        assertThat(line.get("k").stringValue()).isEqualTo("from context");
        assertThat(line.get("_k").stringValue()).isEqualTo("from data");
        assertThat(StrictJson.names(line)).doesNotHaveDuplicates();
    }

    /**
     * Elasticsearch expands dotted names into objects and refuses a whole document whose path is a value
     * and an object at once ({@code service} and {@code service.name}), or whose name it cannot map: such
     * a field gets a leading underscore, a blank part between dots an underscore.
     */
    @Test
    void renamesPathsElasticsearchWouldRefuse() {
        LogEvent event = Events.data("service.name", "u", "message.x", "mx", "a.b", 1, "a", 2, "", "empty",
                "a..b", 3, " ", "blank");
        event.diagnostics().put("service", "orders");

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("service").stringValue()).isEqualTo("orders");
        assertThat(line.get("_service.name").stringValue()).isEqualTo("u");
        assertThat(line.get("_message.x").stringValue()).isEqualTo("mx");
        assertThat(line.get("a.b").intValue()).isEqualTo(1);
        assertThat(line.get("_a").intValue()).isEqualTo(2);
        assertThat(line.get("_").stringValue()).isEqualTo("empty");
        assertThat(line.get("a__b").intValue()).isEqualTo(3);
        assertThat(line.get("_ ").stringValue()).isEqualTo("blank");
        assertThat(StrictJson.names(line)).doesNotContain("service.name", "message.x", "a", "", "a..b", " ");
    }

    /** A name renamed to fit meets another's rename: the second moves on too, never a value and an object at once. */
    @Test
    void renamesThatMeetMoveOnUntilEveryPathFits() {
        LogEvent event = Events.data("service", "from data", "_x", 1, "x.y", 2);
        event.diagnostics().put("service", "orders");
        event.context().put("service.name", "ctx");
        event.context().put("x.y", 3);

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("_service.name").stringValue()).isEqualTo("ctx");
        assertThat(line.get("__service").stringValue()).isEqualTo("from data");
        assertThat(line.get("x.y").intValue()).isEqualTo(3);
        assertThat(line.get("_x").intValue()).isEqualTo(1);
        assertThat(line.get("__x.y").intValue()).isEqualTo(2); // x.y is the context's, _x.y would enter the value _x
        java.util.List<String> names = StrictJson.names(line);
        assertThat(names).allSatisfy(name -> assertThat(names).as("a value that is a prefix of another path")
                .noneMatch(other -> other.startsWith(name + ".")));
    }

    /** Elasticsearch refuses a whole document that carries one of its metadata fields: {@code _id} becomes {@code __id}. */
    @Test
    void renamesElasticsearchMetadataFields() {
        LogEvent event = Events.data("_id", "u", "_source", "s", "__id", "taken", "_custom", 1);
        event.context().put("_routing", "r");

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("__routing").stringValue()).isEqualTo("r");
        assertThat(line.get("__source").stringValue()).isEqualTo("s");
        assertThat(line.get("__id").stringValue()).isEqualTo("u");
        assertThat(line.get("___id").stringValue()).isEqualTo("taken");
        assertThat(line.get("_custom").intValue()).isEqualTo(1);
        assertThat(line.has("_id")).isFalse();
        assertThat(line.has("_source")).isFalse();
        assertThat(line.has("_routing")).isFalse();
    }
}
