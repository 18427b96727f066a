package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.spi.Encoder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EcsJsonEncoderTest {

    private final Encoder encoder = Encoders.json(Format.ECS, EncodingLimits.DEFAULT).create();

    @Test
    void writesFlatEcsNames() {
        JsonNode line = StrictJson.encode(encoder, Events.full());

        assertThat(StrictJson.names(line)).containsExactly("@timestamp", "log.level", "message", "ecs.version",
                "log.logger", "process.thread.name", "service.name", "service.environment", "service.version",
                "host.hostname", "process.pid", "trace.id", "span.id", "request_id", "user_id");
        assertThat(line.get("@timestamp").stringValue()).isEqualTo(Events.TIMESTAMP);
        assertThat(line.get("log.level").stringValue()).isEqualTo("INFO");
        assertThat(line.get("message").stringValue()).isEqualTo("Fetching user");
        assertThat(line.get("ecs.version").stringValue()).isEqualTo("8.11");
        assertThat(line.get("log.logger").stringValue()).isEqualTo("api");
        assertThat(line.get("process.thread.name").stringValue()).isEqualTo("reactor-http-epoll-2");
        assertThat(line.get("service.name").stringValue()).isEqualTo("orders");
        assertThat(line.get("service.environment").stringValue()).isEqualTo("prod");
        assertThat(line.get("service.version").stringValue()).isEqualTo("1.4.2");
        assertThat(line.get("host.hostname").stringValue()).isEqualTo("web-1");
        assertThat(line.get("process.pid").intValue()).isEqualTo(4242);
        assertThat(line.get("trace.id").stringValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("span.id").stringValue()).isEqualTo("00f067aa0ba902b7");
        assertThat(line.get("request_id").stringValue()).isEqualTo("7f3c");
        assertThat(line.get("user_id").intValue()).isEqualTo(123);
    }

    @Test
    void writesTheExceptionAsErrorFields() {
        IllegalStateException failure = new IllegalStateException("card declined", new java.io.IOException("timeout"));

        JsonNode line = StrictJson.encode(encoder, Events.failed(failure, "order_id", 7));

        assertThat(StrictJson.names(line)).containsExactly("@timestamp", "log.level", "message", "ecs.version",
                "log.logger", "process.thread.name", "error.type", "error.message", "error.stack_trace", "order_id");
        assertThat(line.get("log.level").stringValue()).isEqualTo("ERROR");
        assertThat(line.get("error.type").stringValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("error.message").stringValue()).isEqualTo("card declined");
        assertThat(line.get("error.stack_trace").stringValue())
                .startsWith("java.lang.IllegalStateException: card declined\n\tat io.fapilog.internal.encoding.EcsJsonEncoderTest.")
                .contains("\nCaused by: java.io.IOException: timeout\n\t... " + failure.getStackTrace().length + " more")
                .doesNotEndWith("\n");
    }

    @Test
    void movesCollidingNamesUnderLabels() {
        LogEvent event = Events.data("message", "from data", "log.level", "custom", "user", "ann");
        event.context().put("user", "bob");

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("message").stringValue()).isEqualTo("msg");
        assertThat(line.get("labels.message").stringValue()).isEqualTo("from data");
        assertThat(line.get("labels.log.level").stringValue()).isEqualTo("custom");
        assertThat(line.get("user").stringValue()).isEqualTo("bob");
        assertThat(line.get("labels.user").stringValue()).isEqualTo("ann");
    }

    @Test
    void writesTheThreadOnce() {
        LogEvent event = Events.data();
        event.diagnostics().put("thread", "other");

        JsonNode line = StrictJson.encode(encoder, event);

        assertThat(line.get("process.thread.name").stringValue()).isEqualTo("main");
        assertThat(StrictJson.names(line)).doesNotContain("thread", "labels.process.thread.name");
    }
}
