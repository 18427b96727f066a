package io.fapilog.internal.event;

import io.fapilog.internal.encoding.CutMarker;
import io.fapilog.internal.encoding.Failures;
import io.fapilog.internal.encoding.HibernateLazyValues;
import io.fapilog.internal.encoding.JsonTextValues;
import io.fapilog.internal.encoding.LibraryValues;
import io.fapilog.internal.encoding.MessageValues;
import io.fapilog.internal.encoding.SpringDataValues;
import io.fapilog.internal.encoding.ValueShapes;
import io.fapilog.internal.encoding.WebObjects;
import io.fapilog.spi.Redactor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Captures the key/value arguments of a log call as they are at the call, on the caller's thread,
 * so that the worker writes what the caller saw even if the caller changes its objects right after.
 *
 * <ul>
 *   <li>A {@code Supplier} (a lazy value) is run, once, and its value captured as any other.
 *   <li>Immutable values are kept as they are: strings, boxed primitives, {@code BigDecimal},
 *       {@code BigInteger}, enums, {@code java.time} values, {@code UUID}, {@code URI}, {@code Locale},
 *       {@code Class}, and records whose components are all of those (checked once per record class).
 *   <li>Mutable JDK values are copied: collections and sets (to an {@code ArrayList}), maps (to an
 *       {@link EntryMap}: no key hashed, none merged), arrays, non-String
 *       {@code CharSequence}s (to their text), {@code Date} and {@code Calendar} (to the
 *       {@code Instant} the encoders write), atomics and adders (to their value),
 *       {@code AtomicReference} and {@code Optional} (to a snapshot of their content), Jackson
 *       container nodes (deep copy). Nested values are captured the same way.
 *   <li>The platform's own classes that the encoders write as their text rather than as beans (a
 *       {@code Thread}, a {@code BitSet}, a {@code ByteBuffer}: see {@link ValueShapes#isPlatformText})
 *       are captured as that text.
 *   <li>Hibernate's lazy proxies and collections are captured as what is loaded of them, nothing
 *       loaded: an uninitialised proxy as its identifier, a collection not yet loaded as null (see
 *       {@link HibernateLazyValues}).
 *   <li>A web server's requests, responses, sessions and uploads are captured as a summary read
 *       now, never through their getters, which act (see {@link WebObjects}); Spring Data's pages
 *       and other {@code Streamable}s as their elements (see {@link SpringDataValues}); protobuf
 *       messages and Avro records as their fields (see {@link MessageValues}); a Reactive Streams
 *       publisher, a Netty buffer as their text, Guava's multimaps and optionals as what they hold
 *       (see {@link LibraryValues}).
 *   <li>Everything else (beans, records with mutable components, throwables) is captured by
 *       reference: turning it into a tree here would cost the caller a Jackson conversion on every
 *       call (see docs/redaction.md for the figures).
 * </ul>
 *
 * <p>Never throws and never takes a lock of the caller's collections (it iterates, and never calls
 * {@code size()}): a value whose copy fails twice, such as a map mutated by another thread
 * meanwhile, is replaced by {@link Redactor#MASK} and counted in {@link #failures()}. Bounded: at
 * most {@value #MAX_ELEMENTS} elements per call are copied (a longer collection ends with
 * {@code "…[more]"}), nesting past {@value #MAX_DEPTH} levels is kept by reference, and a structure
 * met again on its own path becomes {@code "[cycle]"}. A call whose arguments are all immutable
 * allocates nothing.
 */
public final class CallSnapshot {

    /** Elements one call copies at most. */
    public static final int MAX_ELEMENTS = 10_000;
    static final int MAX_DEPTH = 32;
    /** The last element of a copy cut at {@link #MAX_ELEMENTS} (by identity: {@link #isCut}). */
    public static final String MORE = "…[more]";
    static final String CYCLE = "[cycle]";
    private static final int ATTEMPTS = 2;

    private static final LongAdder FAILURES = new LongAdder();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A map or list copied by {@link #of}: held by one event only, so a redactor may mask it in
     * place instead of copying it again. Copies made by {@link #shared} are plain collections.
     */
    public interface Owned {
    }

    private static final class OwnedMap extends EntryMap implements Owned {
    }

    private static final class OwnedList extends ArrayList<Object> implements Owned {
        private static final long serialVersionUID = 1L;
    }

    /**
     * MUTABLE values are copied, PLATFORM_TEXT ones captured as their text ({@link ValueShapes#isPlatformText}),
     * HIBERNATE_LAZY ones as what is loaded of them ({@link HibernateLazyValues}), WEB_OBJECT ones as
     * their summary ({@link WebObjects}), MESSAGE ones as their fields ({@link MessageValues}), CONTAINER
     * ones as what they hold ({@link LibraryValues}), STREAMABLE ones as their elements or page
     * ({@link SpringDataValues}).
     */
    private enum Kind { IMMUTABLE, MUTABLE, PLATFORM_TEXT, HIBERNATE_LAZY, WEB_OBJECT, MESSAGE, CONTAINER, STREAMABLE, BY_REFERENCE }

    private static final Kind[] ALL_KINDS = Kind.values();

    /**
     * Each class's kind, by its ordinal: a class holds its {@code ClassValue}s' values strongly, and a
     * {@code Kind} held by {@code HashMap.class} would keep fapilog's class loader, a redeployed web
     * application's, alive for good; an {@code Integer} (the JDK's cached boxes) keeps nothing.
     */
    private static final ClassValue<Integer> KINDS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return kindOf(type).ordinal();
        }
    };

    private static Kind kind(Class<?> type) {
        return ALL_KINDS[KINDS.get(type)];
    }

    private CallSnapshot() {
    }

    /**
     * The arguments as at the call: {@code keyValues} itself when every element is immutable or kept
     * by reference, else a copy holding snapshots. Never modifies {@code keyValues}.
     */
    public static Object[] of(Object[] keyValues) {
        return capture(keyValues, true, Integer.MAX_VALUE, MAX_ELEMENTS, null);
    }

    /**
     * As {@link #of(Object[])}, with text longer than twice {@code maxChars} (the encoders' longest
     * string) cut here to that, ending in {@code …[truncated N chars]}: a queued event must not hold
     * the caller's megabyte body until the worker writes 8 KiB of it. Twice, so that redaction still
     * sees whole any secret that begins in the part written (the encoders make the final cut after
     * it, counting what this cut left out).
     */
    public static Object[] of(Object[] keyValues, int maxChars) {
        return capture(keyValues, true, maxChars, MAX_ELEMENTS, null);
    }

    /**
     * As {@link #of(Object[], int)}, weighing the captured values in the same pass ({@link #weight}):
     * the text's lengths are read for its cut anyway. {@code eventBytes}: what {@code event}'s message
     * and throwable weigh.
     */
    static Object[] weighed(LogEvent event, long eventBytes, Object[] keyValues, int maxChars) {
        return capture(keyValues, true, maxChars, MAX_ELEMENTS, event, eventBytes);
    }

    /**
     * Values captured already, cut further ({@link TrimmedValues}): text and bytes near {@code keepChars},
     * structures and arrays to {@code maxElements} elements in all, a throwable to a copy keeping as
     * many frames of each stack trace ({@link ThrowableFootprint#trimmed}); for an event the queue's
     * memory budget has no room for (see {@link #weight}).
     */
    public static Object[] trimmed(Object[] captured, int keepChars, int maxElements) {
        return capture(captured, true, keepChars, maxElements, null);
    }

    /**
     * Roughly the bytes a log call's captured values hold, from {@code eventBytes} (its message's and
     * throwable's): a character a byte (most text is Latin-1), {@value #ELEMENT_BYTES} an element of a
     * structure the call copied, a primitive array's size, a throwable's stack ({@link ThrowableFootprint});
     * other values held by reference (records, beans) are the caller's and not counted, nor are text
     * values and keys of up to {@value #LIGHT_CHARS} characters (a call's most, which its capture passes
     * by). 0 below {@value #HEAVY_BYTES}: only events holding large values are weighed against the
     * queue's memory budget, the others cost it nothing. Bounded by what the call copied.
     */
    static int weight(long eventBytes, Object[] captured) {
        long bytes = eventBytes;
        if (captured != null) {
            for (Object value : captured) {
                if (value instanceof String text) {  // keys and most values: light, as the capture takes them
                    bytes += text.length() <= LIGHT_CHARS ? 0 : text.length();
                } else if (value != null && !(value instanceof Number) && !(value instanceof Boolean)) {
                    bytes += structureWeight(value);
                }
            }
        }
        return heavyOnly(bytes);
    }

    private static long structureWeight(Object value) {
        try {
            return weightOf(value, 0);
        } catch (RuntimeException changedMeanwhile) {
            return 0; // a structure held by reference past the copy's depth, changed by another thread meanwhile
        }
    }

    /** Events lighter than this weigh nothing against the queue's memory budget. */
    public static final int HEAVY_BYTES = 1024;
    private static final int ELEMENT_BYTES = 16;

    private static long weightOf(Object value, int depth) {
        if (value instanceof String text) {
            return text.length();
        }
        if (value instanceof Throwable error) {
            return ThrowableFootprint.weight(error);
        }
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>
                || depth >= MAX_DEPTH) {
            return 0;
        }
        long bytes = 0;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += 2 * ELEMENT_BYTES + weightOf(entry.getKey(), depth + 1) + weightOf(entry.getValue(), depth + 1);
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                bytes += ELEMENT_BYTES + weightOf(item, depth + 1);
            }
        } else if (value instanceof Object[] items) {
            for (Object item : items) {
                bytes += ELEMENT_BYTES + weightOf(item, depth + 1);
            }
        } else if (value.getClass().isArray()) {
            bytes = (long) Array.getLength(value) * primitiveBytes(value.getClass().getComponentType());
        } else if (value instanceof JsonNode node && node.isContainer()) {
            for (JsonNode element : node) {
                bytes += ELEMENT_BYTES + weightOf(element.isString() ? element.stringValue() : element, depth + 1);
            }
        } else if (value instanceof Optional<?> optional) {
            bytes = weightOf(optional.orElse(null), depth + 1);
        }
        return bytes;
    }

    private static int primitiveBytes(Class<?> type) {
        return type == long.class || type == double.class ? 8 : type == int.class || type == float.class ? 4
                : type == char.class || type == short.class ? 2 : 1;
    }

    /** As {@link #of}, for values several events share (a logger's bound context): nothing is {@link Owned}. */
    public static Object[] shared(Object[] keyValues) {
        return capture(keyValues, false, Integer.MAX_VALUE, MAX_ELEMENTS, null);
    }

    private static Object[] capture(Object[] keyValues, boolean owned, int maxChars, int maxElements, LogEvent weighed) {
        return capture(keyValues, owned, maxChars, maxElements, weighed, 0);
    }

    /**
     * The capture's one pass; with {@code weighed}, it weighs what it keeps, from {@code bytes}, and
     * tells that event. Text of up to {@value #LIGHT_CHARS} characters, most of a call's, takes the
     * shortest way: neither cut nor weighed (an event needs 1 KB to weigh anything).
     */
    private static Object[] capture(Object[] keyValues, boolean owned, int maxChars, int maxElements, LogEvent weighed,
                                    long bytes) {
        if (keyValues == null) {
            tell(weighed, bytes);
            return null;
        }
        Object[] copy = null;
        Budget budget = null;
        for (int i = 0; i < keyValues.length; i++) {
            Object value = keyValues[i];
            Object captured;
            if (value instanceof String text) {
                if (text.length() <= LIGHT_CHARS) {
                    continue;
                }
                String kept = text.length() <= maxChars ? text
                        : maxElements < MAX_ELEMENTS ? TrimmedValues.text(text, maxChars) : cut(text, maxChars);
                bytes += kept.length();
                captured = kept;
            } else if (value == null || value instanceof Integer || value instanceof Long || value instanceof Boolean) {
                continue;
            } else if (!isCaptured(kind(value.getClass()))) {
                if (!(value instanceof Throwable error)) {
                    continue; // held by reference
                }
                if (weighed != null) {
                    bytes += ThrowableFootprint.weight(error);
                }
                if (maxElements == MAX_ELEMENTS) {
                    continue;
                }
                captured = ThrowableFootprint.trimmed(error, maxElements, maxChars);
            } else {
                if (budget == null) {
                    budget = new Budget(owned, maxChars, maxElements);
                }
                captured = captureTopLevel(value, budget);
                if (weighed != null) {
                    bytes += structureWeight(captured);
                }
            }
            if (captured != value) {
                if (copy == null) {
                    copy = keyValues.clone();
                }
                copy[i] = captured;
            }
        }
        tell(weighed, bytes);
        return copy == null ? keyValues : copy;
    }

    /** Tells {@code event}, if any, its weight: {@code bytes}, or 0 below {@value #HEAVY_BYTES}. */
    private static void tell(LogEvent event, long bytes) {
        if (event != null) {
            event.weighed(heavyOnly(bytes));
        }
    }

    private static int heavyOnly(long bytes) {
        return bytes < HEAVY_BYTES ? 0 : (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    /** Text this short is kept as it is, and not weighed. */
    private static final int LIGHT_CHARS = 256;

    /**
     * A list of the first {@code count} elements of {@code items}, ending with {@link #MORE}, that knows
     * how many it left out ({@code leftOut}, -1 when unknown): redaction's copy of a collection longer
     * than the encoders write.
     */
    public static List<Object> cut(Iterable<?> items, int count, int leftOut) {
        CutList copy = new CutList(count + 1, leftOut);
        java.util.Iterator<?> it = items.iterator();
        for (int i = 0; i < count && it.hasNext(); i++) {
            copy.add(it.next());
        }
        copy.add(MORE);
        return copy;
    }

    private static final class CutList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
        private final int leftOut;

        CutList(int capacity, int leftOut) {
            super(capacity);
            this.leftOut = leftOut;
        }
    }

    /**
     * How many elements are left after the first {@code written} of {@code container}, which holds
     * {@code size}: for a cut copy ({@link #isCut}) the elements before its marker and those it left
     * out when it knows them, else 0 (unknown); for any other, {@code size - written}.
     */
    public static int remaining(Object container, int size, int written) {
        if (!isCut(container)) {
            return size - written;
        }
        int leftOut = container instanceof CutList list ? list.leftOut : container instanceof EntryMap map ? map.leftOut() : -1;
        return leftOut < 0 ? 0 : size - 1 - written + leftOut;
    }

    /**
     * Whether {@code container} is a copy this class cut short (it ends with {@code "…[more]"}): its
     * size is then not the original's, so the encoders must not print a count of what is left.
     */
    public static boolean isCut(Object container) {
        if (container instanceof List<?> list && list instanceof RandomAccess) {
            return !list.isEmpty() && list.get(list.size() - 1) == MORE;
        }
        if (container instanceof Object[] array) {
            return array.length > 0 && array[array.length - 1] == MORE;
        }
        if (container instanceof EntryMap map) {
            return map.endsWith("…", MORE);
        }
        return false;
    }

    /**
     * A lazy value's value; a failing supplier must not fail the log call, so its failure is logged
     * instead, an {@code Error} such as a failed assertion too (only the JVM's own, out of memory
     * for one, go through).
     */
    public static Object supplied(Supplier<?> supplier) {
        if (supplier == null) {
            return null;
        }
        try {
            return supplier.get();
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return "[supplier failed: " + e + "]";
        }
    }

    /** Values replaced by {@link Redactor#MASK} because copying them failed, since start. */
    public static long failures() {
        return FAILURES.sum();
    }

    private static Object captureTopLevel(Object value, Budget budget) {
        for (int attempt = 1; ; attempt++) {
            int elements = budget.elements;
            try {
                return capture(value, budget, 0);
            } catch (Throwable failure) {
                Failures.rethrowIfFatal(failure);
                budget.reset(elements);
                if (attempt == ATTEMPTS) {
                    FAILURES.increment();
                    return Redactor.MASK;
                }
            }
        }
    }

    private static boolean isCaptured(Kind kind) {
        return kind != Kind.IMMUTABLE && kind != Kind.BY_REFERENCE;
    }

    private static Object capture(Object value, Budget budget, int depth) {
        if (value == null) {
            return null;
        }
        Kind kind = kind(value.getClass());
        if (kind == Kind.PLATFORM_TEXT) {
            return Failures.safeToString(value);
        }
        if (kind == Kind.WEB_OBJECT) {
            return WebObjects.summary(value);
        }
        if (kind == Kind.MESSAGE) { // one level converted, the rest copied as any other structure
            if (!MessageValues.hasFields(value.getClass())) {
                return capture(MessageValues.fields(value), budget, depth); // their bytes or text, cut as any
            }
            if (depth >= MAX_DEPTH - 1) {
                return MORE; // never its toString(), which writes the whole graph, nor by reference
            }
            if (!budget.enter(value)) {
                return CYCLE;
            }
            try {
                return capture(MessageValues.fields(value), budget, depth + 1);
            } finally {
                budget.leave(value);
            }
        }
        if (kind == Kind.CONTAINER) {
            return capture(LibraryValues.content(value), budget, depth + 1);
        }
        if (kind == Kind.STREAMABLE) {
            if (!SpringDataValues.isSlice(value.getClass())) {
                return copy(value, budget, depth);
            }
            Map<String, Object> page = SpringDataValues.page(value);
            page.put("content", capture(page.get("content"), budget, depth + 1));
            return page;
        }
        if (kind == Kind.HIBERNATE_LAZY) {
            Object loaded = HibernateLazyValues.loaded(value);
            return loaded == value ? copy(value, budget, depth) : capture(loaded, budget, depth);
        }
        if (kind != Kind.MUTABLE) {
            return value instanceof String text ? budget.cut(text) : value;
        }
        if (value instanceof Supplier<?> supplier) {  // a lazy value: run once, here, as the level is enabled
            Object produced = supplied(supplier);
            return produced instanceof Supplier<?> && kind(produced.getClass()) == Kind.MUTABLE
                    ? Failures.safeToString(produced) : capture(produced, budget, depth + 1);
        }
        if (value instanceof CharSequence chars) {
            return budget.cut(chars.toString());
        }
        if (value instanceof Date date) {
            return Instant.ofEpochMilli(date.getTime());
        }
        if (value instanceof Calendar calendar) {
            return Instant.ofEpochMilli(calendar.getTimeInMillis());
        }
        Object scalar = atomic(value);
        if (scalar != null) {
            return scalar;
        }
        if (depth >= MAX_DEPTH) {
            return value;
        }
        if (value instanceof Optional<?> optional) {
            Object content = optional.orElse(null);
            Object captured = capture(content, budget, depth + 1);
            return captured == content ? value : Optional.ofNullable(captured);
        }
        if (value instanceof AtomicReference<?> reference) {
            return capture(reference.get(), budget, depth + 1);
        }
        if (value instanceof JsonNode node) {
            return tree(node, budget, depth);
        }
        if (JsonTextValues.isJsonText(value.getClass())) {
            Object tree = JsonTextValues.tree(value);
            return tree instanceof JsonNode node ? tree(node, budget, depth) : budget.cut((String) tree);
        }
        return copy(value, budget, depth);
    }

    /** A copy of a map, collection or array. */
    private static Object copy(Object value, Budget budget, int depth) {
        if (depth >= MAX_DEPTH) {
            return value;
        }
        if (!budget.enter(value)) {
            return CYCLE;
        }
        try {
            if (value instanceof Map<?, ?> map) {
                return map(map, budget, depth);
            }
            if (value instanceof Iterable<?> items) {
                return collection(items, budget, depth);
            }
            return array(value, budget, depth);
        } finally {
            budget.leave(value);
        }
    }

    /**
     * A copy of a Jackson tree, bounded as a collection's: a node met again on its own path is
     * {@code "[cycle]"}, elements past the call's budget {@code "…[more]"}, long strings cut, a POJO
     * node's value captured as any value; value nodes, immutable, are shared.
     */
    private static JsonNode tree(JsonNode node, Budget budget, int depth) {
        if (node.isString()) {
            String text = node.stringValue();
            String kept = budget.cut(text);
            return kept == text ? node : NODES.stringNode(kept);
        }
        if (node instanceof POJONode pojo) {
            Object content = pojo.getPojo();
            Object captured = capture(content, budget, depth + 1);
            return captured == content ? node : NODES.pojoNode(captured);
        }
        if (!node.isContainer() || depth >= MAX_DEPTH) {
            return node;
        }
        if (!budget.enter(node)) {
            return NODES.stringNode(CYCLE);
        }
        try {
            if (node.isObject()) {
                ObjectNode copy = NODES.objectNode();
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    if (!budget.take()) {
                        copy.put("…", MORE);
                        break;
                    }
                    copy.set(member.getKey(), tree(member.getValue(), budget, depth + 1));
                }
                return copy;
            }
            ArrayNode copy = NODES.arrayNode();
            for (JsonNode element : node) {
                if (!budget.take()) {
                    copy.add(MORE);
                    break;
                }
                copy.add(tree(element, budget, depth + 1));
            }
            return copy;
        } finally {
            budget.leave(node);
        }
    }

    /** The value of an atomic or adder, or null when {@code value} is none. */
    private static Object atomic(Object value) {
        if (value instanceof AtomicInteger n) {
            return n.get();
        } else if (value instanceof AtomicLong n) {
            return n.get();
        } else if (value instanceof AtomicBoolean b) {
            return b.get();
        } else if (value instanceof LongAdder n) {
            return n.sum();
        } else if (value instanceof DoubleAdder n) {
            return n.sum();
        } else if (value instanceof LongAccumulator n) {
            return n.get();
        } else if (value instanceof DoubleAccumulator n) {
            return n.get();
        }
        return null;
    }

    /** The entries as they are: a copy never hashes or compares the keys (see {@link EntryMap}). */
    private static Map<Object, Object> map(Map<?, ?> map, Budget budget, int depth) {
        EntryMap copy = budget.owned ? new OwnedMap() : new EntryMap();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!budget.take()) {
                copy.add("…", MORE);
                break;
            }
            Object key = entry.getKey();
            copy.add(key instanceof CharSequence chars ? chars.toString() : key,
                    capture(entry.getValue(), budget, depth + 1));
        }
        return copy;
    }

    /** A set's elements too, in a list: written alike, and never hashed again (see {@link EntryMap}). */
    private static Collection<Object> collection(Iterable<?> items, Budget budget, int depth) {
        Collection<Object> copy = budget.owned ? new OwnedList() : new ArrayList<>();
        for (Object item : items) {
            if (!budget.take()) {
                copy.add(MORE);
                break;
            }
            copy.add(capture(item, budget, depth + 1));
        }
        return copy;
    }

    private static Object array(Object array, Budget budget, int depth) {
        if (!(array instanceof Object[] items)) {
            return budget.trims() ? trimmedPrimitives(array, budget) : primitiveArrayCopy(array);
        }
        int length = Math.min(items.length, budget.remaining());
        Object[] copy = Arrays.copyOf(items, length, Object[].class);
        for (int i = 0; i < length; i++) {
            budget.take();
            copy[i] = capture(items[i], budget, depth + 1);
        }
        if (length < items.length) {
            copy = Arrays.copyOf(copy, length + 1);
            copy[length] = MORE;
        }
        return copy;
    }

    /** A long {@code char[]} as its text, trimmed; a long {@code byte[]} as its length; other arrays as a list of their first elements. */
    private static Object trimmedPrimitives(Object array, Budget budget) {
        if (array instanceof char[] chars) {
            return chars.length > budget.maxChars ? TrimmedValues.text(new String(chars), budget.maxChars) : chars;
        }
        if (array instanceof byte[] bytes) {
            return TrimmedValues.bytes(bytes, budget.maxChars / 4 * 3);
        }
        return TrimmedValues.elements(array, budget.maxElements);
    }

    private static Object primitiveArrayCopy(Object array) {
        if (array instanceof byte[] a) {
            return a.clone();
        } else if (array instanceof char[] a) {
            return a.clone();
        } else if (array instanceof int[] a) {
            return a.clone();
        } else if (array instanceof long[] a) {
            return a.clone();
        } else if (array instanceof double[] a) {
            return a.clone();
        } else if (array instanceof float[] a) {
            return a.clone();
        } else if (array instanceof short[] a) {
            return a.clone();
        } else if (array instanceof boolean[] a) {
            return a.clone();
        }
        return array;
    }

    // ---- what is immutable ----

    private static Kind kindOf(Class<?> type) {
        if (HibernateLazyValues.isLazyType(type)) {
            return Kind.HIBERNATE_LAZY;
        }
        if (WebObjects.isWebObject(type)) {
            return Kind.WEB_OBJECT;
        }
        if (MessageValues.isMessage(type)) {
            return Kind.MESSAGE;
        }
        if (LibraryValues.isText(type)) {
            return Kind.PLATFORM_TEXT;
        }
        if (LibraryValues.isContainer(type)) {
            return Kind.CONTAINER;
        }
        if (SpringDataValues.isSlice(type) || SpringDataValues.isStreamable(type)) {
            return Kind.STREAMABLE; // before Supplier: a Streamable's get() only streams its elements
        }
        if (Supplier.class.isAssignableFrom(type)) {
            return Kind.MUTABLE;
        }
        if (isImmutable(type, 0)) {
            return Kind.IMMUTABLE;
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                || CharSequence.class.isAssignableFrom(type) || Date.class.isAssignableFrom(type)
                || Calendar.class.isAssignableFrom(type) || Optional.class == type
                || AtomicReference.class.isAssignableFrom(type) || atomicType(type)
                || JsonNode.class.isAssignableFrom(type) && isMutableNode(type) || JsonTextValues.isJsonText(type)) {
            return Kind.MUTABLE;
        }
        return ValueShapes.isPlatformText(type) ? Kind.PLATFORM_TEXT : Kind.BY_REFERENCE;
    }

    private static boolean atomicType(Class<?> type) {
        return AtomicInteger.class.isAssignableFrom(type) || AtomicLong.class.isAssignableFrom(type)
                || AtomicBoolean.class.isAssignableFrom(type) || LongAdder.class.isAssignableFrom(type)
                || DoubleAdder.class.isAssignableFrom(type) || LongAccumulator.class.isAssignableFrom(type)
                || DoubleAccumulator.class.isAssignableFrom(type);
    }

    private static boolean isMutableNode(Class<?> type) {
        return tools.jackson.databind.node.ContainerNode.class.isAssignableFrom(type)
                || tools.jackson.databind.node.POJONode.class.isAssignableFrom(type);
    }

    /** Whether every instance of {@code type} is immutable, as far as can be told from its declaration. */
    private static boolean isImmutable(Class<?> type, int depth) {
        if (type.isPrimitive() || type == String.class || type == Integer.class
                || type == Long.class || type == Boolean.class || type == Double.class || type == Float.class
                || type == Short.class || type == Byte.class || type == Character.class
                || type == BigDecimal.class || type == BigInteger.class || type == UUID.class || type == URI.class
                || type == Locale.class || type == Currency.class || type == Class.class
                || Enum.class.isAssignableFrom(type) || Charset.class.isAssignableFrom(type)
                || Path.class.isAssignableFrom(type) || type == java.io.File.class) {
            return true;
        }
        if (type.getName().startsWith("java.time.")
                && (TemporalAccessor.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type)
                || ZoneId.class.isAssignableFrom(type)) && !type.isInterface()) {
            return true;
        }
        if (type.isRecord() && depth < 8) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (!isImmutable(component.getType(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code text}, or, when longer than twice {@code maxChars}, that much of it and {@code ...[truncated N chars]}. */
    static String cut(String text, int maxChars) {
        int length = text.length();
        int kept = (int) Math.min(Integer.MAX_VALUE, 2L * maxChars);
        if (length <= kept) {
            return text;
        }
        if (Character.isHighSurrogate(text.charAt(kept - 1))) {
            kept--; // never half a character
        }
        return text.substring(0, kept) + CutMarker.early(CutMarker.removedChars(text, kept));
    }

    /**
     * A message as the log call keeps it: text longer than twice {@code maxChars} cut to that, as a
     * value is ({@link #of(Object[], int)}), so that a queued event never holds a megabyte message
     * (one that SLF4J formatted with a body in its {@code {}}) until the worker writes 8 KiB of it.
     */
    public static String message(String message, int maxChars) {
        return message == null ? null : cut(message, maxChars);
    }

    /** A message cut further for the queue's memory budget, as {@link #trimmed} cuts text. */
    public static String trimmedMessage(String message, int keepChars) {
        return message == null ? null : TrimmedValues.text(message, keepChars);
    }

    /** What one call may still copy, and the structures being copied (for cycles): an identity stack. */
    private static final class Budget {

        private final boolean owned;
        private final int maxChars;
        private final int maxElements;
        private int elements;
        private Object[] path = new Object[4];
        private int depth;

        Budget(boolean owned, int maxChars, int maxElements) {
            this.owned = owned;
            this.maxChars = maxChars;
            this.maxElements = maxElements;
        }

        boolean enter(Object structure) {
            for (int i = 0; i < depth; i++) {
                if (path[i] == structure) {
                    return false;
                }
            }
            if (depth == path.length) {
                path = Arrays.copyOf(path, depth * 2);
            }
            path[depth++] = structure;
            return true;
        }

        void leave(Object structure) {
            path[--depth] = null;
        }

        boolean take() {
            if (elements == maxElements) {
                return false;
            }
            elements++;
            return true;
        }

        int remaining() {
            return maxElements - elements;
        }

        /** Whether this call trims values captured already (see {@link #trimmed}). */
        boolean trims() {
            return maxElements < MAX_ELEMENTS;
        }

        String cut(String text) {
            return trims() ? TrimmedValues.text(text, maxChars) : CallSnapshot.cut(text, maxChars);
        }

        void reset(int elements) {
            this.elements = elements;
            Arrays.fill(path, null);
            depth = 0;
        }
    }
}
