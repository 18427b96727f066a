package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.config.StructuredJson;
import io.fapilog.spi.Encoder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Boot's logging.structured.json.include/exclude/rename/add on fapilog's layouts. */
class MemberAdjustingEncoderTest {

    private static JsonNode encode(Format format, StructuredJson structured) {
        Encoder encoder = Encoders.json(format, EncodingLimits.DEFAULT, structured).create();
        return StrictJson.encode(encoder, Events.full());
    }

    @Test
    void excludeRenameAndAddOnNestedEcsPaths() {
        Map<String, String> add = new LinkedHashMap<>();
        add.put("team", "payments");
        add.put("deployment.region", "eu-west-1");
        JsonNode line = encode(Format.ECS, new StructuredJson(Set.of(), Set.of("log.logger", "host"),
                Map.of("process.thread.name", "label", "request_id", "http.request.id"), add, null, null));

        assertThat(line.at("/log/level").stringValue()).isEqualTo("INFO");
        assertThat(line.at("/log/logger").isMissingNode()).isTrue();
        assertThat(line.has("host")).isFalse();
        // renamed where they are, as Spring Boot does: a new name is a name, dots and all
        assertThat(line.at("/process/thread/label").stringValue()).isEqualTo("reactor-http-epoll-2");
        assertThat(line.at("/process/thread/name").isMissingNode()).isTrue();
        assertThat(line.get("http.request.id").stringValue()).isEqualTo("7f3c");
        assertThat(line.at("/http/request/id").isMissingNode()).isTrue();
        assertThat(line.has("request_id")).isFalse();
        assertThat(line.get("team").stringValue()).isEqualTo("payments");
        assertThat(line.at("/deployment/region").stringValue()).isEqualTo("eu-west-1");
    }

    @Test
    void includeKeepsOnlyTheNamedMembers() {
        JsonNode line = encode(Format.LOGSTASH, new StructuredJson(Set.of("@timestamp", "message", "level"), Set.of(),
                Map.of(), Map.of(), null, null));

        assertThat(StrictJson.names(line)).containsExactlyInAnyOrder("@timestamp", "message", "level");
    }

    @Test
    void noAdjustmentKeepsTheLayoutEncoder() {
        assertThat(Encoders.json(Format.ECS, EncodingLimits.DEFAULT, StructuredJson.NONE).create())
                .isInstanceOf(EcsJsonEncoder.class);
    }
}
