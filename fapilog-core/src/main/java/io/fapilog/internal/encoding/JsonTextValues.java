package io.fapilog.internal.encoding;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Other JSON libraries' values, whose text is the JSON they hold: Jackson 2 trees
 * ({@code com.fasterxml.jackson.databind.JsonNode}), Gson's elements, org.json's objects and arrays,
 * JSON-P (Jakarta and javax) values, Vert.x's objects and arrays, minimal-json's values and BSON
 * values (a document's text is its JSON; a single value's, not JSON, is written as that text). Through their getters they would be written as flags ({@code {"empty":false}}), a Gson
 * number's getter throws, and their content would be lost; so each is read as a Jackson 3 tree from
 * its JSON text, written as the JSON it holds, redacted by field name like any tree (taken at the call
 * as a value of its own or in a collection, as {@code CallSnapshot} captures it). Decimals keep their
 * digits. Recognised by class name: none of these libraries is a dependency.
 */
public final class JsonTextValues {

    private static final List<String> TYPES = List.of("com.fasterxml.jackson.databind.JsonNode", "com.google.gson.JsonElement",
            "org.json.JSONObject", "org.json.JSONArray", "jakarta.json.JsonValue", "javax.json.JsonValue",
            "io.vertx.core.json.JsonObject", "io.vertx.core.json.JsonArray", "com.eclipsesource.json.JsonValue",
            "org.bson.BsonValue");

    private static final ClassValue<Boolean> JSON_TEXT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (String name : TYPES) {
                if (NamedTypes.find(type, name) != null) {
                    return true;
                }
            }
            return false;
        }
    };

    /** Writes such a value as the tree it holds, inside a record or bean too. */
    static final ConvertedSerializer SERIALIZER = new ConvertedSerializer(JsonTextValues::tree);

    private JsonTextValues() {
    }

    /** Whether values of {@code type} are written as the JSON their text holds. */
    public static boolean isJsonText(Class<?> type) {
        return JSON_TEXT.get(type);
    }

    /** The value as a Jackson 3 tree read from its text; the text itself when that is not JSON. */
    public static Object tree(Object value) {
        String json = Failures.safeToString(value);
        try {
            return Reader.MAPPER.readTree(json);
        } catch (RuntimeException notJson) {
            return json;
        }
    }

    /** Loaded on first use. */
    private static final class Reader {
        static final JsonMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }
}
