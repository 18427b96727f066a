package io.fapilog.internal.encoding;

import io.fapilog.internal.event.CallSnapshot;
import io.fapilog.internal.event.EntryMap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Protocol Buffers messages and Avro records, known by their names (fapilog depends on neither):
 * written as an object of their fields, by the field names of their schema, so that redaction
 * masks a {@code password} field as in any record. Through their getters Jackson would meet a
 * protobuf message's descriptor (a graph too deep to write) and an Avro record's schema, and the
 * value would be lost as {@code ***}.
 *
 * <ul>
 *   <li>protobuf: the fields that are set ({@code getAllFields()}, as protobuf's own text and JSON
 *       formats list them), a map field as an object, an enum by its name, bytes as bytes;
 *   <li>Avro: every field of the record's schema, text as text, an enum symbol by its name, bytes and
 *       fixed as bytes.
 * </ul>
 */
public final class MessageValues {

    private static final String PROTOBUF_MESSAGE = "com.google.protobuf.MessageOrBuilder";
    private static final String PROTOBUF_FIELD = "com.google.protobuf.Descriptors$FieldDescriptor";
    private static final String PROTOBUF_ENUM = "com.google.protobuf.Descriptors$EnumValueDescriptor";
    private static final String PROTOBUF_BYTES = "com.google.protobuf.ByteString";
    private static final String AVRO_RECORD = "org.apache.avro.generic.GenericRecord";
    private static final String AVRO_FIXED = "org.apache.avro.generic.GenericFixed";
    private static final String AVRO_ENUM = "org.apache.avro.generic.GenericEnumSymbol";

    /** Nesting converted; deeper, a message is written as its text. */
    private static final int MAX_DEPTH = 32;

    /** Writes a message or record as its {@linkplain #fields fields}, inside a record or bean too. */
    static final StdSerializer<Object> SERIALIZER = new StdSerializer<>(Object.class) {
        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
            context.writeValue(generator, fields(value));
        }
    };

    private MessageValues() {
    }

    /** Whether values of {@code type} are protobuf messages or Avro records. */
    public static boolean isMessage(Class<?> type) {
        return NamedTypes.find(type, PROTOBUF_MESSAGE) != null || NamedTypes.find(type, AVRO_RECORD) != null;
    }

    /**
     * A message's or record's fields, by name, converted down to plain values; never throws (a failing
     * read is its text). At most {@link CallSnapshot#MAX_ELEMENTS} elements of repeated fields and maps,
     * as a call's copy: a list or map cut short ends with {@link CallSnapshot#MORE}.
     */
    public static Object fields(Object message) {
        return convert(message, 0, new int[] {CallSnapshot.MAX_ELEMENTS});
    }

    private static Object convert(Object value, int depth, int[] elementsLeft) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) { // the JDK's, Avro's with text keys
            EntryMap converted = new EntryMap();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (elementsLeft[0]-- <= 0) {
                    converted.add("…", CallSnapshot.MORE);
                    break;
                }
                converted.add(String.valueOf(entry.getKey()), convert(entry.getValue(), depth + 1, elementsLeft));
            }
            return converted;
        }
        if (value instanceof Collection<?> items) { // a repeated field, Avro's arrays
            List<Object> converted = new ArrayList<>();
            for (Object item : items) {
                if (elementsLeft[0]-- <= 0) {
                    converted.add(CallSnapshot.MORE);
                    break;
                }
                converted.add(convert(item, depth + 1, elementsLeft));
            }
            return converted;
        }
        Class<?> type = value.getClass();
        if (type.getClassLoader() == null) { // the JDK's own
            if (value instanceof CharSequence text) {
                return text.toString();
            }
            if (value instanceof ByteBuffer buffer) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                return bytes;
            }
            return value;
        }
        if (depth >= MAX_DEPTH) {
            return Failures.safeToString(value);
        }
        Class<?> protobuf = NamedTypes.find(type, PROTOBUF_MESSAGE);
        if (protobuf != null) {
            return protobufFields(protobuf, value, depth, elementsLeft);
        }
        Class<?> avro = NamedTypes.find(type, AVRO_RECORD);
        if (avro != null) {
            return avroFields(avro, value, depth, elementsLeft);
        }
        Class<?> named = NamedTypes.find(type, PROTOBUF_BYTES);
        if (named != null) {
            return NamedTypes.read(named, value, "toByteArray");
        }
        named = NamedTypes.find(type, AVRO_FIXED);
        if (named != null) {
            return NamedTypes.read(named, value, "bytes");
        }
        if (NamedTypes.find(type, PROTOBUF_ENUM) != null) {
            return NamedTypes.read(value, "getName");
        }
        if (value instanceof CharSequence || NamedTypes.find(type, AVRO_ENUM) != null) {
            return Failures.safeToString(value); // Avro's Utf8, an enum symbol
        }
        return value;
    }

    private static Object protobufFields(Class<?> message, Object value, int depth, int[] elementsLeft) {
        if (!(NamedTypes.read(message, value, "getAllFields") instanceof Map<?, ?> fields)) {
            return Failures.safeToString(value);
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            Object descriptor = field.getKey();
            Class<?> fieldType = NamedTypes.find(descriptor.getClass(), PROTOBUF_FIELD);
            String name = String.valueOf(NamedTypes.read(fieldType, descriptor, "getName"));
            boolean map = Boolean.TRUE.equals(NamedTypes.read(fieldType, descriptor, "isMapField"));
            converted.put(name, map ? protobufMap(field.getValue(), depth, elementsLeft) : convert(field.getValue(), depth + 1, elementsLeft));
        }
        return converted;
    }

    /** A map field, which protobuf holds as a list of entries with a {@code key} and a {@code value} field. */
    private static Object protobufMap(Object entries, int depth, int[] elementsLeft) {
        EntryMap converted = new EntryMap();
        for (Object entry : (Collection<?>) entries) {
            if (elementsLeft[0]-- <= 0) {
                converted.add("…", CallSnapshot.MORE);
                break;
            }
            if (convert(entry, depth + 1, elementsLeft) instanceof Map<?, ?> pair) {
                converted.add(String.valueOf(pair.get("key")), pair.get("value"));
            }
        }
        return converted;
    }

    private static Object avroFields(Class<?> record, Object value, int depth, int[] elementsLeft) {
        Object schema = NamedTypes.read(record, value, "getSchema");
        if (schema == null || !(NamedTypes.read(schema, "getFields") instanceof List<?> fields)) {
            return Failures.safeToString(value);
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Object field : fields) {
            String name = String.valueOf(NamedTypes.read(field, "name"));
            Object fieldValue;
            try {
                fieldValue = record.getMethod("get", String.class).invoke(value, name);
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                return Failures.safeToString(value);
            }
            converted.put(name, convert(fieldValue, depth + 1, elementsLeft));
        }
        return converted;
    }
}
