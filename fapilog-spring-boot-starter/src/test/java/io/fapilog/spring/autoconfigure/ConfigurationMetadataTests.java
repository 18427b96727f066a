package io.fapilog.spring.autoconfigure;

import io.fapilog.Preset;
import io.fapilog.config.Format;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.ModeSelection;
import io.fapilog.config.SinkType;
import io.fapilog.config.TimestampPrecision;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an IDE offers for fapilog's properties: the metadata the starter's jar carries. */
class ConfigurationMetadataTests {

    private static final JsonNode METADATA = JsonMapper.builder().build()
            .readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());

    @Test
    void everyPropertyIsDescribedInPlainText() {
        List<String> undescribed = new ArrayList<>();
        for (JsonNode property : METADATA.get("properties")) {
            String description = property.path("description").asString("");
            if (description.isBlank() || description.contains("{@")) {
                undescribed.add(property.get("name").asString() + ": " + description);
            }
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void everyChoiceIsOfferedInTheDocsSpellingAndBinds() {
        Map<String, Class<? extends Enum<?>>> enums = Map.of("fapilog.preset", Preset.class, "fapilog.mode", ModeSelection.class,
                "fapilog.queue.full-policy", FullPolicy.class, "fapilog.format", Format.class,
                "fapilog.timestamp-precision", TimestampPrecision.class);
        enums.forEach((name, type) -> {
            List<String> offered = hintValues(name);
            assertThat(offered).as(name).hasSize(type.getEnumConstants().length).allSatisfy(value -> {
                assertThat(value).as(name).isLowerCase();
                Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("v", value)));
                assertThat(binder.bind("v", Bindable.of(type)).isBound()).as(name + "=" + value).isTrue();
            });
        });
        assertThat(hintValues("fapilog.otlp.protocol")).containsExactly("http/protobuf", "grpc");
        assertThat(hintValues("fapilog.otlp.compression")).containsExactly("none", "gzip");
        assertThat(hintValues("fapilog.kafka.compression")).containsExactly("none", "gzip", "snappy", "lz4", "zstd");
        List<String> sinks = new ArrayList<>(List.of("otlp", "kafka")); // the modules' sinks
        for (SinkType sink : SinkType.values()) {
            sinks.add(sink.id());
        }
        assertThat(hintValues("fapilog.sinks")).containsExactlyInAnyOrderElementsOf(sinks);
    }

    @Test
    void theHealthSwitchSaysWhatTheIndicatorReports() {
        for (JsonNode property : METADATA.get("properties")) {
            if (property.get("name").asString().equals("management.health.fapilog.enabled")) {
                assertThat(property.get("description").asString()).contains("DEGRADED").contains("down-on-sink-failure");
                return;
            }
        }
        throw new AssertionError("management.health.fapilog.enabled is not described");
    }

    private static List<String> hintValues(String property) {
        for (JsonNode hint : METADATA.get("hints")) {
            if (hint.get("name").asString().equals(property)) {
                List<String> values = new ArrayList<>();
                hint.get("values").forEach(value -> values.add(value.get("value").asString()));
                return values;
            }
        }
        return List.of();
    }
}
