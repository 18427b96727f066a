package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.config.StructuredJson;
import io.fapilog.config.StructuredJson.ContextMembers;
import io.fapilog.config.StructuredJson.Gelf;
import io.fapilog.spi.Encoder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Boot's {@code logging.structured.json.context.*} and {@code logging.structured.gelf.*} in the layouts. */
class StructuredJsonOptionsTest {

    @Test
    void contextIncludeFalseDropsEveryContextMemberInEveryLayout() {
        StructuredJson dropped = structured(new ContextMembers(false, null), null);

        JsonNode ecs = encode(Format.ECS, dropped);
        assertThat(StrictJson.names(ecs)).containsExactly("@timestamp", "log", "process", "service", "message", "host",
                "user_id", "ecs", "event");
        JsonNode logstash = encode(Format.LOGSTASH, dropped);
        assertThat(logstash.has("request_id") || logstash.has("trace_id") || logstash.has("span_id")).isFalse();
        assertThat(logstash.get("user_id").intValue()).isEqualTo(123);
        JsonNode gelf = encode(Format.GELF, dropped);
        assertThat(gelf.has("_request_id") || gelf.has("_trace_id") || gelf.has("_span_id")).isFalse();
        JsonNode fapilog = encode(Format.FAPILOG, dropped);
        assertThat(fapilog.has("context")).isFalse();
        assertThat(fapilog.at("/data/user_id").intValue()).isEqualTo(123);
    }

    @Test
    void contextPrefixIsJoinedAsSpringBootJoinsIt() {
        JsonNode ecs = encode(Format.ECS, structured(new ContextMembers(true, "mdc"), null));
        assertThat(ecs.get("mdc.request_id").stringValue()).isEqualTo("7f3c");
        assertThat(ecs.get("mdc.trace_id").stringValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(ecs.has("request_id") || ecs.has("trace")).isFalse();
        assertThat(ecs.get("user_id").intValue()).isEqualTo(123); // data is not context

        JsonNode logstash = encode(Format.LOGSTASH, structured(new ContextMembers(true, "mdc"), null));
        assertThat(logstash.get("mdc_request_id").stringValue()).isEqualTo("7f3c");
        assertThat(logstash.get("mdc_spanId").stringValue()).isEqualTo("00f067aa0ba902b7"); // Spring's name, prefixed

        JsonNode gelf = encode(Format.GELF, structured(new ContextMembers(true, "mdc."), null));
        assertThat(gelf.get("_mdc.request_id").stringValue()).isEqualTo("7f3c");
        assertThat(gelf.get("_mdc.traceId").stringValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        JsonNode underscored = encode(Format.GELF, structured(new ContextMembers(true, "_ctx_"), null));
        assertThat(underscored.get("_ctx_request_id").stringValue()).isEqualTo("7f3c");

        JsonNode fapilog = encode(Format.FAPILOG, structured(new ContextMembers(true, "mdc"), null));
        assertThat(fapilog.at("/context/request_id").stringValue()).isEqualTo("7f3c");
    }

    @Test
    void gelfHostAndServiceVersionReplaceTheServiceFields() {
        JsonNode line = encode(Format.GELF, structured(null, new Gelf("graylog-host", "9.9")));

        assertThat(line.get("host").stringValue()).isEqualTo("graylog-host");
        assertThat(line.get("_service_version").stringValue()).isEqualTo("9.9");
        assertThat(StrictJson.names(line)).doesNotHaveDuplicates().doesNotContain("__service_version");

        JsonNode unset = encode(Format.GELF, structured(null, Gelf.NONE));
        assertThat(unset.get("host").stringValue()).isEqualTo("orders");
        assertThat(unset.get("_service_version").stringValue()).isEqualTo("1.4.2");
    }

    @Test
    void gelfServiceVersionIsWrittenWithoutARuntimeEnricher() {
        Encoder encoder = Encoders.json(Format.GELF, EncodingLimits.DEFAULT,
                structured(null, new Gelf(null, "2.0"))).create();

        JsonNode line = StrictJson.encode(encoder, Events.data("k", 1));

        assertThat(line.get("_service_version").stringValue()).isEqualTo("2.0");
    }

    private static JsonNode encode(Format format, StructuredJson structured) {
        return StrictJson.encode(Encoders.json(format, EncodingLimits.DEFAULT, structured).create(), Events.full());
    }

    private static StructuredJson structured(ContextMembers context, Gelf gelf) {
        return new StructuredJson(Set.of(), Set.of(), Map.of(), Map.of(), null, null, null, context, gelf);
    }
}
