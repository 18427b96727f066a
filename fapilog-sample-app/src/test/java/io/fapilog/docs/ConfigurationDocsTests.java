package io.fapilog.docs;

import io.fapilog.docs.Markdown.CodeBlock;
import io.fapilog.docs.Markdown.Table;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import io.fapilog.spring.autoconfigure.kafka.FapilogKafkaProperties;
import io.fapilog.spring.autoconfigure.otlp.FapilogOtlpProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} against the starter's configuration metadata
 * ({@code META-INF/spring-configuration-metadata.json}, generated from {@link FapilogProperties}):
 * the same properties, the same types, the defaults the metadata knows, every enum value; and every
 * {@code fapilog.*} key in a YAML or properties block of any docs page is a real property.
 */
class ConfigurationDocsTests {

    private static final Path CONFIGURATION = Markdown.DOCS.resolve("configuration.md");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void documentsExactlyThePropertiesOfTheMetadata() throws IOException {
        Map<String, JsonNode> metadata = metadata();
        Map<String, List<String>> documented = documentedRows();
        assertThat(new TreeSet<>(documented.keySet())).isEqualTo(new TreeSet<>(metadata.keySet()));
    }

    @Test
    void documentsTheTypeOfEachProperty() throws IOException {
        Map<String, List<String>> documented = documentedRows();
        metadata().forEach((name, property) -> assertThat(Markdown.plain(documented.get(name).get(1)))
                .as("type of %s", name).isEqualTo(friendlyType(property.get("type").asString())));
    }

    /** Collection defaults the annotation processor cannot see: the additional metadata must give them to IDEs. */
    @Test
    void theMetadataGivesTheCollectionDefaults() throws IOException {
        Map<String, JsonNode> metadata = metadata();
        FapilogProperties.RequestLogging requestLogging = new FapilogProperties().getRequestLogging();
        Map<String, List<String>> defaults = Map.of(
                "fapilog.request-logging.skip-paths", requestLogging.getSkipPaths(),
                "fapilog.request-logging.masked-headers", List.copyOf(requestLogging.getMaskedHeaders()),
                "fapilog.otlp.excluded-loggers", new FapilogOtlpProperties().getExcludedLoggers(),
                "fapilog.kafka.excluded-loggers", new FapilogKafkaProperties().getExcludedLoggers());
        defaults.forEach((name, expected) -> {
            List<String> values = new ArrayList<>();
            JsonNode value = metadata.get(name).get("defaultValue");
            assertThat(value).as("default of %s", name).isNotNull();
            value.forEach(element -> values.add(element.asString()));
            assertThat(values).as("default of %s", name).isEqualTo(expected);
        });
    }

    @Test
    void documentsTheDefaultsTheMetadataKnows() throws IOException {
        Map<String, List<String>> documented = documentedRows();
        Map<String, List<String>> defaults = new LinkedHashMap<>();
        metadata().forEach((name, property) -> {
            JsonNode value = property.get("defaultValue");
            if (value != null && !value.isNull()) {
                List<String> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(element -> values.add(element.asString()));
                } else {
                    values.add(value.asString());
                }
                defaults.put(name, values);
            }
        });
        assertThat(defaults).isNotEmpty();
        defaults.forEach((name, values) -> {
            String cell = Markdown.plain(documented.get(name).get(2));
            values.forEach(value -> assertThat(cell).as("default of %s", name).contains(value));
        });
    }

    @Test
    void documentsEveryValueOfEveryEnum() throws IOException {
        Map<String, List<String>> documented = documentedRows();
        metadata().forEach((name, property) -> {
            String declared = property.get("type").asString();
            Class<?> type = enumType(declared);
            // Maps and sets of levels take any level; their rows do not repeat the list.
            boolean anyLevel = declared.startsWith("java.util.Map") || declared.equals("java.util.Set<io.fapilog.Level>");
            if (type != null && !anyLevel) {
                String row = String.join(" ", documented.get(name));
                for (Object constant : type.getEnumConstants()) {
                    String value = ((Enum<?>) constant).name();
                    assertThat(row).as("values of %s", name)
                            .containsAnyOf("`" + value + "`", "`" + value.toLowerCase().replace('_', '-') + "`");
                }
            }
        });
    }

    @Test
    void everyPropertyInTheDocsExamplesExists() throws IOException {
        Map<String, JsonNode> metadata = metadata();
        List<String> unknown = new ArrayList<>();
        for (Path file : Markdown.docs()) {
            for (CodeBlock block : Markdown.codeBlocks(file)) {
                for (String key : keys(block)) {
                    if (key.startsWith("fapilog.") && !isProperty(key, metadata)) {
                        unknown.add(block + ": " + key);
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    private static boolean isProperty(String key, Map<String, JsonNode> metadata) {
        if (metadata.containsKey(key)) {
            return true;
        }
        // Map properties take any key below them (fapilog.levels.com.acme).
        return metadata.entrySet().stream().anyMatch(entry -> entry.getValue().get("type").asString()
                .startsWith("java.util.Map") && key.startsWith(entry.getKey() + "."));
    }

    @SuppressWarnings("unchecked")
    private static List<String> keys(CodeBlock block) {
        List<String> keys = new ArrayList<>();
        switch (block.language()) {
            case "yaml", "yml" -> {
                Object loaded = new Yaml().load(block.content());
                if (loaded instanceof Map<?, ?> map) {
                    flatten("", (Map<String, Object>) map, keys);
                }
            }
            case "properties" -> block.content().lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> keys.add(line.split("[=:]", 2)[0].strip()));
            default -> {
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, List<String> keys) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, (Map<String, Object>) nested, keys);
            } else {
                keys.add(name);
            }
        });
    }

    /** Rows of the property tables of configuration.md by property name (placeholders removed). */
    static Map<String, List<String>> documentedRows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (Table table : Markdown.tables(CONFIGURATION)) {
            if (!table.header().equals(List.of("Property", "Type", "Default", "Description"))) {
                continue;
            }
            for (List<String> row : table.rows()) {
                String name = Markdown.plain(row.get(0)).replaceAll("\\.<[a-z]+>$", "");
                assertThat(rows).as("%s is documented twice", name).doesNotContainKey(name);
                rows.put(name, row);
            }
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }

    /** The starter's properties: {@code fapilog.*} and {@code management.health.fapilog.*}. */
    static Map<String, JsonNode> metadata() throws IOException {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (URL url : Collections.list(ConfigurationDocsTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            JsonNode root;
            try (InputStream in = url.openStream()) {
                root = JSON.readTree(in);
            }
            for (JsonNode property : root.path("properties")) {
                String name = property.get("name").asString();
                if (name.startsWith("fapilog.") || name.startsWith("management.health.fapilog.")) {
                    properties.put(name, property);
                }
            }
        }
        assertThat(properties).as("the starter's configuration metadata").isNotEmpty();
        return properties;
    }

    private static String friendlyType(String type) {
        if (type.startsWith("java.util.List") || type.startsWith("java.util.Set")) {
            return "list";
        }
        if (type.startsWith("java.util.Map")) {
            return "map";
        }
        if (enumType(type) != null) {
            return "enum";
        }
        return switch (type) {
            case "java.lang.Boolean" -> "boolean";
            case "java.lang.Integer" -> "int";
            case "java.lang.Double" -> "double";
            case "java.lang.String" -> "String";
            case "java.time.Duration" -> "Duration";
            case "org.springframework.util.unit.DataSize" -> "DataSize";
            case "java.nio.file.Path" -> "Path";
            case "java.net.URI" -> "URI";
            default -> type;
        };
    }

    /** The enum of a property's type, or of its elements for a collection of enums. */
    private static Class<?> enumType(String type) {
        String element = type.contains("<") ? type.substring(type.lastIndexOf('<') + 1, type.indexOf('>'))
                .replaceAll(".*,", "") : type;
        try {
            Class<?> candidate = Class.forName(element.strip());
            return candidate.isEnum() ? candidate : null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
