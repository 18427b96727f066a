package io.fapilog.internal.encoding;

import io.fapilog.internal.event.ThrowableCopy;
import java.io.File;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.Buffer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.BaseStream;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreType;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.TreeBuildingGenerator;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.SerializationContextExt;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.ser.bean.BeanSerializerBase;
import tools.jackson.databind.ser.impl.UnknownSerializer;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;

/**
 * How the JSON encoders see a value, shared with redaction so that both agree on what a value
 * turns into: which values are written as a number, boolean or fixed text (nothing in them can be
 * masked by name), and the Jackson tree that any other object ("bean") is written as.
 */
public final class ValueShapes {

    private ValueShapes() {
    }

    /**
     * Whether {@code value} is written as a number, a boolean, or a text that is not free text
     * (dates, times, ids, paths, class names). {@link java.net.URI}, {@link java.net.URL} and
     * strings are not among them: their text can carry secrets.
     */
    public static boolean isPlain(Object value) {
        return value instanceof Number || value instanceof Boolean || value instanceof Character
                || value instanceof Enum<?> || value instanceof TemporalAccessor || value instanceof TemporalAmount
                || value instanceof UUID || value instanceof Date || value instanceof Calendar
                || value instanceof Class<?> || value instanceof TimeZone || value instanceof ZoneId
                || value instanceof StackTraceElement || value instanceof Path || value instanceof File
                || value instanceof Locale || value instanceof Currency || value instanceof Charset
                || value instanceof InetAddress || value instanceof AtomicBoolean || value instanceof OptionalInt
                || value instanceof OptionalLong || value instanceof OptionalDouble;
    }

    /**
     * Whether a {@linkplain #isPlain plain} value's text is the application's to choose, so that it
     * can carry a secret: a path or file name, a host name, a {@code Number} of the application's own
     * class (written as its {@code toString()}). The platform's numbers, dates and names cannot.
     */
    public static boolean isPlainWithFreeText(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return false; // the values of nearly every event, first
        }
        return value instanceof Path || value instanceof File || value instanceof InetAddress
                || value instanceof Number && value.getClass().getClassLoader() != null;
    }

    /**
     * The text a value of one of the platform's text-like types is written as (a date, a time, an id, a
     * path, a name), the same on its own and inside a record or bean; {@code null} for any other value.
     * Instants as ISO-8601 in UTC, the rest as their {@code toString()}.
     */
    public static String text(Object value) {
        if (value instanceof Date date) {
            return Instant.ofEpochMilli(date.getTime()).toString();
        } else if (value instanceof Calendar calendar) {
            return Instant.ofEpochMilli(calendar.getTimeInMillis()).toString();
        } else if (value instanceof Class<?> type) {
            return type.getName();
        } else if (value instanceof TimeZone zone) {
            return zone.getID();
        } else if (value instanceof StackTraceElement frame) {
            return StackTraces.appendFrame(new StringBuilder(), frame).toString();
        } else if (value instanceof UUID || value instanceof TemporalAccessor || value instanceof TemporalAmount
                || value instanceof ZoneId || value instanceof Path || value instanceof File || value instanceof URI
                || value instanceof URL || value instanceof Locale || value instanceof Currency
                || value instanceof Charset || value instanceof InetAddress) {
            return value.toString();
        }
        return null;
    }

    private static boolean isTextType(Class<?> type) {
        for (Class<?> textType : TEXT_TYPES) {
            if (textType.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /** The types {@link #text} writes, for Jackson, which sees a property's type rather than its value. */
    private static final List<Class<?>> TEXT_TYPES = List.of(Date.class, Calendar.class, Class.class, TimeZone.class,
            StackTraceElement.class, UUID.class, TemporalAccessor.class, TemporalAmount.class, ZoneId.class, Path.class,
            File.class, URI.class, URL.class, Locale.class, Currency.class, Charset.class, InetAddress.class);

    /**
     * Whether values of {@code type} can be read only once, and perhaps never to the end (an
     * {@link Iterator}, a {@link BaseStream}, an {@link Enumeration}, a {@link Spliterator}): written as
     * their {@code toString()}, never consumed, since reading one would take its elements from the
     * application, and an endless one would never finish.
     */
    static boolean isOneShot(Class<?> type) {
        return Iterator.class.isAssignableFrom(type) || BaseStream.class.isAssignableFrom(type)
                || Enumeration.class.isAssignableFrom(type) || Spliterator.class.isAssignableFrom(type);
    }

    /**
     * Whether a value of {@code type} is written as its {@code toString()} because it is one of the
     * platform's own classes ({@code java.*}, {@code jdk.*}: loaded by the bootstrap or platform class
     * loader) that Jackson would otherwise write as a bean or as bytes. Such a class's
     * getters are the runtime's state, not data: a {@code Thread}'s stack trace, class loader and group,
     * a {@code ByteBuffer}'s backing array (a direct one's throws) or its bytes, a {@code BitSet}'s emptiness. Never
     * a throwable, which the encoders write with its stack trace. Initialises Jackson only for such classes.
     */
    public static boolean isPlatformText(Class<?> type) {
        return isPlatformClass(type) && Jackson.writesPlatformBeanAsText(type);  // checked first: no lookup for the application's classes
    }

    /**
     * A class of the platform's, or a subclass of its {@code Thread} or {@code ClassLoader} (a
     * server's worker thread, a web application's loader): runtime state, whoever extends it.
     */
    private static boolean isPlatformClass(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader()
                || Thread.class.isAssignableFrom(type) || ClassLoader.class.isAssignableFrom(type);
    }

    /**
     * One of Kotlin's own classes without properties to write (a {@code Duration}, an unsigned number,
     * a {@code Result}, {@code Unit}): written as its text, as a Java class without properties is.
     * Jackson makes a bean serializer without properties for it, rather than its unknown-type one,
     * because the class carries an annotation ({@code @Metadata}). An application's class with
     * annotations stays {@code {}}: what they hide, or a Kotlin class's private values, its
     * {@code toString()} may name.
     */
    private static boolean isKotlinWithoutProperties(Class<?> type, ValueSerializer<?> serializer) {
        return serializer instanceof BeanSerializerBase beanSerializer && beanSerializer.propertyCount() == 0
                && type.getName().startsWith("kotlin.");
    }

    /**
     * Whether a class has properties it hides from Jackson, which its {@code toString()} may name: a
     * member with {@code @JsonIgnore} or of a type with {@code @JsonIgnoreType}, or
     * {@code @JsonIgnoreProperties} or {@code @JsonAutoDetect} on the class.
     */
    private static boolean hidesProperties(BeanDescription description) {
        AnnotatedClass type = description.getClassInfo();
        if (type.hasAnnotation(JsonIgnoreProperties.class) || type.hasAnnotation(JsonAutoDetect.class)) {
            return true;
        }
        for (AnnotatedMethod method : type.memberMethods()) {
            if (method.hasAnnotation(JsonIgnore.class) || method.getRawReturnType().isAnnotationPresent(JsonIgnoreType.class)) {
                return true;
            }
        }
        for (AnnotatedField field : type.fields()) {
            if (field.hasAnnotation(JsonIgnore.class) || field.getRawType().isAnnotationPresent(JsonIgnoreType.class)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A throwable inside a record or bean, held in the tree as it is, so that the encoders write it as
     * one logged on its own (its type, message, frames within the limit, causes) and redaction masks
     * it as such, not as Jackson's bean of its getters (every frame, no type). Written elsewhere (a
     * framework's argument that writes itself), its type and message.
     */
    private static final StdSerializer<Throwable> EMBEDDED_THROWABLE = new StdSerializer<>(Throwable.class) {
        @Override
        public void serialize(Throwable value, JsonGenerator generator, SerializationContext context) {
            if (generator instanceof DepthLimited) {
                generator.writeEmbeddedObject(value);
            } else {
                generator.writeStartObject(value);
                generator.writeStringProperty("type", ThrowableCopy.typeName(value));
                generator.writeStringProperty("message", Failures.message(value));
                generator.writeEndObject();
            }
        }
    };

    private static final StdSerializer<Object> EMPTY_OBJECT = new StdSerializer<>(Object.class) {
        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
            generator.writeStartObject(value);
            generator.writeEndObject();
        }
    };

    /**
     * The properties but those that hand out a resource (a stream, a reader or writer, a channel, a
     * connection): such a getter opens what it returns, and a response's {@code getOutputStream()}
     * would take the writer from the application, a data source's {@code getConnection()} take a
     * connection from its pool and never give it back. A {@code Stream} property stays: it is written
     * as its text, never read; so does an HTTP client's response (closeable): it is written as its
     * status ({@link WebObjects}), never through its getters.
     */
    private static List<BeanPropertyWriter> withoutResources(List<BeanPropertyWriter> writers) {
        List<BeanPropertyWriter> kept = null;
        for (int i = 0; i < writers.size(); i++) {
            Class<?> type = writers.get(i).getType().getRawClass();
            boolean resource = AutoCloseable.class.isAssignableFrom(type) && !BaseStream.class.isAssignableFrom(type)
                    && !WebObjects.isWebObject(type);
            if (resource && kept == null) {
                kept = new ArrayList<>(writers.subList(0, i));
            } else if (!resource && kept != null) {
                kept.add(writers.get(i));
            }
        }
        return kept == null ? writers : kept;
    }

    /**
     * Properties of a {@linkplain LibraryValues#isText library type written as its text} are given
     * that serializer now: for a property declared a Kotlin {@code Sequence}, Jackson's Kotlin module
     * would otherwise convert the value to its iterator before any serializer is chosen, and so read
     * the sequence.
     */
    private static List<BeanPropertyWriter> textLibraryValues(List<BeanPropertyWriter> writers) {
        for (BeanPropertyWriter writer : writers) {
            if (!writer.hasSerializer() && LibraryValues.isText(writer.getType().getRawClass())) {
                writer.assignSerializer(TextSerializer.INSTANCE);
            }
        }
        return writers;
    }

    /**
     * A platform class that Jackson would write as a bean (a throwable is {@link #EMBEDDED_THROWABLE}'s,
     * asked first), or a buffer, whose bytes it would write as base64 where no redaction reads them (a
     * buffer's text holds none).
     */
    private static boolean isPlatformBean(Class<?> type, ValueSerializer<?> serializer) {
        return isPlatformClass(type) && (serializer instanceof BeanSerializerBase || Buffer.class.isAssignableFrom(type));
    }

    /** Nesting a bean's tree may reach; deeper, it fails (a cycle, most likely). */
    public static final int MAX_TREE_DEPTH = 100;

    /**
     * The tree an object with properties (a record, a bean) is written as. A graph with a cycle (a
     * JPA entity and its children pointing back) fails at {@value #MAX_TREE_DEPTH} levels, long
     * before the stack would overflow: a {@link StackOverflowError} inside Jackson can leave one of
     * its classes uninitialisable, and every later conversion in the JVM, the application's own
     * included, failing.
     *
     * An object without properties, the bean itself or one of its values, becomes the text of its
     * {@code toString()}.
     *
     * A property Jackson writes under another name than its Java one is written masked when
     * {@code renamed} says so.
     *
     * @throws RuntimeException when a property cannot be read (a getter throws), or the tree is too deep
     */
    public static JsonNode tree(Object bean, RenamedProperties.Check renamed) {
        RenamedProperties.Check previous = RenamedProperties.swap(renamed);
        try {
            return tree(bean);
        } finally {
            RenamedProperties.swap(previous);
        }
    }

    /** As {@link #tree(Object, RenamedProperties.Check)}, every property written as it is. */
    public static JsonNode tree(Object bean) {
        CachingMapper current = Jackson.current;
        if (!current.holdsForeignClasses && bean.getClass().getClassLoader() != OWN_LOADER) {
            current.holdsForeignClasses = true;
        }
        JsonMapper mapper = current.mapper;
        SerializationContextExt context = mapper._serializationContext();
        TreeBuildingGenerator tree = TreeBuildingGenerator.forSerialization(context,
                mapper.serializationConfig().getNodeFactory());
        mapper.writeValue(new DepthLimited(tree), bean);
        return tree.treeBuilt();
    }

    /**
     * The mapper {@link #tree} writes with (immutable): for a framework's arguments that write
     * themselves. Ask for it at each use: {@link #forgetClasses} replaces it.
     */
    public static JsonMapper mapper() {
        CachingMapper current = Jackson.current;
        if (!current.holdsForeignClasses) {
            current.holdsForeignClasses = true; // a framework's values, of any class
        }
        return current.mapper;
    }

    /** Set once {@link Jackson} is loaded: before, there is nothing to forget. */
    private static volatile boolean mapperBuilt;
    private static final ClassLoader OWN_LOADER = ValueShapes.class.getClassLoader();

    /**
     * The mapper, and whether it may hold a class of another loader than fapilog's: one that a restart
     * may drop. An application packaged with fapilog (a Spring Boot jar) has one loader. The mark is
     * the mapper's own, so that a value written while the mapper is replaced marks the one it went into.
     */
    private static final class CachingMapper {
        final JsonMapper mapper;
        volatile boolean holdsForeignClasses;

        CachingMapper(JsonMapper mapper) {
            this.mapper = mapper;
        }
    }

    /**
     * Starts the mapper afresh, its caches empty. Jackson's caches keep every class whose values it
     * wrote, and with them their class loader: an application's classes that a restart drops
     * (Spring Boot DevTools, a redeploy) would stay in memory, one generation per restart, as long as
     * fapilog's classes, which live in the parent loader. A runtime calls this as it starts and once
     * it is drained; the next value of each class pays for its serializer again.
     */
    public static void forgetClasses() {
        if (mapperBuilt) {
            Jackson.current = new CachingMapper(Jackson.newMapper());
        }
    }

    /**
     * {@link #forgetClasses} if the mapper may hold a class of another loader than fapilog's: after an
     * event logged once its runtime was drained (an application's last words, maybe of classes its
     * restart is about to drop). Starting afresh costs a few milliseconds, paid only where there are
     * two loaders (DevTools, an application server's shared libraries).
     */
    public static void forgetForeignClasses() {
        if (mapperBuilt && Jackson.current.holdsForeignClasses) {
            forgetClasses();
        }
    }

    /** Loaded on first use, so that events of plain values never initialise databind. */
    private static final class Jackson {

        static volatile CachingMapper current = new CachingMapper(newMapper());

        static {
            mapperBuilt = true;
        }

        /**
         * Objects without properties (a lambda among them), and the platform's own classes that would be
         * written as beans, are written as their text rather than {@code {}} or their getters; a bean that refers to
         * itself is cut by the depth limit like any other cycle. A record or bean the application
         * writes as an array ({@code @JsonFormat(shape = ARRAY)}) is written with its property names:
         * without them redaction could not tell its password from its user name.
         */
        static JsonMapper newMapper() {
            return JsonMapper.builder()
                    .annotationIntrospector(new PropertyNamesKept())
                    .addModules(kotlinModule())
                    .addModule(new SimpleModule("fapilog-values").setSerializerModifier(new ValueSerializerModifier() {
                        @Override
                        public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier bean,
                                                                   ValueSerializer<?> serializer) {
                            Class<?> type = bean.getBeanClass();
                            if (Throwable.class.isAssignableFrom(type)) {
                                return EMBEDDED_THROWABLE;
                            }
                            if (KeyMaterial.isKey(type)) {
                                return KeyMaterial.SERIALIZER;
                            }
                            if (JsonTextValues.isJsonText(type)) {
                                return JsonTextValues.SERIALIZER;
                            }
                            if (LibraryValues.isContainer(type)) {
                                return new CycleCuttingSerializer(LibraryValues.SERIALIZER);
                            }
                            if (isPlatformBean(type, serializer)) {
                                return TextSerializer.PLATFORM_BEAN;
                            }
                            if (isTextType(type)) {
                                return new PlainTextSerializer(serializer);
                            }
                            if (HibernateLazyValues.isLazyType(type)) {
                                return new HibernateLazySerializer(serializer);
                            }
                            if (WebObjects.isWebObject(type)) {
                                return WebObjects.SERIALIZER;
                            }
                            if (MessageValues.isMessage(type)) {
                                return new CycleCuttingSerializer(MessageValues.SERIALIZER);
                            }
                            if (LibraryValues.isText(type)) {
                                return TextSerializer.INSTANCE;
                            }
                            if (SpringDataValues.isSlice(type) || SpringDataValues.isStreamable(type)) {
                                return SpringDataValues.SERIALIZER;
                            }
                            if (SpringWebValues.isHeaders(type)) {
                                return new SpringWebValues.HeadersSerializer(type);
                            }
                            if (SpringWebValues.isHeaderText(type)) {
                                return TextSerializer.INSTANCE;
                            }
                            if (serializer instanceof UnknownSerializer || isKotlinWithoutProperties(type, serializer)) {
                                return hidesProperties(bean.get()) ? EMPTY_OBJECT : TextSerializer.INSTANCE;
                            }
                            if (isOneShot(type) || type.isSynthetic() || type.isHidden()) {
                                return TextSerializer.INSTANCE;
                            }
                            return serializer instanceof BeanSerializerBase ? new CycleCuttingSerializer(serializer) : serializer;
                        }

                        @Override
                        public ValueSerializer<?> modifyCollectionSerializer(SerializationConfig config, CollectionType type,
                                                                             BeanDescription.Supplier bean, ValueSerializer<?> serializer) {
                            return HibernateLazyValues.isLazyType(type.getRawClass()) ? new HibernateLazySerializer(serializer) : serializer;
                        }

                        @Override
                        public ValueSerializer<?> modifyMapSerializer(SerializationConfig config, MapType type,
                                                                      BeanDescription.Supplier bean, ValueSerializer<?> serializer) {
                            return HibernateLazyValues.isLazyType(type.getRawClass()) ? new HibernateLazySerializer(serializer) : serializer;
                        }

                        @Override
                        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription.Supplier bean,
                                                                         List<BeanPropertyWriter> writers) {
                            return RenamedProperties.checked(bean, UnreadableProperties.guarded(textLibraryValues(withoutResources(writers))));
                        }
                    }))
                    .disable(SerializationFeature.FAIL_ON_SELF_REFERENCES)
                    .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING) // by name, as on their own
                    .build();
        }

        /**
         * jackson-module-kotlin, when the application has it: a Kotlin property is then written under
         * its Kotlin name (one of a value class's type is no {@code token-wEd_Xvw}, its getter's name),
         * a value class as the value it wraps.
         */
        private static List<JacksonModule> kotlinModule() {
            try {
                Class<?> builder = Class.forName("tools.jackson.module.kotlin.KotlinModule$Builder", true,
                        ValueShapes.class.getClassLoader());
                return List.of((JacksonModule) builder.getMethod("build").invoke(builder.getConstructor().newInstance()));
            } catch (ReflectiveOperationException | LinkageError | ClassCastException absent) {
                return List.of();
            }
        }

        static boolean writesPlatformBeanAsText(Class<?> type) {
            return current.mapper._serializationContext().findValueSerializer(type) == TextSerializer.PLATFORM_BEAN;
        }
    }

    /** Reads Jackson's annotations, except an array shape: objects keep their property names. */
    private static final class PropertyNamesKept extends JacksonAnnotationIntrospector {
        @Override
        public JsonFormat.Value findFormat(MapperConfig<?> config, Annotated annotated) {
            JsonFormat.Value format = super.findFormat(config, annotated);
            return format != null && format.getShape() == JsonFormat.Shape.ARRAY ? format.withShape(JsonFormat.Shape.ANY) : format;
        }
    }

    /** An object without properties: its {@code toString()}, or a placeholder when that throws. */
    private static final class TextSerializer extends StdSerializer<Object> {
        static final TextSerializer INSTANCE = new TextSerializer();
        /** The same, for a platform class written as its text instead of a bean (told apart by identity). */
        static final TextSerializer PLATFORM_BEAN = new TextSerializer();

        private TextSerializer() {
            super(Object.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(Failures.safeToString(value));
        }
    }

    /**
     * A {@linkplain #text text-like} value inside a record or bean: written as it is on its own, unless
     * the property asks for a format of its own ({@code @JsonFormat} with a pattern, shape or zone),
     * which Jackson's serializer then writes.
     */
    private static final class PlainTextSerializer extends StdSerializer<Object> {
        private final ValueSerializer<?> formatted;

        PlainTextSerializer(ValueSerializer<?> formatted) {
            super(Object.class);
            this.formatted = formatted;
        }

        @Override
        public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
            JsonFormat.Value format = property == null ? null : property.findPropertyFormat(context.getConfig(), handledType());
            boolean ownFormat = format != null
                    && (format.hasPattern() || format.getShape() != JsonFormat.Shape.ANY || format.hasTimeZone() || format.hasLocale());
            return ownFormat ? context.handleSecondaryContextualization(formatted, property) : this;
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(text(value));
        }
    }

    /** Fails a conversion that nests deeper than {@link #MAX_TREE_DEPTH}. */
    private static final class DepthLimited extends JsonGeneratorDelegate {
        private int depth;

        DepthLimited(JsonGenerator tree) {
            super(tree, false);
        }

        private void enter() {
            if (++depth > MAX_TREE_DEPTH) {
                throw new StreamConstraintsException("nested deeper than " + MAX_TREE_DEPTH + " levels (a cycle?)");
            }
        }

        @Override
        public JsonGenerator writeStartArray() {
            enter();
            return super.writeStartArray();
        }

        @Override
        public JsonGenerator writeStartArray(Object forValue) {
            enter();
            return super.writeStartArray(forValue);
        }

        @Override
        public JsonGenerator writeStartArray(Object forValue, int size) {
            enter();
            return super.writeStartArray(forValue, size);
        }

        @Override
        public JsonGenerator writeStartObject() {
            enter();
            return super.writeStartObject();
        }

        @Override
        public JsonGenerator writeStartObject(Object forValue) {
            enter();
            return super.writeStartObject(forValue);
        }

        @Override
        public JsonGenerator writeStartObject(Object forValue, int size) {
            enter();
            return super.writeStartObject(forValue, size);
        }

        @Override
        public JsonGenerator writeEndArray() {
            depth--;
            return super.writeEndArray();
        }

        @Override
        public JsonGenerator writeEndObject() {
            depth--;
            return super.writeEndObject();
        }
    }

    /** The name a map key is written under: a {@code String} itself, an enum constant its name, anything else its {@code toString()}. */
    public static String keyName(Object key) {
        if (key instanceof String name) {
            return name;
        }
        return key instanceof Enum<?> constant ? constant.name() : Failures.safeToString(key);
    }
}
