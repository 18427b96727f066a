package io.fapilog.internal.encoding;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            return NamedTypes.isAny(type, TYPES);
        }
    };

    /**
     * The longest text read as a tree: reading is bounded so that a value of megabytes costs its
     * caller what its text costs (as an SLF4J placeholder would), not a parse of all of it as well.
     */
    static final int MAX_PARSED_CHARS = 16_384;

    /** Writes such a value as the tree it holds, inside a record or bean too. */
    static final ConvertedSerializer SERIALIZER = new ConvertedSerializer(JsonTextValues::tree);

    private JsonTextValues() {
    }

    /** Whether values of {@code type} are written as the JSON their text holds. */
    public static boolean isJsonText(Class<?> type) {
        return JSON_TEXT.get(type);
    }

    /**
     * The value as a Jackson 3 tree: a Jackson 2 tree node by node (its binary nodes stay bytes, which
     * redaction reads into, where its text would write them as base64 it cannot); any other read from
     * its text; the text itself when that is not JSON or longer than {@value #MAX_PARSED_CHARS} characters.
     */
    public static Object tree(Object value) {
        if (Jackson2.NODE.isInstance(value)) {
            try {
                return Jackson2.convert(value, new Jackson2.Walk());
            } catch (ReflectiveOperationException | RuntimeException unexpected) {
                // an unforeseen Jackson 2 version: its text, as for the other libraries
            }
        }
        String json = Failures.safeToString(value);
        if (json.length() > MAX_PARSED_CHARS) {
            return json; // written as text, cut as any long string, masked by the text rules (JSON in a string)
        }
        try {
            return Reader.MAPPER.readTree(json);
        } catch (RuntimeException notJson) {
            return json;
        }
    }

    /**
     * Jackson 2 trees read through Jackson 2's own API, by reflection (Jackson 2 is no dependency),
     * bounded as a collection taken at the call: a node met again on its own path is {@code "[cycle]"}
     * (its text would overflow the stack), nodes past {@value #MAX_NODES} are left out after
     * {@code "…[more]"}, nesting past {@value #MAX_DEPTH} levels is {@code "…"}.
     */
    private static final class Jackson2 {
        static final Class<?> NODE = load("com.fasterxml.jackson.databind.JsonNode");
        static final int MAX_NODES = 10_000;
        static final int MAX_DEPTH = 64;
        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

        static final class Walk {
            final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());
            int nodes;
        }

        private static Class<?> load(String name) {
            try {
                return Class.forName(name, false, JsonTextValues.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError absent) {
                return Void.class; // isInstance is false for every value
            }
        }

        static JsonNode convert(Object node, Walk walk) throws ReflectiveOperationException {
            String type = ((Enum<?>) call(node, "getNodeType")).name();
            switch (type) {
                case "STRING":
                    return NODES.stringNode((String) call(node, "textValue"));
                case "NUMBER":
                    return number((Number) call(node, "numberValue"));
                case "BOOLEAN":
                    return NODES.booleanNode((Boolean) call(node, "booleanValue"));
                case "BINARY":
                    return NODES.binaryNode((byte[]) call(node, "binaryValue"));
                case "POJO":
                    return NODES.pojoNode(node.getClass().getMethod("getPojo").invoke(node));
                case "OBJECT":
                case "ARRAY":
                    return container(node, type.equals("OBJECT"), walk);
                default:
                    return NODES.nullNode();
            }
        }

        @SuppressWarnings("unchecked")
        private static JsonNode container(Object node, boolean object, Walk walk)
                throws ReflectiveOperationException {
            if (walk.path.size() >= MAX_DEPTH) {
                return NODES.stringNode("…");
            }
            if (!walk.path.add(node)) {
                return NODES.stringNode("[cycle]");
            }
            try {
                if (object) {
                    ObjectNode copy = NODES.objectNode();
                    Iterator<Map.Entry<String, Object>> members = (Iterator<Map.Entry<String, Object>>) call(node, "fields");
                    while (members.hasNext()) {
                        if (++walk.nodes > MAX_NODES) {
                            copy.put("…", "…[more]");
                            break;
                        }
                        Map.Entry<String, Object> member = members.next();
                        copy.set(member.getKey(), convert(member.getValue(), walk));
                    }
                    return copy;
                }
                ArrayNode copy = NODES.arrayNode();
                for (Object element : (Iterable<Object>) node) {
                    if (++walk.nodes > MAX_NODES) {
                        copy.add("…[more]");
                        break;
                    }
                    copy.add(convert(element, walk));
                }
                return copy;
            } finally {
                walk.path.remove(node);
            }
        }

        private static JsonNode number(Number number) {
            if (number instanceof BigDecimal decimal) {
                return NODES.numberNode(decimal);
            }
            if (number instanceof BigInteger integer) {
                return NODES.numberNode(integer);
            }
            if (number instanceof Double || number instanceof Float) {
                return NODES.numberNode(number.doubleValue());
            }
            return NODES.numberNode(number.longValue());
        }

        private static final Map<String, Method> METHODS = methods("getNodeType", "textValue", "numberValue",
                "booleanValue", "binaryValue", "fields");

        private static Map<String, Method> methods(String... names) {
            Map<String, Method> methods = new HashMap<>();
            for (String name : names) {
                try {
                    methods.put(name, NODE.getMethod(name));
                } catch (NoSuchMethodException absent) {
                    // Jackson 2 absent (NODE is Void), or a version without it: call() fails, and the text is used
                }
            }
            return Map.copyOf(methods);
        }

        private static Object call(Object target, String method) throws ReflectiveOperationException {
            Method found = METHODS.get(method);
            if (found == null) {
                throw new NoSuchMethodException(method);
            }
            return found.invoke(target);
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
