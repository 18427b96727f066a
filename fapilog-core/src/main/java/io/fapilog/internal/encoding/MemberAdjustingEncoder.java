package io.fapilog.internal.encoding;

import io.fapilog.config.StructuredJson;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.LogEventView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies {@link StructuredJson}'s include, exclude, rename and add to each line another encoder
 * wrote, the way Spring Boot's {@code logging.structured.json.*} do: paths with dots address nested
 * members ({@code log.level}), and a name holding dots itself ({@code labels.x}) is matched too.
 * Costs a parse and a write per line, paid only when such an adjustment is configured. A line that
 * cannot be adjusted is written as it was.
 */
final class MemberAdjustingEncoder implements Encoder {

    /** Numbers pass through as written: a decimal is not parsed to a {@code double} (nor its zeros stripped). */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final Encoder layout;
    private final StructuredJson structured;
    private final EncodedBatch scratch = new EncodedBatch();

    MemberAdjustingEncoder(Encoder layout, StructuredJson structured) {
        this.layout = layout;
        this.structured = structured;
    }

    @Override
    public void encode(LogEventView event, EncodedBatch out) {
        scratch.reset();
        layout.encode(event, scratch);
        byte[] bytes = scratch.array();
        int start = scratch.lineStart(0);
        int length = scratch.lineEnd(0) - start;
        byte[] adjusted;
        try {
            ObjectNode line = (ObjectNode) MAPPER.readTree(bytes, start, length);
            adjust(line);
            adjusted = MAPPER.writeValueAsBytes(line);
        } catch (RuntimeException failure) {
            adjusted = null;
        }
        if (adjusted != null) {
            out.append(adjusted, 0, adjusted.length);
        } else {
            out.append(bytes, start, length);
        }
        out.endEvent(scratch.record(0));
    }

    void adjust(ObjectNode line) {
        if (!structured.include().isEmpty()) {
            ObjectNode kept = MAPPER.createObjectNode();
            for (String path : structured.include()) {
                JsonNode value = remove(line, path);
                if (value != null) {
                    put(kept, path, value);
                }
            }
            line.removeAll();
            line.setAll(kept);
        }
        for (String path : structured.exclude()) {
            remove(line, path);
        }
        structured.rename().forEach((path, name) -> rename(line, path, name));
        structured.add().forEach((path, value) -> put(line, path, line.stringNode(value)));
    }

    /**
     * Renames the member at {@code path} (nested, else a literal dotted name) where it is, as Spring
     * Boot does: {@code name} is its new name under the same parent, in the same place, dots and all.
     */
    private static void rename(ObjectNode object, String path, String name) {
        if (object.has(path)) {
            Map<String, JsonNode> members = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                members.put(member.getKey().equals(path) ? name : member.getKey(), member.getValue());
            }
            object.removeAll();
            object.setAll(members);
            return;
        }
        int dot = path.indexOf('.');
        if (dot >= 0 && object.get(path.substring(0, dot)) instanceof ObjectNode child) {
            rename(child, path.substring(dot + 1), name);
        }
    }

    /** Removes the member at {@code path} (nested, else a literal dotted name) and returns it, or null. */
    private static JsonNode remove(ObjectNode object, String path) {
        if (object.has(path)) {
            JsonNode value = object.remove(path);
            return value;
        }
        int dot = path.indexOf('.');
        if (dot < 0 || !(object.get(path.substring(0, dot)) instanceof ObjectNode child)) {
            return null;
        }
        JsonNode value = remove(child, path.substring(dot + 1));
        if (value != null && child.isEmpty()) {
            object.remove(path.substring(0, dot));
        }
        return value;
    }

    /** Puts {@code value} at {@code path}, creating the nested objects on the way. */
    private static void put(ObjectNode object, String path, JsonNode value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            object.set(path, value);
            return;
        }
        String head = path.substring(0, dot);
        JsonNode child = object.get(head);
        ObjectNode nested;
        if (child instanceof ObjectNode existing) {
            nested = existing;
        } else if (child != null) {
            object.set(path, value); // the parent is a value: keep the dotted name
            return;
        } else {
            nested = object.putObject(head);
        }
        put(nested, path.substring(dot + 1), value);
    }
}
