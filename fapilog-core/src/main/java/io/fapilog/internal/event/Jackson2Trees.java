package io.fapilog.internal.event;

import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson 2 trees ({@code com.fasterxml.jackson.databind.JsonNode}), which applications and
 * libraries still pass around beside Jackson 3's: without this they would be written as the
 * {@code Iterable} of their values ({@code [[],[]]}, the names lost). Taken at the call as a Jackson 3
 * tree read from their JSON text, so that they are written as the JSON they hold, redacted by field
 * name like any tree, and as they were at the call. Recognised by class name: Jackson 2 is not a
 * dependency.
 */
final class Jackson2Trees {

    private static final String NODE_CLASS = "com.fasterxml.jackson.databind.JsonNode";

    private static final ClassValue<Boolean> NODES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> at = type; at != null; at = at.getSuperclass()) {
                if (NODE_CLASS.equals(at.getName())) {
                    return true;
                }
            }
            return false;
        }
    };

    private Jackson2Trees() {
    }

    static boolean isNode(Class<?> type) {
        return NODES.get(type);
    }

    /** The node as a Jackson 3 tree; its text when that is not JSON. */
    static Object copy(Object node) {
        String json = node.toString();
        try {
            return Reader.MAPPER.readTree(json);
        } catch (RuntimeException notJson) {
            return json;
        }
    }

    /** Loaded on first use. */
    private static final class Reader {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }
}
