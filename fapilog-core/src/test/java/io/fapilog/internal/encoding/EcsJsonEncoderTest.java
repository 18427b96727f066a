package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.config.StructuredJson;
import io.fapilog.spi.Encoder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

class EcsJsonEncoderTest {

    private final Encoder encoder = Encoders.json(Format.ECS, EncodingLimits.DEFAULT).create();

    @Test
    void writesNestedEcsObjectsAsSpringBootDoes() {
        JsonNode line = StrictJson.encode(encoder, Events.full());

        assertThat(StrictJson.names(line)).containsExactly("@timestamp", "log", "process", "service", "message",
                "host", "trace", "span", "request_id", "user_id", "ecs", "event");
        assertThat(line.get("@timestamp").stringValue()).isEqualTo(Events.TIMESTAMP);
        assertThat(line.at("/log/level").stringValue()).isEqualTo("INFO");
        assertThat(line.at("/log/logger").stringValue()).isEqualTo("api");
        assertThat(line.get("message").stringValue()).isEqualTo("Fetching user");
        assertThat(line.at("/ecs/version").stringValue()).isEqualTo("8.11");
        assertThat(line.at("/process/thread/name").stringValue()).isEqualTo("reactor-http-epoll-2");
        assertThat(line.at("/process/pid").intValue()).isEqualTo(4242);
        assertThat(line.at("/service/name").stringValue()).isEqualTo("orders");
        assertThat(line.at("/service/environment").stringValue()).isEqualTo("prod");
        assertThat(line.at("/service/version").stringValue()).isEqualTo("1.4.2");
        assertThat(line.at("/host/hostname").stringValue()).isEqualTo("web-1");
        assertThat(line.at("/trace/id").stringValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.at("/span/id").stringValue()).isEqualTo("00f067aa0ba902b7");
        assertThat(line.get("request_id").stringValue()).isEqualTo("7f3c");
        assertThat(line.get("user_id").intValue()).isEqualTo(123);
        assertThat(line.at("/event/dataset").stringValue()).isEqualTo("orders.log");
    }

    @Test
    void configuredDatasetAndNodeName() {
        Encoder configured = Encoders.json(Format.ECS, EncodingLimits.DEFAULT,
                new StructuredJson(Set.of(), Set.of(), Map.of(), Map.of(), "node-7", "orders.access")).create();

        JsonNode line = StrictJson.encode(configured, Events.full());

        assertThat(line.at("/service/node/name").stringValue()).isEqualTo("node-7");
        assertThat(line.at("/event/dataset").stringValue()).isEqualTo("orders.access");
    }

    /** One encoder, events from two services in turn: each dataset names its own event's service. */
    @Test
    void theDatasetFollowsEachEventsService() {
        for (String service : new String[] {"orders", "billing", "billing", "orders"}) {
            LogEvent event = new LogEvent(Events.MILLIS, io.fapilog.Level.INFO, "api", "m", null, "t", null, null);
            event.diagnostics().put("service", service).put("host", "web-1");

            JsonNode line = StrictJson.encode(encoder, event);

            assertThat(line.at("/event/dataset").stringValue()).isEqualTo(service + ".log");
            assertThat(line.at("/service/name").stringValue()).isEqualTo(service);
            assertThat(line.at("/host/hostname").stringValue()).isEqualTo("web-1");
        }
    }

    /** A service value that changes in place between events (an enricher's own object): the dataset follows it. */
    @Test
    void theDatasetFollowsAServiceValueThatChangesInPlace() {
        StringBuilder service = new StringBuilder("orders");
        for (String expected : new String[] {"orders", "billing"}) {
            service.replace(0, service.length(), expected);
            LogEvent event = new LogEvent(Events.MILLIS, io.fapilog.Level.INFO, "api", "m", null, "t", null, null);
            event.diagnostics().put("service", service);

            JsonNode line = StrictJson.encode(encoder, event);

            assertThat(line.at("/event/dataset").stringValue()).isEqualTo(expected + ".log");
        }
    }

    @Test
    void aConfiguredDatasetIsEscapedAndTheEcsVersionFollowsTheLastMember() {
        Encoder configured = Encoders.json(Format.ECS, EncodingLimits.DEFAULT,
                new StructuredJson(Set.of(), Set.of(), Map.of(), Map.of(), null, "orders \"eu\"\n")).create();

        JsonNode line = StrictJson.encode(configured, Events.data("user", "ann"));

        assertThat(StrictJson.names(line)).endsWith("user", "ecs", "event");
        assertThat(line.at("/event/dataset").stringValue()).isEqualTo("orders \"eu\"\n");
        assertThat(line.at("/ecs/version").stringValue()).isEqualTo("8.11");
    }

    @Test
    void writesTheExceptionAsErrorFields() {
        IllegalStateException failure = new IllegalStateException("card declined", new java.io.IOException("timeout"));

        JsonNode line = StrictJson.encode(encoder, Events.failed(failure, "order_id", 7));

        assertThat(StrictJson.names(line)).containsExactly("@timestamp", "log", "process", "message", "order_id",
                "error", "ecs");
        assertThat(line.at("/log/level").stringValue()).isEqualTo("ERROR");
        assertThat(line.at("/error/type").stringValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.at("/error/message").stringValue()).isEqualTo("card declined");
        assertThat(line.at("/error/stack_trace").stringValue())
                .startsWith("java.lang.IllegalStateException: card declined\n\tat io.fapilog.internal.encoding.EcsJsonEncoderTest.")
                .contains("\nCaused by: java.io.IOException: timeout\n\t... " + failure.getStackTrace().length + " more")
                .doesNotEndWith("\n");
    }

    @Test
    void movesCollidingNamesUnderLabels() {
        LogEvent event = Events.data("message", "from data", "log.level", "custom", "user", "ann", "error", "e");
        event.context().put("user", "bob");

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("message").stringValue()).isEqualTo("msg");
        assertThat(line.get("labels.message").stringValue()).isEqualTo("from data");
        assertThat(line.get("labels.log_level").stringValue()).isEqualTo("custom"); // a label is flat: no dots
        assertThat(line.get("labels.error").stringValue()).isEqualTo("e");
        assertThat(line.get("user").stringValue()).isEqualTo("bob");
        assertThat(line.get("labels.user").stringValue()).isEqualTo("ann");
    }

    /**
     * Elasticsearch expands dotted names into objects, and rejects a document whose path is a value
     * and an object at once ({@code user} and {@code user.id}, {@code message} and {@code message.x})
     * or whose name it cannot map ({@code ""}, {@code a..b}): such a field goes under labels, flat.
     */
    @Test
    void aPathThatWouldBeAValueAndAnObjectGoesUnderLabels() {
        LogEvent event = Events.data("user", "u", "user.id", 5, "message.x", "mx", "a.b", 1, "a", 2, "", "empty",
                "a..b", 3, ".c", 4);

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("user").stringValue()).isEqualTo("u");
        assertThat(line.get("labels.user_id").intValue()).isEqualTo(5);
        assertThat(line.get("labels.message_x").stringValue()).isEqualTo("mx");
        assertThat(line.get("a.b").intValue()).isEqualTo(1);
        assertThat(line.get("labels.a").intValue()).isEqualTo(2);
        assertThat(line.get("labels._").stringValue()).isEqualTo("empty");
        assertThat(line.get("labels.a__b").intValue()).isEqualTo(3);
        assertThat(line.get("labels._c").intValue()).isEqualTo(4);
        assertThat(StrictJson.names(line)).filteredOn(name -> name.startsWith("labels."))
                .allMatch(name -> name.indexOf('.', "labels.".length()) < 0);
    }

    /**
     * Elasticsearch refuses a whole document that carries one of its metadata fields ({@code _id}) or a
     * name of whitespace only, at any level of a dotted path: such a field goes under labels.
     */
    @Test
    void metadataAndBlankNamesGoUnderLabels() {
        LogEvent event = Events.data("_id", "u", "_index", "i", "_routing", "r", "_custom", 1, " ", "blank",
                "a. .b", 2, "x.\t", 3);

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("labels._id").stringValue()).isEqualTo("u");
        assertThat(line.get("labels._index").stringValue()).isEqualTo("i");
        assertThat(line.get("labels._routing").stringValue()).isEqualTo("r");
        assertThat(line.get("_custom").intValue()).isEqualTo(1); // no metadata field: as it is
        assertThat(line.get("labels._").stringValue()).isEqualTo("blank");
        assertThat(line.get("labels.a_ _b").intValue()).isEqualTo(2);
        assertThat(line.get("labels.x_\t").intValue()).isEqualTo(3);
        assertThat(StrictJson.names(line)).noneMatch(name -> name.equals("_id") || name.equals("_index")
                || name.equals("_routing") || name.isBlank());
    }

    @Test
    void writesTheThreadOnce() {
        LogEvent event = Events.data();
        event.diagnostics().put("thread", "other");

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.at("/process/thread/name").stringValue()).isEqualTo("main");
        assertThat(StrictJson.names(line)).doesNotContain("thread", "labels.thread");
    }
}
