package io.fapilog.internal.encoding;

import io.fapilog.internal.event.CallSnapshot;
import io.fapilog.internal.event.EntryMap;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Protocol Buffers messages, Avro records, Kafka records, Spring's bind errors, Spring Security's
 * authentications and JWTs, Spring's messages, request entities and binding results, and Bean
 * Validation's violations, known by their names
 * (fapilog depends on none of them): written as an object of their fields, by the field names of their schema, so that
 * redaction masks a {@code password} field as in any record. Through their getters Jackson would
 * meet a protobuf message's descriptor (a graph too deep to write) and an Avro record's schema, and
 * the value would be lost as {@code ***}; a Kafka record and its headers have no getters and were
 * written as their text, which shows a header's value as decimal bytes under the name {@code value},
 * where no rule could find a {@code token} header's secret.
 *
 * <ul>
 *   <li>protobuf: the fields that are set ({@code getAllFields()}, as protobuf's own text and JSON
 *       formats list them), a map field as an object, an enum by its name, bytes as bytes;
 *   <li>Avro: every field of the record's schema, text as text, an enum symbol by its name, bytes and
 *       fixed as bytes;
 *   <li>Kafka: a {@code ConsumerRecord} or {@code ProducerRecord} as its topic, partition, offset,
 *       timestamp, key, value and headers; headers as an object of each header's value under its
 *       name (the values of a name sent twice as a list), a value as text when its bytes are UTF-8,
 *       as bytes otherwise;
 *   <li>Spring's {@code FieldError} (a bind error) as its object, field, rejected value and message,
 *       the value under the field's name ({@code "rejected":{"password":"***"}}): as a bean, its
 *       {@code rejectedValue} property carried the secret with the field's name only in a value;
 *   <li>Spring Security's {@code Authentication} as its type, principal, credentials, whether it is
 *       authenticated, authorities and details: its text names the principal, which for a bearer
 *       token not yet checked is the token;
 *   <li>a Spring {@code Message} (messaging, WebSocket, Integration, Cloud Stream) as its payload and
 *       headers, taken at the call: a channel interceptor's headers may still change after it;
 *   <li>a Spring {@code RequestEntity} as its method, URL (a URI template's expanded), headers and body;
 *   <li>a Spring Security {@code Jwt} as its token value, headers, claims and times;
 *   <li>a {@code BindingResult} as its object and errors; a Bean Validation {@code ConstraintViolation}
 *       as its path, its invalid value under the path's last name, and its message.
 * </ul>
 *
 * {@link #fields} converts one level: a field holding another message is left for the caller to
 * convert in turn, so that the call's copy (its element budget, its cut of long text, its check for
 * a structure met again on its own path) applies to messages as to any other structure.
 */
public final class MessageValues {

    /**
     * Each shape, whether its values hold fields, and whether their own text hides from redaction
     * what their fields show: Kafka's writes a header's value as decimal bytes, an authentication's
     * names its principal, which a bearer token not yet checked is.
     */
    private enum Shape {
        NONE(false, false), PROTOBUF_MESSAGE(true, false), AVRO_RECORD(true, false),
        KAFKA_RECORD(true, true), KAFKA_HEADERS(true, true), KAFKA_HEADER(true, true), FIELD_ERROR(true, false),
        AUTHENTICATION(true, true), SPRING_MESSAGE(true, false), REQUEST_ENTITY(true, false), JWT(true, false),
        BINDING_ERRORS(true, false), CONSTRAINT_VIOLATION(true, false),
        PROTOBUF_BYTES(false, false), AVRO_FIXED(false, false), PROTOBUF_ENUM(false, false), AVRO_TEXT(false, false);

        final boolean holdsFields;
        final boolean textHidesSecrets;

        Shape(boolean holdsFields, boolean textHidesSecrets) {
            this.holdsFields = holdsFields;
            this.textHidesSecrets = textHidesSecrets;
        }
    }

    private static final String AVRO_RECORD = "org.apache.avro.generic.GenericRecord";
    private static final Map<String, Shape> NAMES = Map.ofEntries(
            Map.entry("com.google.protobuf.MessageOrBuilder", Shape.PROTOBUF_MESSAGE),
            Map.entry(AVRO_RECORD, Shape.AVRO_RECORD),
            Map.entry("org.apache.kafka.clients.consumer.ConsumerRecord", Shape.KAFKA_RECORD),
            Map.entry("org.apache.kafka.clients.producer.ProducerRecord", Shape.KAFKA_RECORD),
            Map.entry("org.apache.kafka.common.header.Headers", Shape.KAFKA_HEADERS),
            Map.entry("org.apache.kafka.common.header.Header", Shape.KAFKA_HEADER),
            Map.entry("org.springframework.validation.FieldError", Shape.FIELD_ERROR),
            Map.entry("org.springframework.security.core.Authentication", Shape.AUTHENTICATION),
            Map.entry("org.springframework.messaging.Message", Shape.SPRING_MESSAGE),
            Map.entry("org.springframework.http.RequestEntity", Shape.REQUEST_ENTITY),
            Map.entry("org.springframework.security.oauth2.jwt.Jwt", Shape.JWT),
            Map.entry("org.springframework.validation.Errors", Shape.BINDING_ERRORS),
            Map.entry("jakarta.validation.ConstraintViolation", Shape.CONSTRAINT_VIOLATION),
            Map.entry("com.google.protobuf.ByteString", Shape.PROTOBUF_BYTES),
            Map.entry("org.apache.avro.generic.GenericFixed", Shape.AVRO_FIXED),
            Map.entry("com.google.protobuf.Descriptors$EnumValueDescriptor", Shape.PROTOBUF_ENUM),
            Map.entry("org.apache.avro.generic.GenericEnumSymbol", Shape.AVRO_TEXT),
            Map.entry("org.apache.avro.util.Utf8", Shape.AVRO_TEXT));
    /** A Kafka record's parts, in the order its own text lists them; those it lacks ({@code offset} of a {@code ProducerRecord}) or holds as null are left out. */
    private static final List<String> KAFKA_RECORD_PARTS = List.of("topic", "partition", "offset", "timestamp");
    private static final Shape[] ALL_SHAPES = Shape.values();

    /** Each class's shape, by its ordinal: an {@code Integer} holds no class of fapilog's loader (see {@code CallSnapshot}). */
    private static final ClassValue<Integer> SHAPES = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            if (type.getClassLoader() == null) {
                return Shape.NONE.ordinal(); // the JDK's own
            }
            for (Class<?> candidate : NamedTypes.hierarchy(type)) {
                Shape shape = NAMES.get(candidate.getName());
                if (shape != null) {
                    return shape.ordinal();
                }
            }
            return Shape.NONE.ordinal();
        }
    };

    /**
     * Writes a message, record or one of their values {@linkplain #fields converted}, inside a record or
     * bean too: at most {@value #MAX_WRITTEN} of them in one conversion, so that one shared by two fields
     * at every level, a graph of 2^depth paths, ends with {@code "…[more]"} instead of holding the worker.
     */
    static final StdSerializer<Object> SERIALIZER = new StdSerializer<>(Object.class) {
        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
            int[] written = (int[]) context.getAttribute(WRITTEN);
            if (written == null) {
                written = new int[1];
                context.setAttribute(WRITTEN, written);
            }
            if (++written[0] > MAX_WRITTEN) {
                generator.writeString("…[more]");
                return;
            }
            context.writeValue(generator, fields(value));
        }
    };

    private static final Object WRITTEN = new Object();
    private static final int MAX_WRITTEN = 10_000;

    private MessageValues() {
    }

    private static Shape shape(Class<?> type) {
        return ALL_SHAPES[SHAPES.get(type)];
    }

    /** Whether values of {@code type} are protobuf messages, Avro or Kafka records, or values of theirs (bytes, enums, headers) written {@linkplain #fields converted}. */
    public static boolean isMessage(Class<?> type) {
        return shape(type) != Shape.NONE;
    }

    /**
     * Whether the {@code toString()} of {@code type}'s values hides from redaction what their fields
     * show: Kafka's records and headers (a header's value as decimal bytes), Spring Security's
     * authentications ({@code Principal=} and a bearer token).
     */
    public static boolean textHidesSecrets(Class<?> type) {
        return shape(type).textHidesSecrets;
    }

    /** Whether values of {@code type} hold fields (a message, a record, headers), rather than being one of their plain values. */
    public static boolean hasFields(Class<?> type) {
        return shape(type).holdsFields;
    }

    /**
     * A message's or record's fields, by name, each as it is held but for protobuf's map fields (an
     * object), Avro's bytes (a {@code byte[]}) and a Kafka record's headers (an object); for protobuf's
     * bytes and enums and Avro's text and enum symbols, their value as bytes or text; for Kafka
     * headers, an object of their values.
     * Never throws: a message that cannot be read is its text.
     */
    public static Object fields(Object value) {
        Class<?> type = value.getClass();
        return switch (shape(type)) {
            case PROTOBUF_MESSAGE -> protobufFields(value);
            case AVRO_RECORD -> avroFields(value);
            case KAFKA_RECORD -> kafkaRecord(value);
            case KAFKA_HEADERS -> kafkaHeaders(value);
            case KAFKA_HEADER -> kafkaHeaders(List.of(value));
            case FIELD_ERROR -> fieldError(value);
            case AUTHENTICATION -> authentication(value);
            case SPRING_MESSAGE -> springMessage(value);
            case REQUEST_ENTITY -> requestEntity(value);
            case JWT -> jwt(value);
            case BINDING_ERRORS -> bindingErrors(value);
            case CONSTRAINT_VIOLATION -> constraintViolation(value);
            case PROTOBUF_BYTES -> NamedTypes.read(value, "toByteArray");
            case AVRO_FIXED -> NamedTypes.read(value, "bytes");
            case PROTOBUF_ENUM -> NamedTypes.read(value, "getName");
            case AVRO_TEXT, NONE -> Failures.safeToString(value);
        };
    }

    private static Object protobufFields(Object message) {
        if (!(NamedTypes.read(message, "getAllFields") instanceof Map<?, ?> fields)) {
            return Failures.safeToString(message);
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            Object descriptor = field.getKey();
            Class<?> fieldType = descriptor.getClass(); // protobuf's public final FieldDescriptor
            String name = String.valueOf(NamedTypes.read(fieldType, descriptor, "getName"));
            boolean map = Boolean.TRUE.equals(NamedTypes.read(fieldType, descriptor, "isMapField"));
            converted.put(name, map ? protobufMap(field.getValue()) : field.getValue());
        }
        return converted;
    }

    /**
     * A map field, which protobuf holds as a list of entry messages with a {@code key} and a {@code value}
     * field: at most as many entries as a call copies, then {@link CallSnapshot#MORE}.
     */
    private static Object protobufMap(Object entries) {
        EntryMap converted = new EntryMap();
        int taken = 0;
        for (Object entry : (List<?>) entries) {
            if (taken++ == CallSnapshot.MAX_ELEMENTS) {
                converted.add("…", CallSnapshot.MORE);
                break;
            }
            if (protobufFields(entry) instanceof Map<?, ?> pair) {
                converted.add(String.valueOf(pair.get("key")), pair.get("value"));
            }
        }
        return converted;
    }

    private static Object avroFields(Object record) {
        Object schema = NamedTypes.read(record, "getSchema");
        if (schema == null || !(NamedTypes.read(schema, "getFields") instanceof List<?> fields)) {
            return Failures.safeToString(record);
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        try {
            Method get = NamedTypes.find(record.getClass(), AVRO_RECORD).getMethod("get", String.class);
            for (Object field : fields) {
                String name = String.valueOf(NamedTypes.read(field, "name"));
                Object value = get.invoke(record, name);
                converted.put(name, value instanceof ByteBuffer buffer ? bytes(buffer) : value);
            }
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return Failures.safeToString(record);
        }
        return converted;
    }

    private static Object kafkaRecord(Object record) {
        Map<String, Object> converted = new LinkedHashMap<>();
        for (String part : KAFKA_RECORD_PARTS) {
            Object value = NamedTypes.read(record, part);
            if (value != null) {
                converted.put(part, value);
            }
        }
        converted.put("key", NamedTypes.read(record, "key"));
        converted.put("value", NamedTypes.read(record, "value"));
        converted.put("headers", kafkaHeaders(NamedTypes.read(record, "headers")));
        return converted;
    }

    private static Object fieldError(Object error) {
        Map<String, Object> converted = new LinkedHashMap<>();
        String field = String.valueOf(NamedTypes.read(error, "getField"));
        converted.put("object", NamedTypes.read(error, "getObjectName"));
        converted.put("field", field);
        Map<String, Object> rejected = new LinkedHashMap<>(1);
        rejected.put(field, NamedTypes.read(error, "getRejectedValue"));
        converted.put("rejected", rejected);
        converted.put("message", NamedTypes.read(error, "getDefaultMessage"));
        return converted;
    }

    /**
     * An authentication's parts, its getters that say what it is: as a bean, a token's class added
     * others (a JWT's claims again, its token under {@code token}), and its text names its principal.
     * A name or principal that is the text of its credentials (a bearer token not yet checked) is
     * written {@code "[credentials]"}: in a message, where the credentials are masked by their name,
     * it would be text no rule reads.
     */
    private static Object authentication(Object authentication) {
        Map<String, Object> converted = new LinkedHashMap<>();
        Object credentials = NamedTypes.read(authentication, "getCredentials");
        converted.put("type", authentication.getClass().getSimpleName());
        converted.put("name", notCredentials(NamedTypes.read(authentication, "getName"), credentials));
        converted.put("principal", notCredentials(NamedTypes.read(authentication, "getPrincipal"), credentials));
        converted.put("credentials", credentials);
        converted.put("authenticated", NamedTypes.read(authentication, "isAuthenticated"));
        converted.put("authorities", NamedTypes.read(authentication, "getAuthorities"));
        converted.put("details", NamedTypes.read(authentication, "getDetails"));
        return converted;
    }

    private static Object notCredentials(Object text, Object credentials) {
        return text instanceof CharSequence && credentials instanceof CharSequence && text.toString().equals(credentials.toString())
                ? "[credentials]" : text;
    }

    /**
     * A Spring message's payload and headers (and an error message's original message): read at the
     * call, since headers built with {@code setLeaveMutable(true)} are still the application's to change.
     */
    private static Object springMessage(Object message) {
        Map<String, Object> converted = new LinkedHashMap<>();
        converted.put("payload", NamedTypes.read(message, "getPayload"));
        converted.put("headers", NamedTypes.read(message, "getHeaders"));
        Object original = NamedTypes.read(message, "getOriginalMessage");
        if (original != null) {
            converted.put("originalMessage", original);
        }
        return converted;
    }

    /**
     * A {@code RequestEntity}'s method, URL, headers and body. One built from a URI template has no
     * URL ({@code getUrl()} throws) but its template and variables: written with the variables in
     * their places, so that the URL rules mask a query parameter ({@code ?api_key={k}}) as in any URL;
     * as a bean, its {@code vars} were written beside the template, out of every rule's reach.
     */
    private static Object requestEntity(Object entity) {
        Map<String, Object> converted = new LinkedHashMap<>();
        converted.put("method", String.valueOf(NamedTypes.read(entity, "getMethod")));
        Object url = NamedTypes.read(entity, "getUrl");
        converted.put("url", url != null ? url.toString() : expanded(String.valueOf(NamedTypes.read(entity, "getUriTemplate")),
                NamedTypes.read(entity, "getVars"), NamedTypes.read(entity, "getVarsMap")));
        converted.put("headers", NamedTypes.read(entity, "getHeaders"));
        converted.put("body", NamedTypes.read(entity, "getBody"));
        return converted;
    }

    /** A URI template's {@code {name}}s replaced by the variables, in order or by name; one without a value is left. */
    private static String expanded(String template, Object vars, Object varsMap) {
        StringBuilder url = new StringBuilder(template.length() + 32);
        int next = 0;
        int from = 0;
        for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', from)) {
            int close = template.indexOf('}', open);
            if (close < 0) {
                break;
            }
            String name = template.substring(open + 1, close);
            int colon = name.indexOf(':'); // {name:regex}
            name = colon < 0 ? name : name.substring(0, colon);
            Object value = vars instanceof Object[] positional ? (next < positional.length ? positional[next++] : null)
                    : varsMap instanceof Map<?, ?> named ? named.get(name) : null;
            url.append(template, from, open);
            if (value == null) {
                url.append(template, open, close + 1);
            } else {
                url.append(value);
            }
            from = close + 1;
        }
        return url.append(template, from, template.length()).toString();
    }

    /**
     * A JWT's token value, headers, claims and times: through its claim getters, one that converts a
     * claim (an issuer that is no URL) throws, and the JWT and every object holding it were masked whole.
     */
    private static Object jwt(Object jwt) {
        Map<String, Object> converted = new LinkedHashMap<>();
        converted.put("tokenValue", NamedTypes.read(jwt, "getTokenValue"));
        converted.put("headers", NamedTypes.read(jwt, "getHeaders"));
        converted.put("claims", NamedTypes.read(jwt, "getClaims"));
        converted.put("issuedAt", NamedTypes.read(jwt, "getIssuedAt"));
        converted.put("expiresAt", NamedTypes.read(jwt, "getExpiresAt"));
        return converted;
    }

    /** A binding result's object and its errors, each field error as {@link #fieldError}: as a bean it is too deep to write. */
    private static Object bindingErrors(Object errors) {
        Map<String, Object> converted = new LinkedHashMap<>();
        converted.put("object", NamedTypes.read(errors, "getObjectName"));
        converted.put("errors", NamedTypes.read(errors, "getAllErrors"));
        return converted;
    }

    /**
     * A Bean Validation violation's path, its invalid value under the path's last name (a list
     * element's under its list's), and its message, as a {@link #fieldError}: as a bean, a method parameter's value was written among the
     * method's arguments and as {@code invalidValue}, apart from the name {@code password}.
     */
    private static Object constraintViolation(Object violation) {
        Map<String, Object> converted = new LinkedHashMap<>();
        Object path = NamedTypes.read(violation, "getPropertyPath");
        String leaf = null;
        if (path instanceof Iterable<?> nodes) {
            for (Object node : nodes) {
                // a class-level constraint's bean node has no name; a list's element is "<list element>": the property's name holds
                Object name = NamedTypes.read(node, "getName");
                leaf = name == null || name.toString().startsWith("<") ? leaf : name.toString();
            }
        }
        converted.put("path", String.valueOf(path));
        Map<String, Object> invalid = new LinkedHashMap<>(1);
        invalid.put(leaf == null ? "value" : leaf, NamedTypes.read(violation, "getInvalidValue"));
        converted.put("invalid", invalid);
        converted.put("message", NamedTypes.read(violation, "getMessage"));
        return converted;
    }

    /** Each header's value under its name: at most as many headers as a call copies, then {@link CallSnapshot#MORE}. */
    private static Map<String, Object> kafkaHeaders(Object headers) {
        Map<String, Object> converted = new LinkedHashMap<>();
        if (!(headers instanceof Iterable<?> all)) {
            return converted;
        }
        int taken = 0;
        for (Object header : all) {
            if (taken++ == CallSnapshot.MAX_ELEMENTS) {
                converted.put("…", CallSnapshot.MORE);
                break;
            }
            String name = String.valueOf(NamedTypes.read(header, "key"));
            Object value = NamedTypes.read(header, "value");
            Object text = value instanceof byte[] bytes ? textOrBytes(bytes) : value;
            if (!converted.containsKey(name)) {
                converted.put(name, text);
            } else if (converted.get(name) instanceof SentAgain values) {
                values.add(text);
            } else {
                converted.put(name, new SentAgain(converted.get(name), text));
            }
        }
        return converted;
    }

    /** The values of a header name sent more than once, in their order. */
    private static final class SentAgain extends ArrayList<Object> {
        SentAgain(Object first, Object second) {
            add(first);
            add(second);
        }
    }

    private static Object textOrBytes(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return bytes;
        }
    }

    /** A buffer's bytes, its position left as it was. */
    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
