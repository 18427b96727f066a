package io.fapilog.opentelemetry;

import io.fapilog.Level;
import io.fapilog.config.EncodingLimits;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.FieldsView;
import io.fapilog.spi.JsonLineWriter;
import io.fapilog.spi.LogEventView;
import io.fapilog.spi.Redactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Encodes an event twice: as the JSON line of the configured format (what the fallback writes if the
 * collector cannot take the batch) and as an immutable {@link OtlpLogRecord}, attached to the line
 * with {@link EncodedBatch#endEvent(Object)} for {@link OtlpSink}. One instance per worker.
 *
 * <p>Mapping: timestamp and observed timestamp (when the worker encoded the event); severity number
 * from the level ({@code CRITICAL} is {@code FATAL}, {@code AUDIT} {@code INFO2}, {@code SECURITY}
 * {@code WARN2}) and the level's name as severity text; body = message; {@code context.trace_id} and
 * {@code context.span_id} as the record's trace context; the exception as {@code exception.type},
 * {@code exception.message}, {@code exception.stacktrace}; the thread as {@code thread.name}; the
 * logger as the instrumentation scope; service, version, environment, host and pid as the resource
 * (beneath a fixed resource's attributes, when one is given). Every other context, data and diagnostics value becomes an
 * attribute under its own key, nested maps flattened with dots ({@code order.id}): OTLP attributes
 * are flat, typed values, and dotted names are how the semantic conventions and the back-ends
 * (Loki labels, Elasticsearch fields, ClickHouse maps) expect to query them. A name so joined
 * (or a clashing key under its section's name) that is one of the runtime's sensitive field names
 * is masked whole: redaction matched {@code private} and {@code key}, never {@code private.key}.
 * Lists of strings, whole numbers, decimals or booleans stay typed arrays; other values are
 * written as JSON text.
 *
 * <p>Events of loggers under an excluded prefix (the exporter's own, by default) are not encoded
 * at all, so they never reach the collector through this sink and cannot loop back into it.
 */
final class OtlpEncoder implements Encoder {

    static final int MAX_ATTRIBUTES = 128;
    /** The key of the attribute that counts those the record's budget left out, the JSON line's marker's. */
    static final String MORE = "…";
    private static final int MAX_SCOPES = 1024;
    private static final String TRACE_ID = "trace_id";
    private static final String SPAN_ID = "span_id";

    private final Encoder line;
    private final EncodedBatch scratch = new EncodedBatch(1024);
    private final JsonLineWriter json;
    private final EncodedBatch jsonScratch = new EncodedBatch(256);
    private final EncodingLimits limits;
    private final Resource fixedResource;
    private final List<String> excludedLoggers;
    private final LongAdder excluded;
    private final Clock clock;
    /** The runtime's sensitive names, for the names this encoder makes by joining two (flattening, clashes). */
    private final Predicate<CharSequence> sensitive;
    private final Map<String, InstrumentationScopeInfo> scopes = new HashMap<>();

    private Resource derivedResource = Resource.empty();
    /** The fixed resource merged over {@link #mergedFrom}, the derived one it was made with. */
    private Resource merged;
    private Resource mergedFrom;
    private final Object[] resourceValues = new Object[RESOURCE_KEYS.length];

    private static final String[] RESOURCE_KEYS = {"service", "version", "env", "host", "pid"};
    private static final String[] RESOURCE_ATTRIBUTES = {
            "service.name", "service.version", "deployment.environment.name", "host.name", "process.pid"};

    private AttributesBuilder attributes;
    private int attributeCount;
    /** What is left of the record's budget, in bytes, and how many attributes it left out: see {@link #fits}. */
    private long bytesLeft;
    private int omitted;
    /** The attribute keys of the record being built: a key met again is written under its section's name. */
    private final java.util.Set<String> keys = new java.util.HashSet<>();
    /** The section ({@code context}, {@code diagnostics}, {@code data}) whose fields are being put. */
    private String section;

    OtlpEncoder(Encoder line, EncodingLimits limits, Resource fixedResource, List<String> excludedLoggers,
                LongAdder excluded, Clock clock, Predicate<CharSequence> sensitive) {
        this.line = Objects.requireNonNull(line, "line");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.json = JsonLineWriter.create(limits);
        this.fixedResource = fixedResource;
        this.excludedLoggers = List.copyOf(excludedLoggers);
        this.excluded = excluded;
        this.clock = clock;
        this.sensitive = Objects.requireNonNull(sensitive, "sensitive");
    }

    @Override
    public void encode(LogEventView event, EncodedBatch out) {
        if (isExcluded(event.loggerName())) {
            excluded.increment();
            return;
        }
        OtlpLogRecord record = toRecord(event);
        scratch.reset();
        line.encode(event, scratch);
        out.append(scratch.array(), 0, scratch.length());
        out.endEvent(record);
    }

    private boolean isExcluded(String logger) {
        if (logger != null) {
            for (String prefix : excludedLoggers) {
                if (logger.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    OtlpLogRecord toRecord(LogEventView event) {
        attributes = Attributes.builder();
        attributeCount = 0;
        bytesLeft = limits.maxLineBytes();
        omitted = 0;
        keys.clear();
        // fapilog's own names first: an event's field of the same name (an MDC entry "thread.name", a key
        // "exception.type") is then the one renamed, and the record's limits cut the application's fields first
        section = "event";
        List<String> tags = event.tags();
        if (!tags.isEmpty()) {
            put("tags", tags, 0);
        }
        Throwable error = event.throwable();
        if (error != null) {
            put("exception.type", event.throwableType(), 0);
            put("exception.message", message(error), 0);
            put("exception.stacktrace", stackTrace(error), 0);
        }
        FieldsView diagnostics = event.diagnostics();
        put("thread.name", diagnostics.get("thread"), 0);
        section = "context";
        FieldsView context = event.context();
        SpanContext span = spanContext(context);
        boolean traced = span.isValid();
        for (int i = 0; i < context.size(); i++) {
            String key = context.key(i);
            if (!(traced && (TRACE_ID.equals(key) || SPAN_ID.equals(key)))) {
                put(key, context.value(i), 0);
            }
        }
        section = "diagnostics";
        for (int i = 0; i < diagnostics.size(); i++) {
            String key = diagnostics.key(i);
            switch (key) {
                case "service", "version", "env", "host", "pid", "thread" -> {
                    // the resource's part; the thread's, written first
                }
                case "exception" -> {
                    if (event.throwable() == null) {
                        put(key, diagnostics.value(i), 0);
                    }
                }
                default -> put(key, diagnostics.value(i), 0);
            }
        }
        section = "data";
        FieldsView data = event.data();
        for (int i = 0; i < data.size(); i++) {
            put(data.key(i), data.value(i), 0);
        }
        if (omitted > 0) {
            attributes.put(MORE, "…[+" + omitted + " more]"); // as the JSON line marks what its budget cut
            attributeCount++; // the marker is one of the record's attributes: the dropped count stays exact
        }
        Instant observed = clock.instant();
        Level level = event.level();
        return new OtlpLogRecord(resource(diagnostics), scope(event.loggerName()),
                event.timestampMicros() * 1_000L, // the event's own time: microseconds with timestamp-precision=micros
                observed.getEpochSecond() * 1_000_000_000L + observed.getNano(),
                span, severity(level), level.name(), event.message() == null ? null : truncate(event.message()),
                attributes.build(), attributeCount);
    }

    static Severity severity(Level level) {
        return switch (level) {
            case TRACE -> Severity.TRACE;
            case DEBUG -> Severity.DEBUG;
            case INFO -> Severity.INFO;
            case WARN -> Severity.WARN;
            case ERROR -> Severity.ERROR;
            case CRITICAL -> Severity.FATAL;
            case AUDIT -> Severity.INFO2;
            case SECURITY -> Severity.WARN2;
        };
    }

    private static SpanContext spanContext(FieldsView context) {
        Object traceId = context.get(TRACE_ID);
        Object spanId = context.get(SPAN_ID);
        if (traceId instanceof CharSequence trace && spanId instanceof CharSequence span
                && TraceId.isValid(trace) && SpanId.isValid(span)) {
            // the flags are not known here (a traceparent's or a tracer's sampling decision is not in the
            // context): none, rather than claiming every trace sampled
            return SpanContext.create(trace.toString(), span.toString(), TraceFlags.getDefault(), TraceState.getDefault());
        }
        return SpanContext.getInvalid();
    }

    /**
     * The event's service, version, env, host and pid as a resource; with a fixed one (Spring Boot's,
     * which its traces and metrics carry) that one's attributes win, and the event's fill in what it
     * lacks (Boot's has no host or pid unless configured): records lost them.
     */
    private Resource resource(FieldsView diagnostics) {
        Resource derived = derivedResource(diagnostics);
        if (fixedResource == null) {
            return derived;
        }
        if (derived != mergedFrom) {
            merged = derived.merge(withoutPlaceholderService(fixedResource, derived));
            mergedFrom = derived;
        }
        return merged;
    }

    /**
     * {@code fixed} without its service name when that is the SDK's placeholder ({@code unknown_service},
     * what Spring Boot sets without {@code spring.application.name}) and the event names its service.
     */
    private static Resource withoutPlaceholderService(Resource fixed, Resource derived) {
        String service = fixed.getAttribute(SERVICE_NAME);
        if (service == null || !service.startsWith("unknown_service") || derived.getAttribute(SERVICE_NAME) == null) {
            return fixed;
        }
        return fixed.toBuilder().removeIf(SERVICE_NAME::equals).build();
    }

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private Resource derivedResource(FieldsView diagnostics) {
        boolean same = true;
        for (int i = 0; i < RESOURCE_KEYS.length; i++) {
            if (!Objects.equals(resourceValues[i], diagnostics.get(RESOURCE_KEYS[i]))) {
                same = false;
                break;
            }
        }
        if (!same) {
            var builder = Resource.builder();
            for (int i = 0; i < RESOURCE_KEYS.length; i++) {
                Object value = diagnostics.get(RESOURCE_KEYS[i]);
                resourceValues[i] = value;
                if (value instanceof Number number && RESOURCE_KEYS[i].equals("pid")) {
                    builder.put(RESOURCE_ATTRIBUTES[i], number.longValue());
                } else if (value != null) {
                    builder.put(RESOURCE_ATTRIBUTES[i], value.toString());
                }
            }
            derivedResource = builder.build();
        }
        return derivedResource;
    }

    private InstrumentationScopeInfo scope(String logger) {
        String name = logger == null || logger.isEmpty() ? "fapilog" : logger;
        InstrumentationScopeInfo scope = scopes.get(name);
        if (scope == null) {
            scope = InstrumentationScopeInfo.create(name);
            if (scopes.size() < MAX_SCOPES) {
                scopes.put(name, scope);
            }
        }
        return scope;
    }

    private void put(String key, Object value, int depth) {
        if (value == null || key == null) {
            return;
        }
        if (value instanceof Map<?, ?> map && depth < limits.maxDepth()) {
            int members = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (members++ == limits.maxCollectionSize()) {
                    break;
                }
                Object member = entry.getValue();
                if (member != null) {
                    String name = key + "." + entry.getKey();
                    put(name, isSensitive(name) ? Redactor.MASK : member, depth + 1);
                }
            }
            return;
        }
        attributeCount++;
        if (attributeCount > MAX_ATTRIBUTES) {
            return;
        }
        if (!keys.add(key)) {
            // Taken (a context field and a data field of one name, a flattened map and a dotted key):
            // under its section's name, as the JSON line keeps both; a clash there too is dropped, counted.
            key = section + "." + key;
            if (!keys.add(key)) {
                return;
            }
            if (isSensitive(key)) {
                value = Redactor.MASK;
            }
        }
        if (value instanceof String || value instanceof Character || value instanceof Enum<?>) {
            String text = truncate(value.toString());
            if (fits(key, utf8Length(text))) {
                attributes.put(key, text);
            }
        } else if (value instanceof Boolean flag) {
            if (fits(key, 8)) {
                attributes.put(key, flag);
            }
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            if (fits(key, 8)) {
                attributes.put(key, ((Number) value).longValue());
            }
        } else if (value instanceof Double || value instanceof Float) {
            if (fits(key, 8)) {
                attributes.put(key, decimal((Number) value));
            }
        } else if (value instanceof Collection<?> || value.getClass().isArray() && !(value instanceof byte[])) {
            putArray(key, value);
        } else {
            String json = unquoted(toJson(value)); // a UUID, an instant, a byte[] (base64): the text, not its JSON
            if (fits(key, utf8Length(json))) {
                attributes.put(key, json);
            }
        }
    }

    /**
     * Whether an attribute of {@code bytes} (its value's, about) fits what is left of the record's
     * budget, the JSON line's ({@link EncodingLimits#maxLineBytes()}): each value is bounded, but 128
     * of them, lists of 256 strings of 8,192 characters, are not (a record of 126 MB, which a
     * collector refuses with the batch it is in). One that does not is left out, and counted.
     */
    private boolean fits(String key, long bytes) {
        long size = utf8Length(key) + bytes;
        if (size > bytesLeft) {
            omitted++;
            return false;
        }
        bytesLeft -= size;
        return true;
    }

    private static long utf8Length(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2; // a surrogate pair: 4 bytes for 2 chars
            }
        }
        return bytes;
    }

    /**
     * Whether a name this encoder joined is sensitive. Redaction checked each part, not the names
     * their joining makes ({@code private.key}, {@code api.key}), so the whole is matched by the same
     * rules. Allocates nothing; without redaction names it answers false at once.
     */
    private boolean isSensitive(String name) {
        return sensitive.test(name);
    }

    /** Homogeneous lists of strings, whole numbers, decimals or booleans as typed arrays; anything else as JSON. */
    private void putArray(String key, Object value) {
        List<Object> elements = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                if (elements.size() == limits.maxCollectionSize()) {
                    break;
                }
                elements.add(element);
            }
        } else {
            int length = Math.min(Array.getLength(value), limits.maxCollectionSize());
            for (int i = 0; i < length; i++) {
                elements.add(Array.get(value, i));
            }
        }
        Class<?> kind = arrayKind(elements);
        if (kind == String.class) {
            putStrings(key, elements);
        } else if (kind == null) {
            String json = toJson(value);
            if (fits(key, utf8Length(json))) {
                attributes.put(key, json);
            }
        } else if (fits(key, 8L * elements.size())) {
            if (kind == Long.class) {
                attributes.put(AttributeKey.longArrayKey(key), elements.stream().map(e -> ((Number) e).longValue()).toList());
            } else if (kind == Double.class) {
                attributes.put(AttributeKey.doubleArrayKey(key), elements.stream().map(e -> decimal((Number) e)).toList());
            } else {
                attributes.put(AttributeKey.booleanArrayKey(key), elements.stream().map(e -> (Boolean) e).toList());
            }
        }
    }

    /** As many of the strings as the record's budget holds, then a marker of how many more, as the JSON line cuts a list. */
    private void putStrings(String key, List<Object> elements) {
        long room = bytesLeft - utf8Length(key);
        List<String> texts = new ArrayList<>(elements.size());
        for (Object element : elements) {
            String text = truncate((String) element);
            long size = utf8Length(text);
            if (size > room) {
                break;
            }
            room -= size;
            texts.add(text);
        }
        if (texts.isEmpty() && !elements.isEmpty()) {
            omitted++;
            return;
        }
        if (texts.size() < elements.size()) {
            texts.add("…[+" + (elements.size() - texts.size()) + " more]");
        }
        bytesLeft = Math.max(0, room);
        attributes.put(AttributeKey.stringArrayKey(key), texts);
    }

    private static Class<?> arrayKind(List<Object> elements) {
        Class<?> kind = null;
        for (Object element : elements) {
            Class<?> k = element instanceof String ? String.class
                    : element instanceof Long || element instanceof Integer || element instanceof Short || element instanceof Byte ? Long.class
                    : element instanceof Double || element instanceof Float ? Double.class
                    : element instanceof Boolean ? Boolean.class : null;
            if (k == null || (kind != null && kind != k)) {
                return null;
            }
            kind = k;
        }
        return kind == null ? String.class : kind;
    }

    /** A float as the decimal it prints as ({@code 0.1f} is 0.1, not its binary value widened, 0.10000000149011612). */
    private static double decimal(Number number) {
        return number instanceof Float f ? Double.parseDouble(Float.toString(f)) : number.doubleValue();
    }

    /** The string a JSON string literal holds; any other JSON as it is. */
    private static String unquoted(String json) {
        if (json.length() >= 2 && json.charAt(0) == '"' && json.charAt(json.length() - 1) == '"') {
            try {
                return STRING_READER.readValue(json, String.class);
            } catch (RuntimeException notOneLiteral) {
                return json;
            }
        }
        return json;
    }

    private static final tools.jackson.databind.json.JsonMapper STRING_READER = tools.jackson.databind.json.JsonMapper.builder().build();

    private String toJson(Object value) {
        jsonScratch.reset();
        json.value(value).endLine(jsonScratch);
        return new String(jsonScratch.array(), 0, jsonScratch.length() - 1, StandardCharsets.UTF_8);
    }

    private String truncate(String value) {
        return cut(value, limits.maxStringLength());
    }

    private static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max; // never half a pair
        return value.substring(0, end) + "...(truncated)";
    }

    /**
     * The exception's message; an exception whose {@code getMessage()} throws (anything but the JVM's
     * own errors, which go through) must not cost the event.
     */
    private static String message(Throwable error) {
        try {
            return error.getMessage();
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            return "[message unavailable: " + failure.getClass().getName() + "]";
        }
    }

    /** The JVM's own errors (out of memory) go through; a {@link StackOverflowError} is the value's fault. */
    private static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError fatal && !(failure instanceof StackOverflowError)) {
            throw fatal;
        }
    }

    private String stackTrace(Throwable error) {
        return cut(JsonLineWriter.stackTrace(error, limits), limits.maxStringLength() * 8);
    }
}
