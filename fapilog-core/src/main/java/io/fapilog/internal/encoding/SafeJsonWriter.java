package io.fapilog.internal.encoding;

import io.fapilog.internal.event.CallSnapshot;
import io.fapilog.internal.event.ThrowableCopy;
import io.fapilog.spi.FieldsView;
import io.fapilog.config.EncodingLimits;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/**
 * Writes any Java value as JSON onto a {@link JsonBuffer}, within {@link EncodingLimits}, and
 * never fails: the one value writer of the JSON encoders.
 *
 * <p>Scalars, strings, collections, maps, arrays and throwables are written directly (the common
 * ones without allocating); other objects go through Jackson databind as a tree, then
 * {@code toString()}. Nesting past {@code maxDepth} becomes {@code "[max depth]"}, a container
 * met again on its own path {@code "[cycle]"}, collections past {@code maxCollectionSize} end with
 * {@code "…[+N more]"}, and a value that fails half-way is rolled back and replaced by
 * {@code "[unserializable Type: Failure]"}. A member name is never written twice in one object.
 * Since the limits multiply with nesting, containers also stop, with the same marker, once the
 * line passes {@link EncodingLimits#maxLineBytes()}. Not thread-safe.
 */
final class SafeJsonWriter {

    static final String CYCLE = "[cycle]";
    static final String MAX_DEPTH = "[max depth]";
    /** Name of the member that stands for the entries of a map past the size limit. */
    static final String MORE = "…";

    private static final byte[] TYPE = JsonBuffer.encodeName("type");
    private static final byte[] MESSAGE = JsonBuffer.encodeName("message");
    private static final byte[] STACK = JsonBuffer.encodeName("stack");
    private static final byte[] CAUSE = JsonBuffer.encodeName("cause");
    private static final byte[] SUPPRESSED = JsonBuffer.encodeName("suppressed");
    private static final byte[] CAUSES_OMITTED = JsonBuffer.encodeName("causes_omitted");

    private final JsonBuffer json;
    private final EncodingLimits limits;
    /** The containers enclosing the value being written, by depth: cycle detection without allocation. */
    private final Object[] path;
    /** Member names of the map or tree object being written at each depth. */
    private final NameSet[] names;
    /** Altered (sanitized) names of the {@link Fields} object being written. */
    private final NameSet alteredNames = new NameSet();
    private final StringBuilder scratch = new StringBuilder(128);
    private io.fapilog.config.StackTraceStyle stackTraceStyle;
    /** Line length past which containers stop adding elements. */
    private final int maxLineBytes;

    SafeJsonWriter(JsonBuffer json, EncodingLimits limits) {
        this.json = json;
        this.limits = limits;
        this.maxLineBytes = limits.maxLineBytes();
        this.path = new Object[limits.maxDepth()];
        this.names = new NameSet[limits.maxDepth()];
    }

    // ---- members ----

    /**
     * Writes the fields as members of the open object, except {@code skipKey} (may be null).
     * {@link Fields} keys are unique, so only a name altered by sanitizing (a lone surrogate replaced,
     * a name cut) is checked for a clash; one that clashes gets a leading underscore until it does not.
     */
    void members(FieldsView fields, String skipKey) {
        alteredNames.clear();
        for (int i = 0, n = fields.size(); i < n; i++) {
            if (full()) { // the line budget holds for top-level fields too
                if (!fields.containsKey(moreName) && alteredNames.add(moreName)) {
                    json.name(moreName);
                    json.string(moreMarker(n - i));
                }
                break;
            }
            String key = String.valueOf(fields.key(i));
            if (key.equals(skipKey)) {
                continue;
            }
            int mark = json.mark();
            if (json.name(key) && !freeAlteredName(key, fields, mark)) {
                continue;
            }
            value(fields.value(i), 0);
        }
    }

    /**
     * Writes {@code "key":value} into the open object unless {@code names} shows the name (as
     * written) is taken; records it in {@code names}.
     *
     * @return whether the member was written
     */
    boolean member(String key, Object value, NameSet names) {
        if (pastBudget(names) || !name(String.valueOf(key), names)) {
            return false;
        }
        value(value, 0);
        return true;
    }

    /** Whether the line is past its budget; then one marker member stands for the rest. */
    private boolean pastBudget(NameSet names) {
        if (!full()) {
            return false;
        }
        if (names.add(moreName)) {
            json.name(moreName);
            json.string(moreMarker(0));
        }
        return true;
    }

    /** The name of the top-level member that stands for what the line's budget left out. */
    private String moreName = MORE;

    /** Names the top-level marker of what the budget left out: a layout's rules for names may not take {@value #MORE}. */
    void moreName(String name) {
        this.moreName = name;
    }

    /**
     * After {@code key} was written from {@code mark} altered (a lone surrogate replaced, a name cut),
     * which may meet another field's name or another altered one: keeps it when its written form is
     * free, else writes it again with one more leading underscore until it is; false (nothing
     * written) past {@link #MAX_RENAMES}.
     */
    private boolean freeAlteredName(String key, FieldsView fields, int mark) {
        String name = key;
        for (int renames = 0; renames <= MAX_RENAMES; renames++) {
            String written = json.sanitize(name);
            if (!fields.containsKey(written) && alteredNames.add(written)) {
                return true;
            }
            json.rewind(mark);
            name = "_" + name;
            json.name(name);
        }
        json.rewind(mark);
        return false;
    }

    /**
     * Writes {@code "name":value}, or, while the name (as written) is taken, under the name with one
     * more underscore inserted at {@code at}: renamed, never dropped. Nothing past the line budget.
     */
    void memberRenamed(String name, int at, Object value, NameSet names) {
        if (!pastBudget(names) && freeName(name, at, names, null) != null) {
            value(value, 0);
        }
    }

    /**
     * As {@link #memberRenamed(String, int, Object, NameSet)}, a renamed name also taken while
     * {@code fits} refuses it (a path the layout's consumer would refuse beside the others; {@code name}
     * itself fits); returns the name written, or null when nothing was.
     */
    String memberRenamed(String name, int at, Object value, NameSet names, java.util.function.Predicate<String> fits) {
        String written = pastBudget(names) ? null : freeName(name, at, names, fits);
        if (written != null) {
            value(value, 0);
        }
        return written;
    }

    /**
     * Renames a name may get before its member is left out: hundreds of keys that meet in one written
     * name are hostile input, and each rename costs a pass over the names before it.
     */
    static final int MAX_RENAMES = 1_000;

    /**
     * Writes the name, or, while it is taken (as written: {@code 1} and {@code "1"}, two lone
     * surrogates) or {@code fits} (when given) refuses it, the name with one more underscore inserted at
     * {@code at}; the name written, or null past {@link #MAX_RENAMES}.
     */
    private String freeName(String name, int at, NameSet taken, java.util.function.Predicate<String> fits) {
        String candidate = name;
        for (int renames = 0; renames <= MAX_RENAMES; renames++) {
            if ((renames == 0 || fits == null || fits.test(candidate)) && name(candidate, taken)) {
                return candidate;
            }
            candidate = candidate.substring(0, at) + '_' + candidate.substring(at);
        }
        return null;
    }

    /** Writes the name unless taken; returns whether it was written. */
    private boolean name(String key, NameSet names) {
        int mark = json.mark();
        String written = json.name(key) ? json.sanitize(key) : key;
        if (names.add(written)) {
            return true;
        }
        json.rewind(mark);
        return false;
    }

    /** How {@link #stackTrace} prints; null: {@link Throwable#printStackTrace()}'s layout. */
    void stackTraceStyle(io.fapilog.config.StackTraceStyle style) {
        this.stackTraceStyle = style;
    }

    /** Appends the trace as text, as {@link #stackTrace} writes it. */
    void renderStackTrace(Throwable t, StringBuilder out) {
        StackTraces.render(t, out, stackTraceStyle, limits);
    }

    /** Writes the trace as one string value, in the {@link #stackTraceStyle} or {@link Throwable#printStackTrace()}'s layout. */
    void stackTrace(Throwable t) {
        scratch.setLength(0);
        int mark = json.mark();
        try {
            renderStackTrace(t, scratch);
            json.string(scratch, remainingChars());
        } catch (Throwable failure) {
            Failures.rethrowIfFatal(failure);
            json.rewind(mark);
            json.string(Failures.unserializable(t, failure));
        }
        trimScratch();
    }

    // ---- values ----

    /** Writes any value. */
    void value(Object value) {
        value(value, 0);
    }

    private void value(Object value, int depth) {
        if (value == null) {
            json.nullValue();
        } else if (value instanceof String s) {
            json.string(s);
        } else if (value instanceof Integer i) {
            json.number(i.longValue());
        } else if (value instanceof Long l) {
            json.number(l.longValue());
        } else if (value instanceof Boolean b) {
            json.bool(b);
        } else {
            int mark = json.mark();
            try {
                other(value, depth);
            } catch (Throwable failure) {
                Failures.rethrowIfFatal(failure);
                json.rewind(mark);
                Arrays.fill(path, Math.min(depth, path.length), path.length, null);
                json.string(Failures.unserializable(value, failure));
            }
        }
    }

    private void other(Object value, int depth) {
        if (value instanceof CharSequence s) {
            json.string(s);
        } else if (value instanceof Number n) {
            number(n);
        } else if (value instanceof Enum<?> e) {
            json.string(e.name());
        } else if (value instanceof Character c) {
            json.string(c.toString());
        } else if (value instanceof Throwable t) {
            throwable(t, null, depth);
        } else if (value instanceof Map<?, ?> map) {
            map(map, depth);
        } else if (value instanceof JsonNode node) {
            if (depth >= path.length) {
                json.string(MAX_DEPTH);
            } else {
                node(node, depth); // the JSON it holds, not an Iterable of its children
            }
        } else if (value instanceof FieldsView fields) {
            map(fields.toMap(), depth);
        } else if (value instanceof JsonNode node) {
            node(node, depth); // before Iterable: a JsonNode iterates its values only
        } else if (value instanceof Collection<?> c) {
            iterable(c, c.size(), depth);
        } else if (value instanceof Iterable<?> it && !(value instanceof Path)) {
            iterable(it, -1, depth);
        } else if (value.getClass().isArray()) {
            array(value, depth);
        } else if (!optional(value, depth) && !text(value)) {
            bean(value, depth);
        }
    }

    private void number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof AtomicInteger || n instanceof AtomicLong
                || n instanceof LongAdder || n instanceof LongAccumulator) {
            json.number(n.longValue());
        } else if (n instanceof Double || n instanceof DoubleAdder || n instanceof DoubleAccumulator) {
            json.number(n.doubleValue());
        } else if (n instanceof Float f) {
            json.number(f.floatValue());
        } else if (n.getClass() == BigDecimal.class || n.getClass() == BigInteger.class) {
            String text = n.toString();
            if (text.length() <= 1000 && withinDoubleRange(n)) { // parsers reject longer numbers by default
                json.numberText(text);
            } else {
                json.string(text); // exact, where a number would read as Infinity or 0, or be refused
            }
        } else {
            json.string(n.toString()); // an unknown subclass's toString() need not be a JSON number
        }
    }

    /**
     * Whether a big number reads as what it is in a consumer that parses JSON numbers as doubles
     * (Elasticsearch's and most others): {@code 1e999999999} would read as Infinity, {@code 1e-999999999} as 0.
     */
    private static boolean withinDoubleRange(Number n) {
        if (n instanceof BigInteger big) {
            return big.bitLength() <= 1023;
        }
        BigDecimal decimal = (BigDecimal) n;
        if (decimal.signum() == 0) {
            return true;
        }
        int magnitude = decimal.precision() - decimal.scale(); // about log10 of its absolute value, plus one
        return magnitude > -300 && magnitude < 300;
    }

    /** Optional-like wrappers; returns false when {@code value} is none. */
    private boolean optional(Object value, int depth) {
        if (value instanceof Optional<?> o) {
            value(o.orElse(null), depth);
        } else if (value instanceof OptionalInt o) {
            value(o.isPresent() ? (Object) o.getAsInt() : null, depth);
        } else if (value instanceof OptionalLong o) {
            value(o.isPresent() ? (Object) o.getAsLong() : null, depth);
        } else if (value instanceof OptionalDouble o) {
            value(o.isPresent() ? (Object) o.getAsDouble() : null, depth);
        } else if (value instanceof AtomicBoolean b) {
            json.bool(b.get());
        } else if (value instanceof AtomicReference<?> ref) {
            if (enter(ref, depth)) {
                value(ref.get(), depth + 1);
                path[depth] = null;
            }
        } else {
            return false;
        }
        return true;
    }

    /** Values best written as their text; returns false when {@code value} is none. */
    private boolean text(Object value) {
        if (value instanceof StackTraceElement frame) {
            scratch.setLength(0);
            json.string(StackTraces.appendFrame(scratch, frame));
            return true;
        }
        String text = ValueShapes.text(value);
        if (text != null) {
            json.string(text);
        }
        return text != null;
    }

    // ---- containers ----

    /** Enters a container at {@code depth}, or writes a placeholder and returns false. */
    private boolean enter(Object container, int depth) {
        if (depth >= path.length) {
            json.string(MAX_DEPTH);
            return false;
        }
        for (int i = 0; i < depth; i++) {
            if (path[i] == container) {
                json.string(CYCLE);
                return false;
            }
        }
        path[depth] = container;
        return true;
    }

    private boolean full() {
        return json.length() > maxLineBytes;
    }

    /** Characters a string may still take before the line passes its budget (at least 1 KiB: a trace always shows its head). */
    int remainingChars() {
        return Math.max(1024, (maxLineBytes - json.length()) / 6); // a char takes at most 6 bytes escaped
    }

    private NameSet names(int depth) {
        NameSet set = names[depth];
        if (set == null) {
            set = names[depth] = new NameSet();
        } else {
            set.clear();
        }
        return set;
    }

    private void map(Map<?, ?> map, int depth) {
        if (!enter(map, depth)) {
            return;
        }
        NameSet taken = names(depth);
        int max = limits.maxCollectionSize();
        int count = 0;
        json.beginObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (count == max || full()) {
                more(taken, CallSnapshot.remaining(map, map.size(), count));
                break;
            }
            Object key = entry.getKey();
            if (freeName(ValueShapes.keyName(key), 0, taken, null) != null) {
                value(entry.getValue(), depth + 1);
            }
            count++;
        }
        json.endObject();
        path[depth] = null;
    }

    private void more(NameSet taken, int more) {
        if (name(MORE, taken)) {
            json.string(moreMarker(more));
        }
    }

    private static String moreMarker(int more) {
        return more > 0 ? "…[+" + more + " more]" : "…[more]";
    }

    private void iterable(Iterable<?> iterable, int size, int depth) {
        if (!enter(iterable, depth)) {
            return;
        }
        int max = limits.maxCollectionSize();
        int count = 0;
        json.beginArray();
        for (Iterator<?> it = iterable.iterator(); it.hasNext(); count++) {
            if (count == max || full()) {
                json.string(moreMarker(CallSnapshot.remaining(iterable, size, count)));
                break;
            }
            value(it.next(), depth + 1);
        }
        json.endArray();
        path[depth] = null;
    }

    private void array(Object array, int depth) {
        if (array instanceof byte[] bytes) {
            int max = limits.maxStringLength() / 4 * 3;
            String base64 = Base64.getEncoder().encodeToString(bytes.length > max ? Arrays.copyOf(bytes, max) : bytes);
            json.string(bytes.length > max ? base64 + "…[truncated " + (bytes.length - max) + " bytes]" : base64);
        } else if (array instanceof char[] chars) {
            json.string(java.nio.CharBuffer.wrap(chars));
        } else if (enter(array, depth)) {
            int length = Array.getLength(array);
            int max = Math.min(length, limits.maxCollectionSize());
            int written = 0;
            json.beginArray();
            for (; written < max && !full(); written++) {
                value(Array.get(array, written), depth + 1);
            }
            if (written < length) {
                json.string(moreMarker(CallSnapshot.remaining(array, length, written)));
            }
            json.endArray();
            path[depth] = null;
        }
    }

    // ---- throwables ----

    /** The exception object: {@code type}, {@code message}, {@code stack}, {@code cause}, {@code suppressed}. */
    private void throwable(Throwable t, StackTraceElement[] enclosing, int depth) {
        if (!enter(t, depth)) {
            return;
        }
        throwableObject(t, enclosing, depth, true);
        path[depth] = null;
        trimScratch();
    }

    /**
     * The object of {@code t}, entered at {@code depth} by the caller. Where its cause would pass the
     * depth limit, the chain's innermost cause follows instead, after {@code causes_omitted}: the
     * causes left out between (see {@link Failures#innermost}).
     */
    private void throwableObject(Throwable t, StackTraceElement[] enclosing, int depth, boolean withCause) {
        json.beginObject();
        json.name(TYPE);
        json.string(ThrowableCopy.typeName(t));
        json.name(MESSAGE);
        String message = Failures.message(t);
        if (message == null) {
            json.nullValue();
        } else {
            json.string(message, Math.min(limits.maxStringLength(), remainingChars()));
        }
        StackTraceElement[] trace = Failures.stackTrace(t);
        StackTraces.TraceLayout layout = StackTraces.TraceLayout.of(t, trace, enclosing, limits.maxStackFrames(), true);
        json.name(STACK);
        json.beginArray();
        for (int i = 0; i < layout.written(); i++) {
            scratch.setLength(0);
            json.string(StackTraces.appendFrame(scratch, trace[i]));
        }
        if (layout.truncated() > 0) {
            json.string(StackTraces.truncatedMarker(layout.truncated()));
        }
        if (layout.common() > 0) {
            scratch.setLength(0);
            json.string(scratch.append("... ").append(layout.common()).append(" more"));
        }
        json.endArray();
        Throwable cause = withCause ? Failures.cause(t) : null;
        if (cause != null) {
            if (full()) {
                json.name(CAUSE);
                json.string(moreMarker(0)); // the line's budget is spent: a cause chain stops here
            } else if (depth + 1 < path.length) {
                causesOmitted(Failures.causesOmitted(t)); // a redacted copy made past redaction's own depth limit
                json.name(CAUSE);
                throwable(cause, trace, depth + 1);
            } else {
                rootCause(t, cause, depth);
            }
        }
        Throwable[] suppressed = t.getSuppressed();
        if (suppressed.length > 0) {
            json.name(SUPPRESSED);
            json.beginArray();
            int shown = Math.min(suppressed.length, limits.maxCollectionSize());
            int i = 0;
            for (; i < shown && !full(); i++) {
                throwable(suppressed[i], trace, depth + 1);
            }
            if (i < suppressed.length) {
                json.string(moreMarker(suppressed.length - i));
            }
            json.endArray();
        }
        json.endObject();
    }

    /** {@code cause} of {@code t}, past the depth limit, as the chain's innermost cause with nothing below it. */
    private void rootCause(Throwable t, Throwable cause, int depth) {
        Failures.ChainEnd end = Failures.innermost(cause, this::onPath);
        if (end == null) {
            json.name(CAUSE);
            json.string(CYCLE);
            return;
        }
        causesOmitted(Failures.causesOmitted(t) + end.omitted()); // t may be a copy that left causes out already
        json.name(CAUSE);
        throwableObject(end.root(), null, depth + 1, false); // its suppressed ones, deeper still, are "[max depth]"
    }

    private void causesOmitted(int omitted) {
        if (omitted > 0) {
            json.name(CAUSES_OMITTED);
            json.number(omitted);
        }
    }

    private boolean onPath(Object container) {
        for (Object enclosing : path) {
            if (enclosing == container) {
                return true;
            }
        }
        return false;
    }

    private void trimScratch() {
        if (scratch.capacity() > 64 * 1024) {
            scratch.setLength(0);
            scratch.trimToSize();
        }
    }

    // ---- other objects ----

    /** Any other object: its Jackson tree, else its {@code toString()}. */
    private void bean(Object value, int depth) {
        if (depth >= path.length) {
            json.string(MAX_DEPTH);
            return;
        }
        JsonNode tree;
        try {
            tree = ValueShapes.tree(value);
        } catch (Throwable failure) {
            Failures.rethrowIfFatal(failure);
            json.string(Failures.safeToString(value));
            return;
        }
        node(tree, depth);
    }

    private void node(JsonNode node, int depth) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                if (enter(node, depth)) {
                    NameSet taken = names(depth);
                    int max = limits.maxCollectionSize();
                    int count = 0;
                    json.beginObject();
                    for (Map.Entry<String, JsonNode> member : node.properties()) {
                        if (count == max || full()) {
                            more(taken, node.size() - count);
                            break;
                        }
                        count++;
                        if (freeName(member.getKey(), 0, taken, null) != null) {
                            node(member.getValue(), depth + 1);
                        }
                    }
                    json.endObject();
                    path[depth] = null;
                }
            }
            case ARRAY -> {
                if (enter(node, depth)) {
                    int max = Math.min(node.size(), limits.maxCollectionSize());
                    int written = 0;
                    json.beginArray();
                    for (; written < max && !full(); written++) {
                        node(node.get(written), depth + 1);
                    }
                    if (written < node.size()) {
                        json.string(moreMarker(node.size() - written));
                    }
                    json.endArray();
                    path[depth] = null;
                }
            }
            case STRING -> json.string(node.stringValue());
            case NUMBER -> number(node.numberValue());
            case BOOLEAN -> json.bool(node.booleanValue());
            case BINARY -> array(node.binaryValue(), depth);
            case POJO -> embedded(((POJONode) node).getPojo(), depth);
            default -> json.nullValue();
        }
    }

    /**
     * A bean's tree holds its {@code byte[]} properties and its throwables as embedded values:
     * written as a top-level {@code byte[]} or throwable is.
     */
    private void embedded(Object content, int depth) {
        if (content instanceof byte[] bytes) {
            array(bytes, depth);
        } else if (content instanceof Throwable t) {
            throwable(t, null, depth);
        } else {
            json.string(Failures.safeToString(content));
        }
    }
}
