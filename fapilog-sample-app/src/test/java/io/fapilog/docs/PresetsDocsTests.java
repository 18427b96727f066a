package io.fapilog.docs;

import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.docs.Markdown.Table;
import io.fapilog.config.SinkType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Effective settings" tables of {@code docs/presets.md} against what each {@link Preset}
 * really configures ({@code PresetDefinitions} applied to the defaults of {@link FapilogConfig}).
 */
class PresetsDocsTests {

    private static final Map<String, Function<FapilogConfig, String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("level", config -> config.level().name());
        COLUMNS.put("sinks", config -> config.sinks().stream().map(SinkType::id).collect(Collectors.joining(", ")));
        COLUMNS.put("queue.full-policy", config -> config.queue().fullPolicy().id());
        COLUMNS.put("queue.wait-timeout", config -> duration(config.queue().waitTimeout()));
        COLUMNS.put("queue.protected-levels", config -> levels(config.queue().protectedLevels()));
        COLUMNS.put("batch.max-size", config -> String.valueOf(config.batch().maxSize()));
        COLUMNS.put("batch.timeout", config -> duration(config.batch().timeout()));
        COLUMNS.put("shutdown.timeout", config -> duration(config.shutdown().timeout()));
        COLUMNS.put("redaction.presets", config -> redactionPresets(config.redaction().presets()));
        COLUMNS.put("redaction.url-credentials", config -> String.valueOf(config.redaction().urlCredentials()));
        COLUMNS.put("redaction.fail-closed", config -> String.valueOf(config.redaction().failClosed()));
        COLUMNS.put("enrichers.runtime", config -> String.valueOf(config.enrichment().runtime()));
        COLUMNS.put("enrichers.thread", config -> String.valueOf(config.enrichment().thread()));
        COLUMNS.put("bridge.slf4j", config -> String.valueOf(config.bridgeSlf4j()));
        COLUMNS.put("request-logging.enabled", config -> String.valueOf(config.requestLogging()));
    }

    @Test
    void effectiveSettingsTablesMatchThePresets() {
        List<Table> tables = Markdown.tables(Markdown.DOCS.resolve("presets.md")).stream()
                .filter(table -> table.header().get(0).equals("Preset") && table.header().size() > 2
                        && table.header().get(1).startsWith("`"))
                .toList();
        assertThat(tables).hasSize(2);
        int checkedColumns = 0;
        for (Table table : tables) {
            assertThat(table.rows()).extracting(row -> Markdown.plain(row.get(0)))
                    .containsExactly(List.of(Preset.values()).stream().map(Preset::id).toArray(String[]::new));
            for (int column = 1; column < table.header().size(); column++) {
                String property = Markdown.plain(table.header().get(column));
                Function<FapilogConfig, String> actual = COLUMNS.get(property);
                assertThat(actual).as("presets.md column %s has no check", property).isNotNull();
                checkedColumns++;
                for (List<String> row : table.rows()) {
                    Preset preset = Preset.parse(Markdown.plain(row.get(0)));
                    FapilogConfig config = Fapilog.builder().preset(preset).build();
                    assertThat(Markdown.plain(row.get(column))).as("%s of preset %s", property, preset.id())
                            .isEqualTo(actual.apply(config));
                }
            }
        }
        assertThat(checkedColumns).isEqualTo(COLUMNS.size());
    }

    @Test
    void overviewListsEveryPreset() {
        Table overview = Markdown.tables(Markdown.DOCS.resolve("presets.md")).get(0);
        assertThat(overview.rows()).extracting(row -> Markdown.plain(row.get(0)))
                .containsExactly(List.of(Preset.values()).stream().map(Preset::id).toArray(String[]::new));
    }

    private static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String levels(Collection<Level> levels) {
        return levels.stream().sorted().map(Level::name).collect(Collectors.joining(", "));
    }

    private static String redactionPresets(Collection<String> presets) {
        if (presets.isEmpty()) {
            return "none";
        }
        List<String> order = List.of("credentials", "pci", "hipaa");
        return presets.stream().sorted((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)))
                .collect(Collectors.joining(", "));
    }
}
