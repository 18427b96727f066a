package io.fapilog.internal.pipeline.redactors;

import io.fapilog.internal.FapilogThreads;
import io.fapilog.internal.encoding.Failures;
import io.fapilog.internal.encoding.RenamedProperties;
import io.fapilog.internal.encoding.ValueShapes;
import io.fapilog.internal.event.CallSnapshot;
import io.fapilog.internal.event.EntryMap;
import io.fapilog.internal.event.ThrowableCopy;
import io.fapilog.spi.FieldsView;
import io.fapilog.spi.Redactor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copy-on-write masking of one value of any shape the encoders print. The value under a sensitive
 * key becomes {@link Redactor#MASK}; strings go through the {@link ValueMasker}; maps, collections,
 * iterables and arrays are walked; {@code Optional} and {@code AtomicReference} are unwrapped;
 * {@code URI} and {@code URL} are masked as their text; a throwable becomes a {@link ThrowableCopy}
 * when its message, cause or suppressed throwables need masking; a {@link JsonNode} is walked; any
 * other object (a record, a bean) is turned into the Jackson tree the encoders would write, and that
 * tree is walked and returned, so a bean is converted once, here, not again by each encoder.
 *
 * <p>The caller's objects are never modified: a structure with something to mask is returned as a
 * masked copy ({@link EntryMap} for a map, its keys never hashed, {@link ArrayList} for a collection or an array, a new
 * node for a tree), one with nothing to mask is returned itself. Only what nobody else holds is
 * masked in place: the tree made here from a bean, and the maps and lists the log call copied
 * ({@link CallSnapshot.Owned}).
 *
 * <p>Never throws: a structure whose iteration fails (a lazy collection, a map mutated concurrently)
 * is replaced by {@link Redactor#MASK} and counted in {@link Walk#failures()}. Bounded whatever the
 * input: a reference back to an enclosing structure is replaced by {@value #CYCLE}, and a structure
 * nested deeper than {@value #MAX_DEPTH} levels, or past {@value #MAX_STRUCTURES} structures in one
 * event, by {@link Redactor#MASK}, since what is not inspected cannot be written safely.
 */
final class StructureWalker {

    static final String CYCLE = "[cycle]";
    static final int MAX_DEPTH = 64;
    static final int MAX_STRUCTURES = 10_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonNode MASK_NODE = NODES.stringNode(Redactor.MASK);

    /** The members of a name and value pair: {@code {"name":"X-Api-Key","value":...}}, {@code {"key":..,"value":..}}. */
    private static final String PAIR_VALUE = "value";
    private static final String PAIR_NAME = "name";
    private static final String PAIR_KEY = "key";
    /** Apache HttpClient's own mark of a header whose value is a secret. */
    private static final String PAIR_SENSITIVE = "sensitive";

    /** A name and value pair a map holds at most: {@code name} or {@code key}, {@code value}, and a little more. */
    private static final int MAX_PAIR_SIZE = 4;

    /** A JSON Web Key's type, and its private members: RSA's {@code d p q dp dq qi oth}, EC's and OKP's {@code d}, a symmetric key's {@code k}. */
    static final String JWK_TYPE = "kty";
    static final Set<String> JWK_PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    /** Members of a JWK a map holds at most (RSA's with its certificate members, and a few more). */
    private static final int MAX_JWK_SIZE = 32;

    private final FieldNames names;
    private final ValueMasker values;
    private final boolean masksNothing;
    /** Whether a value masker can change a text of digits alone (card numbers, a pattern of the application's). */
    private final boolean digitsMaskable;

    /**
     * Elements walked at most of one map or collection, the encoders' {@code maxCollectionSize}: they
     * write no more, and a longer one (a map of 20,000 entries an enricher adds) is cut to a copy of
     * what they write, ending as a call's cut copy does, instead of walked whole on every event.
     */
    private final int maxElements;

    StructureWalker(FieldNames names, ValueMasker values) {
        this(names, values, CallSnapshot.MAX_ELEMENTS);
    }

    StructureWalker(FieldNames names, ValueMasker values, int maxElements) {
        this.maxElements = maxElements;
        this.names = names;
        this.values = values;
        this.masksNothing = names.isEmpty() && values == ValueMasker.NONE;
        this.digitsMaskable = !values.anchors().noneIn("0123456789");
    }

    private static final ThreadLocal<Walk> WALKS = new ThreadLocal<>();

    /**
     * The calling thread's walk, reset: one per event, it bounds and counts the structures of all
     * the event's values. Reused on fapilog's own threads, so redacting allocates nothing when nothing
     * is masked; a new one on an application's thread (an event written late, by its caller), which
     * must not keep fapilog's classes and the strings it masked (a container's pooled thread would
     * keep a stopped web application's class loader).
     */
    Walk walk() {
        Walk walk = WALKS.get();
        if (walk == null) {
            if (!FapilogThreads.isCurrent()) {
                return new Walk();
            }
            walk = new Walk();
            WALKS.set(walk);
        }
        walk.reset();
        return walk;
    }

    /**
     * The value to write for {@code key}: {@code value} itself when nothing in it is sensitive. The
     * key is matched alone and, inside a structure, joined to the key the structure is under
     * ({@code "private": {"key": ...}} is {@code private.key}), as a back-end that flattens JSON names it.
     */
    Object redact(String key, Object value, Walk walk) {
        if (value instanceof Boolean || value instanceof String text && isBooleanText(text)) {
            return value; // true or false tells no secret, under any name (credentialsNonExpired, mail.smtp.auth=true)
        }
        if (key != null && sensitive(key, walk)) {
            walk.maskedUnderName(value);
            if (!(value instanceof String) && !ValueShapes.isPlain(value)) {
                findSecretsIn(value, walk);
            }
            return mask(value);
        }
        if (key == null || value instanceof String || ValueShapes.isPlain(value)) {
            return value(value, walk);
        }
        String parent = walk.parent;
        walk.parent = key;
        try {
            return value(value, walk);
        } finally {
            walk.parent = parent;
        }
    }

    /**
     * A structure masked whole under a sensitive name ({@code "token": accessToken}) is walked all the
     * same, its result left: the secrets it holds under names of their own are remembered, so that a
     * message repeating its token is masked as it is when the structure is under a harmless name.
     * Its other text is not (an access token's type, a JWT's subject): masking it wherever the event
     * repeats it would mask ordinary words. A failure to walk it is not the event's: nothing of it is written.
     */
    private void findSecretsIn(Object value, Walk walk) {
        int failures = walk.failures;
        String firstFailure = walk.firstFailure;
        String parent = walk.parent;
        walk.parent = null; // its members' names joined to a sensitive one would all be sensitive
        try {
            value(value, walk);
        } finally {
            walk.parent = parent;
            walk.failures = failures;
            walk.firstFailure = firstFailure;
        }
    }

    /**
     * Whether {@code text} is a boolean's ({@code "true"}, {@code "false"}, any case): under a sensitive
     * name it tells no secret either, and remembered as one it would be masked wherever the event repeats
     * the word ({@code it is *** that}).
     */
    private static boolean isBooleanText(String text) {
        return text.length() <= 5 && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"));
    }

    /** Whether {@code key} is a sensitive name, alone or joined to the key of the structure it is in. */
    private boolean sensitive(String key, Walk walk) {
        return names.contains(key) || walk.sensitiveJoined(key, names);
    }

    /** The message, or the masked one. */
    String text(String text, Walk walk) {
        return walk.masked(text, values);
    }

    /** A name the event carries (a field key, the logger's or the thread's name, a tag), or the masked one. */
    String name(String name, Walk walk) {
        return walk.maskedName(name, values);
    }

    private static Object mask(Object value) {
        return Redactor.MASK.equals(value) ? value : Redactor.MASK;
    }

    Object value(Object value, Walk walk) {
        if (value == null || masksNothing) {
            return value;
        }
        if (value instanceof String string) {
            return walk.masked(string, values);
        }
        if (value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal) {
            return digitsMaskable && mayBeACardNumber((Number) value) ? asText(value, digits((Number) value), walk) : value;
        }
        if (value instanceof Double number) {
            return digitsMaskable && mayBeACardNumber(number) ? asText(value, digits(number), walk) : value;
        }
        if (value instanceof OptionalLong number) {
            return digitsMaskable && number.isPresent() && mayBeACardNumber(number.getAsLong())
                    ? asText(value, Long.toString(number.getAsLong()), walk) : value;
        }
        if (ValueShapes.isPlain(value)) {
            return ValueShapes.isPlainWithFreeText(value) ? plainText(value, walk) : value;
        }
        if (value instanceof CharSequence || value instanceof URI || value instanceof URL) {
            return asText(value, value.toString(), walk);
        }
        Object replacement = walk.enter(value);
        if (replacement != null) {
            return replacement;
        }
        try {
            return structure(value, walk);
        } catch (Throwable failure) {
            Failures.rethrowIfFatal(failure);
            walk.failed(failure);
            return Redactor.MASK;
        } finally {
            walk.leave();
        }
    }

    /**
     * Whether an integer has the 13 to 19 digits of a payment card's number, which a rule for card
     * numbers ({@code pci}) masks in its text as in a string's; others, nearly all, cost a comparison.
     */
    private static boolean mayBeACardNumber(Number number) {
        if (number instanceof Long l) {
            return mayBeACardNumber(l.longValue());
        }
        if (number instanceof Double d) {
            // a whole double of 13 to 16 digits holds a card's number exactly, written 4.111111111111111E15
            double value = d;
            return Math.abs(value) >= 1e12 && Math.abs(value) < 1e16 && value == Math.rint(value);
        }
        if (number instanceof BigDecimal decimal) {
            int integerDigits = decimal.precision() - decimal.scale();
            return integerDigits >= 13 && integerDigits <= 19;
        }
        int bits = ((BigInteger) number).abs().bitLength();
        return bits >= 40 && bits <= 64; // 10^12 needs 40 bits, 10^19 - 1 64
    }

    /** A number's digits as the rules read them: a decimal's or a double's without an exponent ({@code 4.111111111111111E+15}). */
    private static String digits(Number number) {
        return number instanceof BigDecimal decimal ? decimal.toPlainString()
                : number instanceof Double d ? Long.toString(d.longValue()) : number.toString();
    }

    private static boolean mayBeACardNumber(long number) {
        return number >= 1_000_000_000_000L || number <= -1_000_000_000_000L;
    }

    /** A plain value written as its text, which the application chose (a path, a host name, a number type of its own). */
    private Object plainText(Object value, Walk walk) {
        String text;
        try {
            text = value.toString();
        } catch (Throwable failure) {
            Failures.rethrowIfFatal(failure);
            walk.failed(failure);
            return Redactor.MASK;
        }
        return text == null ? value : asText(value, text, walk);
    }

    private Object asText(Object value, String text, Walk walk) {
        String masked = walk.withoutSecrets(values.mask(text));
        return masked == text ? value : masked;
    }

    private Object structure(Object value, Walk walk) {
        if (value instanceof Throwable t) {
            return throwable(t, walk); // first: SQLException is also an Iterable
        }
        if (value instanceof Map<?, ?> map) {
            return map(map, walk);
        }
        if (value instanceof JsonNode node) {
            return node(node, walk, false);
        }
        if (value instanceof Iterable<?> items && !(value instanceof java.nio.file.Path)) {
            return iterable(items, walk);
        }
        if (value instanceof Object[] array) {
            List<Object> view = Arrays.asList(array);
            Object masked = iterable(view, walk);
            return masked == view ? value : masked;
        }
        if (value instanceof char[] chars) {
            return asText(value, new String(chars), walk);
        }
        if (value instanceof byte[] bytes) {
            return maskedBytes(bytes);
        }
        if (value instanceof long[] numbers && digitsMaskable) {
            return numbers(value, numbers.length, i -> numbers[i], walk);
        }
        if (value instanceof double[] numbers && digitsMaskable) {
            return numbers(value, numbers.length, i -> numbers[i], walk);
        }
        if (value.getClass().isArray()) {
            return value; // primitive numbers, none long enough for a card's
        }
        if (value instanceof Optional<?> optional) {
            return unwrapped(value, optional.orElse(null), walk);
        }
        if (value instanceof AtomicReference<?> reference) {
            return unwrapped(value, reference.get(), walk);
        }
        if (value instanceof FieldsView fields) {
            Map<String, Object> map = fields.toMap();
            Object masked = map(map, walk);
            return masked == map ? value : masked;
        }
        return bean(value, walk);
    }

    /**
     * A {@code long[]} or {@code double[]} as it is, or, when one of its numbers is masked as text (a
     * card number), a list of them and the masks.
     */
    private Object numbers(Object array, int length, java.util.function.IntFunction<Number> element, Walk walk) {
        List<Object> copy = null;
        for (int i = 0; i < length; i++) {
            Number number = element.apply(i);
            Object masked = mayBeACardNumber(number) ? asText(number, digits(number), walk) : number;
            if (masked != number && copy == null) {
                copy = new ArrayList<>(length);
                for (int j = 0; j < i; j++) {
                    copy.add(element.apply(j));
                }
            }
            if (copy != null) {
                copy.add(masked);
            }
        }
        return copy == null ? array : copy;
    }

    /**
     * The encoders write bytes as base64, which hides nothing: the rules read them as text, one
     * char a byte (ISO-8859-1), so that the bytes around a masked secret come back as they were.
     */
    byte[] maskedBytes(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String masked = values.mask(text);
        return masked == text ? bytes : masked.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The wrapped value when it needs masking, written as the encoders write the wrapper's content. */
    private Object unwrapped(Object wrapper, Object content, Walk walk) {
        Object masked = value(content, walk);
        return masked == content ? wrapper : masked;
    }

    /**
     * Masks the values under sensitive keys; a key that is not a {@code String} is matched, and its
     * text masked, as the encoders write it (its {@code toString()}).
     */
    @SuppressWarnings("unchecked")
    private Object map(Map<?, ?> map, Walk walk) {
        boolean inPlace = map instanceof CallSnapshot.Owned;
        String pairName = sensitivePairName(map);
        boolean jwk = isJwk(map);
        EntryMap copy = null;
        int index = -1;
        boolean longer = map.size() > maxElements + 1; // a cut copy's marker is one entry more
        for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<?, ?> entry = it.next();
            index++;
            if (index == maxElements && longer) {
                rememberedUnderName(entry, it, walk);
                return copy != null ? copy : EntryMap.cut(map, index);
            }
            Object key = entry.getKey();
            String name = pairName != null && PAIR_VALUE.equals(key) ? pairName : ValueShapes.keyName(key);
            Object maskedKey = key instanceof String text ? walk.masked(text, values) : maskedKeyText(key, name, walk);
            Object value = entry.getValue();
            Object masked = jwk && JWK_PRIVATE_MEMBERS.contains(key) ? maskedUnderName(value, walk) : redact(name, value, walk);
            if (masked == value && maskedKey == key) {
                continue;
            }
            if (inPlace && copy == null && maskedKey == key) {
                ((Map.Entry<Object, Object>) entry).setValue(masked);
                continue;
            }
            if (copy == null) { // the keys as they are, none hashed (see EntryMap); no more than will be written
                copy = longer ? EntryMap.cut(map, maxElements) : EntryMap.copyOf(map);
            }
            copy.replace(index, maskedKey, masked);
        }
        return copy == null ? map : copy;
    }

    /**
     * The values under a sensitive name among the entries a cut leaves out (from {@code first} on),
     * remembered as the event's secrets without being walked: not written, they may still be repeated
     * where the event is (a form's password in the message). A name lookup an entry.
     */
    private void rememberedUnderName(Map.Entry<?, ?> first, Iterator<? extends Map.Entry<?, ?>> rest, Walk walk) {
        for (Map.Entry<?, ?> entry = first; entry != null; entry = rest.hasNext() ? rest.next() : null) {
            if (entry.getKey() instanceof String key && names.contains(key)) {
                walk.maskedUnderName(entry.getValue());
            }
        }
    }

    /**
     * The name of a map that is a name and value pair whose name is sensitive
     * ({@code {name=X-Api-Key, value=...}}, as a form's or a YAML list's entries are read): its
     * {@code value} is masked as under that name. Null for any other map.
     */
    private String sensitivePairName(Map<?, ?> map) {
        String name = null;
        boolean valued = false;
        int entries = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (++entries > MAX_PAIR_SIZE) {
                return null;
            }
            Object key = entry.getKey();
            if ((PAIR_NAME.equals(key) || PAIR_KEY.equals(key) && name == null) && entry.getValue() instanceof String text) {
                name = text;
            }
            valued |= PAIR_VALUE.equals(key);
        }
        return valued && name != null && names.contains(name) ? name : null;
    }

    /** The mask of a value under a sensitive name, its text remembered as a secret of the event. */
    private static Object maskedUnderName(Object value, Walk walk) {
        walk.maskedUnderName(value);
        return mask(value);
    }

    /** Whether {@code map} is a JSON Web Key as nimbus's {@code toJSONObject()} gives it: a {@code kty} among its first entries. */
    private static boolean isJwk(Map<?, ?> map) {
        int entries = 0;
        for (Object key : map.keySet()) {
            if (++entries > MAX_JWK_SIZE) {
                return false;
            }
            if (JWK_TYPE.equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** The key itself, or the masked text it is written as when that text holds a secret. */
    private Object maskedKeyText(Object key, String name, Walk walk) {
        String masked = walk.withoutSecrets(values.mask(name));
        return masked == name ? key : masked;
    }

    /** Elements of an {@link Iterable} that is not a {@link Collection} (its size unknown, maybe endless) walked at most. */
    static final int MAX_ITERABLE_ITEMS = 10_000;

    @SuppressWarnings("unchecked")
    private Object iterable(Iterable<?> items, Walk walk) {
        if (items instanceof CallSnapshot.Owned && items instanceof List<?> list && list.size() <= maxElements + 1) {
            for (ListIterator<Object> it = ((List<Object>) list).listIterator(); it.hasNext(); ) {
                Object item = it.next();
                Object masked = value(item, walk);
                if (masked != item) {
                    it.set(masked);
                }
            }
            return items;
        }
        List<Object> copy = null;
        int index = 0;
        boolean longer = items instanceof Collection<?> collection && collection.size() > maxElements + 1;
        for (Object item : items) {
            if (index == MAX_ITERABLE_ITEMS && !(items instanceof Collection<?>)) {
                break; // perhaps endless; the encoders write fewer than this (256 by default) anyway
            }
            if (index == maxElements && longer) {
                int leftOut = CallSnapshot.isCut(items) ? -1 : ((Collection<?>) items).size() - index;
                return CallSnapshot.cut(copy != null ? copy : items, index, leftOut);
            }
            Object masked = value(item, walk);
            if (masked != item && copy == null) {
                copy = new ArrayList<>();
                Iterator<?> again = items.iterator();
                for (int i = 0; i < index; i++) {
                    copy.add(again.next());
                }
            }
            if (copy != null) {
                copy.add(masked);
            }
            index++;
        }
        return copy == null ? items : copy;
    }

    private Throwable throwable(Throwable t, Walk walk) {
        String message;
        String maskedMessage;
        try {
            message = t.getMessage();
            maskedMessage = message == null ? null : walk.withoutSecrets(values.mask(message));
        } catch (Throwable failure) {
            Failures.rethrowIfFatal(failure);
            walk.failed(failure);
            message = null;
            maskedMessage = "[message unavailable: " + failure.getClass().getName() + "]";
        }
        Walk.ThrowableInProgress self = walk.startThrowable(t, maskedMessage);
        try {
            Throwable cause = Failures.cause(t);
            Failures.ChainEnd end = cause == null || cause == t || !walk.atLastLevel() ? null
                    : Failures.innermost(cause, walk::isThrowableInProgress);
            if (end != null) {
                cause = end.root(); // the chain's last level: its innermost cause, the one that says what went wrong
            }
            Object maskedCause = cause == null || cause == t ? null : throwableValue(cause, walk);
            Throwable[] suppressed = t.getSuppressed();
            Throwable[] maskedSuppressed = suppressed;
            for (int i = 0; i < suppressed.length; i++) {
                Object masked = throwableValue(suppressed[i], walk);
                if (masked != suppressed[i]) {
                    if (maskedSuppressed == suppressed) {
                        maskedSuppressed = suppressed.clone();
                    }
                    maskedSuppressed[i] = masked instanceof Throwable redacted ? redacted : null;
                }
            }
            // A copy also when nothing was masked: the encoders read what was checked here, never the
            // throwable again (a message built anew at each call, a cause set meanwhile by another thread).
            // a cause replaced by a marker (depth) is dropped: the copy must stay a throwable chain
            Throwable newCause = maskedCause instanceof Throwable redacted ? redacted : null;
            ThrowableCopy copy = self.copy;
            if (copy == null) {
                copy = new ThrowableCopy(t, maskedMessage, newCause, maskedSuppressed);
            } else {
                copy.complete(newCause, maskedSuppressed); // a throwable below refers back to this one
            }
            return end == null || newCause == null ? copy : copy.causesOmitted(Failures.causesOmitted(t) + end.omitted());
        } finally {
            walk.endThrowable();
        }
    }

    /**
     * The masked form of a cause or suppressed throwable: when it is one of the throwables being
     * walked (a chain that loops back), their copy, so that the copies loop as the originals do and
     * the encoders mark the loop; a string marker in its place would end the chain there.
     */
    private Object throwableValue(Throwable t, Walk walk) {
        ThrowableCopy loopedBack = walk.copyOfThrowableInProgress(t);
        return loopedBack != null ? loopedBack : value(t, walk);
    }

    /**
     * A bean as the encoders write it: its tree (an object without properties, a text node of its
     * {@code toString()}, masked as text). What was checked is returned, never the bean itself, so
     * an encoder cannot read it again and get something else. A bean that cannot be read (a getter
     * throws, a lazy collection outside its session, a cycle) fails the walk and is masked whole
     * ({@link #value}): its text would bypass the field names ({@code Account{ann, hunter2}}).
     */
    private Object bean(Object value, Walk walk) {
        return node(ValueShapes.tree(value, new RenamedProperties.Check() {
            @Override
            public boolean masks(String javaName) {
                return names.contains(javaName);
            }

            @Override
            public void masked(Object property) {
                walk.maskedUnderName(property);
            }
        }), walk, true);
    }

    // ---- Jackson trees ----

    /** Masks a tree: in place when {@code owned} (a tree made here from a bean), else into a copy. */
    private JsonNode node(JsonNode node, Walk walk, boolean owned) {
        if (node.isObject()) {
            ObjectNode copy = owned ? (ObjectNode) node : null;
            boolean sensitivePair = isSensitivePair(node);
            boolean jwk = node.get(JWK_TYPE) != null;
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                JsonNode child = member.getValue();
                JsonNode masked = sensitive(member.getKey(), walk) || sensitivePair && member.getKey().equals(PAIR_VALUE)
                        || jwk && JWK_PRIVATE_MEMBERS.contains(member.getKey())
                        ? maskedMember(child, walk)
                        : member(member.getKey(), child, walk, owned);
                if (masked != child) {
                    if (copy == null) {
                        copy = NODES.objectNode();
                        copy.setAll((ObjectNode) node);
                    }
                    copy.set(member.getKey(), masked); // replacing a member's value: iteration goes on
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isArray()) {
            ArrayNode copy = owned ? (ArrayNode) node : null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode child = node.get(i);
                JsonNode masked = child(child, walk, owned);
                if (masked != child) {
                    if (copy == null) {
                        copy = NODES.arrayNode(node.size());
                        copy.addAll((ArrayNode) node);
                    }
                    copy.set(i, masked);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isBinary()) {
            byte[] bytes = node.binaryValue();
            byte[] masked = maskedBytes(bytes);
            return masked == bytes ? node : NODES.binaryNode(masked);
        }
        if (node.isString()) {
            String text = node.stringValue();
            String masked = walk.withoutSecrets(values.mask(text));
            return masked == text ? node : NODES.stringNode(masked);
        }
        if (digitsMaskable && (node.isLong() ? mayBeACardNumber(node.longValue())
                : (node.isBigInteger() || node.isBigDecimal() || node.isDouble()) && mayBeACardNumber(node.numberValue()))) {
            String text = digits(node.numberValue()); // a record's, a bean's or a tree's number, as a field's
            String masked = walk.withoutSecrets(values.mask(text));
            return masked == text ? node : NODES.stringNode(masked);
        }
        if (node instanceof POJONode pojo) {
            Object content = pojo.getPojo();
            Object masked = value(content, walk);
            return masked == content ? node : masked instanceof JsonNode tree ? tree : NODES.pojoNode(masked);
        }
        return node;
    }

    /**
     * Whether {@code node} is a name and value pair whose value is a secret: its name is sensitive
     * (an Apache or OkHttp header, a form parameter, a tag, an environment variable written as
     * {@code {"name":"X-Api-Key","value":"..."}}), or it says so itself ({@code "sensitive":true}).
     */
    private boolean isSensitivePair(JsonNode node) {
        if (node.get(PAIR_VALUE) == null) {
            return false;
        }
        JsonNode name = node.get(PAIR_NAME);
        if (name == null) {
            name = node.get(PAIR_KEY);
        }
        JsonNode flag = node.get(PAIR_SENSITIVE);
        return name != null && name.isString() && names.contains(name.stringValue())
                || flag != null && flag.isBoolean() && flag.booleanValue();
    }

    /** The mask for a member under a sensitive name, but a boolean's; its text is remembered as a secret of the event. */
    private static JsonNode maskedMember(JsonNode child, Walk walk) {
        if (child.isBoolean() || child.isString() && isBooleanText(child.stringValue())) {
            return child;
        }
        if (child.isNumber()) {
            walk.maskedUnderName(child.numberValue());
        }
        if (!child.isString()) {
            return MASK_NODE;
        }
        String text = child.stringValue();
        walk.maskedUnderName(text);
        return Redactor.MASK.equals(text) ? child : MASK_NODE;
    }

    /** A member's value: a container is walked with the member's name as the parent of its own names. */
    private JsonNode member(String name, JsonNode child, Walk walk, boolean owned) {
        if (!child.isContainer()) {
            return node(child, walk, owned);
        }
        String parent = walk.parent;
        walk.parent = name;
        try {
            return child(child, walk, owned);
        } finally {
            walk.parent = parent;
        }
    }

    private JsonNode child(JsonNode child, Walk walk, boolean owned) {
        if (!child.isContainer()) {
            return node(child, walk, owned);
        }
        Object replacement = walk.enter(child);
        if (replacement != null) {
            return NODES.stringNode(String.valueOf(replacement));
        }
        try {
            return node(child, walk, owned);
        } finally {
            walk.leave();
        }
    }

    /**
     * Masked strings remembered by identity, in a small table of pairs of slots: a string takes its
     * slot, and the one it finds there moves to the other of the pair. Keyed by the masker too, since
     * one thread may serve several engines.
     */
    private static final class Remembered {
        private static final int MAX_REMEMBERED_LENGTH = 256;
        private final String[] seen;
        private final String[] maskedOf;
        private ValueMasker seenBy;

        Remembered(int slots) {
            seen = new String[slots];
            maskedOf = new String[slots];
        }

        String masked(String text, ValueMasker values) {
            int length = text.length();
            if (length == 0 || length > MAX_REMEMBERED_LENGTH) {
                return values.mask(text);
            }
            if (seenBy != values) {
                Arrays.fill(seen, null);
                Arrays.fill(maskedOf, null);
                seenBy = values;
            }
            int slot = (length * 31 + text.charAt(0) * 7 + text.charAt(length >> 1) * 3 + text.charAt(length - 1))
                    & (seen.length - 1);
            if (seen[slot] == text) {
                return maskedOf[slot];
            }
            int pair = slot ^ 1; // two ways: two strings of one slot (an event's logger and thread names, say) both stay
            if (seen[pair] == text) {
                return maskedOf[pair];
            }
            String masked = values.mask(text);
            seen[pair] = seen[slot];
            maskedOf[pair] = maskedOf[slot];
            seen[slot] = text;
            maskedOf[slot] = masked;
            return masked;
        }
    }

    /**
     * One event's walk: the structures enclosing the one being walked (an identity stack), how many
     * were entered, and the values replaced because walking them failed. Not thread-safe.
     */
    static final class Walk {

        private static final int REMEMBERED = 128;
        private static final int NAMES_REMEMBERED = 64;
        /** Shorter values ({@code 1}, {@code yes}) would mask ordinary words of the message. */
        private static final int MIN_SECRET_LENGTH = 4;
        /** Secrets looked for in an event at most; more (a form of a thousand fields) are masked under their names only. */
        private static final int MAX_SECRETS = 1024;
        private static final int JOINED = 64;

        private Object[] stack = new Object[8];
        /**
         * The last strings masked on this thread and their results, by identity: literal messages,
         * enum names and constant values repeat on every event.
         */
        private final Remembered recentValues = new Remembered(REMEMBERED);
        /**
         * As {@link #recentValues}, for the names an event carries (field keys, the logger's and the
         * thread's name, tags): a handful of constants that values as many as the users of a service
         * would otherwise push out.
         */
        private final Remembered recentNames = new Remembered(NAMES_REMEMBERED);
        private int depth;
        private int entered;
        private int failures;
        private String firstFailure;

        /** Pushes {@code structure}; returns null, or what to write instead of walking it. */
        Object enter(Object structure) {
            for (int i = 0; i < depth; i++) {
                if (stack[i] == structure) {
                    return CYCLE;
                }
            }
            if (depth == MAX_DEPTH || ++entered > MAX_STRUCTURES) {
                return Redactor.MASK;
            }
            if (depth == stack.length) {
                stack = Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = structure;
            return null;
        }

        /** {@code values.mask(text)}, remembered for short strings by identity, without this event's secrets. */
        String masked(String text, ValueMasker values) {
            return withoutSecrets(recentValues.masked(text, values));
        }

        /** {@code values.mask(name)} for a name an event carries, remembered apart from the values, without this event's secrets. */
        String maskedName(String name, ValueMasker values) {
            return withoutSecrets(recentNames.masked(name, values));
        }

        /** Starts another pass over the event's values: its limit on structures counts again, its secrets stay. */
        void again() {
            entered = 0;
        }

        void reset() {
            Arrays.fill(stack, 0, depth, null);
            depth = 0;
            throwables.clear();
            entered = 0;
            failures = 0;
            firstFailure = null;
            parent = null;
            if (secretCount > 0) {
                Arrays.fill(secrets, 0, secretCount, null);
                secretCount = 0;
            }
        }

        /** The key of the structure being walked (its entries' names are matched joined to it); null at the top. */
        private String parent;
        private final StringBuilder joined = new StringBuilder();
        /** Answers of {@link #sensitiveJoined} by the identity of parent and key (literals, Jackson's property names), for {@link #joinedBy}. */
        private final String[] joinedParents = new String[JOINED];
        private final String[] joinedKeys = new String[JOINED];
        private final boolean[] joinedAnswers = new boolean[JOINED];
        private FieldNames joinedBy;

        /** Whether {@code parent.key} is a sensitive name; false at the top. */
        boolean sensitiveJoined(String key, FieldNames names) {
            String parentKey = parent;
            if (parentKey == null) {
                return false;
            }
            if (joinedBy != names) { // another engine's names on this thread
                Arrays.fill(joinedParents, null);
                joinedBy = names;
            }
            int slot = (31 * System.identityHashCode(parentKey) + System.identityHashCode(key)) & (JOINED - 1);
            if (joinedParents[slot] == parentKey && joinedKeys[slot] == key) {
                return joinedAnswers[slot];
            }
            joined.setLength(0);
            joined.append(parentKey).append('.').append(key);
            boolean answer = names.contains(joined, 0, joined.length());
            joinedParents[slot] = parentKey;
            joinedKeys[slot] = key;
            joinedAnswers[slot] = answer;
            return answer;
        }

        /** Text values of this event masked whole under their name, to mask wherever the event repeats them. */
        private String[] secrets = new String[8];
        private int secretCount;

        /**
         * Remembers {@code value}, masked under its name, when it is text ({@code String}, other
         * {@code CharSequence}, {@code char[]}) of 4 characters or more (shorter ones, {@code 1} or
         * {@code yes}, would mask ordinary words).
         */
        void maskedUnderName(Object value) {
            if (value instanceof Optional<?> optional) {
                maskedUnderName(optional.orElse(null));
                return;
            }
            if (value instanceof OptionalLong number) {
                maskedUnderName(number.isPresent() ? (Object) number.getAsLong() : null);
                return;
            }
            String secret = value instanceof String text ? text
                    : value instanceof CharSequence || value instanceof Number ? String.valueOf(value)
                    : value instanceof char[] chars ? new String(chars) : null;
            if (secret == null || secret.length() < MIN_SECRET_LENGTH || secretCount == MAX_SECRETS
                    || Redactor.MASK.equals(secret)) {
                return;
            }
            if (secretCount == secrets.length) {
                secrets = Arrays.copyOf(secrets, secretCount * 2);
            }
            // longest first: a secret inside a longer one (hunter2-1 in hunter2-17) must not leave the longer's tail
            int at = secretCount++;
            while (at > 0 && secrets[at - 1].length() < secret.length()) {
                secrets[at] = secrets[at - 1];
                at--;
            }
            secrets[at] = secret;
        }

        /** Whether a value was masked under its name in this event. */
        boolean hasSecrets() {
            return secretCount > 0;
        }

        /**
         * {@code text} with every value remembered by {@link #maskedUnderName} masked where it occurs:
         * anywhere for a secret of mixed characters, as a whole word for one of letters only or of
         * digits only ({@code enabled} not inside {@code enabledword}, a PIN {@code 1234} not inside
         * {@code 12345678}).
         */
        String withoutSecrets(String text) {
            if (secretCount == 0 || text == null) {
                return text;
            }
            String result = text;
            for (int i = 0; i < secretCount; i++) {
                String secret = secrets[i];
                int found = result.indexOf(secret);
                if (found >= 0) {
                    result = masked(result, secret, found);
                }
            }
            return result;
        }

        private static String masked(String text, String secret, int first) {
            WordKind kind = WordKind.of(secret);
            if (kind == WordKind.MIXED) {
                return text.replace(secret, Redactor.MASK);
            }
            StringBuilder out = null;
            int copied = 0;
            for (int at = first; at >= 0; at = text.indexOf(secret, at + 1)) {
                int end = at + secret.length();
                if (at < copied || kind.continuesAt(text, at - 1) || kind.continuesAt(text, end)) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, at).append(Redactor.MASK);
                copied = end;
            }
            return out == null ? text : out.append(text, copied, text.length()).toString();
        }

        /** What a remembered secret is made of, to tell a whole word from a part of a longer one. */
        private enum WordKind {
            MIXED, LETTERS, DIGITS;

            static WordKind of(String secret) {
                boolean letters = true;
                boolean digits = true;
                for (int i = 0; i < secret.length(); i++) {
                    char c = secret.charAt(i);
                    letters &= Character.isLetter(c);
                    digits &= isDigit(c);
                }
                return letters ? LETTERS : digits ? DIGITS : MIXED;
            }

            /** Whether the character at {@code index} of {@code text} (if any) carries on a word of this kind. */
            boolean continuesAt(String text, int index) {
                if (index < 0 || index >= text.length()) {
                    return false;
                }
                char c = text.charAt(index);
                return this == LETTERS ? Character.isLetter(c) : this == DIGITS && isDigit(c);
            }

            private static boolean isDigit(char c) {
                return c >= '0' && c <= '9';
            }
        }

        void leave() {
            stack[--depth] = null;
        }

        /** A throwable whose cause and suppressed throwables are being walked, and its copy once one is needed. */
        static final class ThrowableInProgress {
            final Throwable original;
            final String maskedMessage;
            ThrowableCopy copy;

            ThrowableInProgress(Throwable original, String maskedMessage) {
                this.original = original;
                this.maskedMessage = maskedMessage;
            }
        }

        private final java.util.ArrayList<ThrowableInProgress> throwables = new java.util.ArrayList<>();

        ThrowableInProgress startThrowable(Throwable t, String maskedMessage) {
            ThrowableInProgress started = new ThrowableInProgress(t, maskedMessage);
            throwables.add(started);
            return started;
        }

        void endThrowable() {
            throwables.remove(throwables.size() - 1);
        }

        boolean isThrowableInProgress(Throwable t) {
            return inProgress(t) != null;
        }

        private ThrowableInProgress inProgress(Throwable t) {
            for (ThrowableInProgress inProgress : throwables) {
                if (inProgress.original == t) {
                    return inProgress;
                }
            }
            return null;
        }

        /** Whether a structure entered now is the last one the depth limit lets in. */
        boolean atLastLevel() {
            return depth == MAX_DEPTH - 1;
        }

        /** The copy of {@code t} when it is being walked (made now if it has none yet), else null. */
        ThrowableCopy copyOfThrowableInProgress(Throwable t) {
            ThrowableInProgress inProgress = inProgress(t);
            if (inProgress == null) {
                return null;
            }
            if (inProgress.copy == null) {
                inProgress.copy = ThrowableCopy.pending(t, inProgress.maskedMessage);
            }
            return inProgress.copy;
        }

        void failed(Throwable failure) {
            if (failures++ == 0) {
                firstFailure = failure.getClass().getName();
            }
        }

        /** Values masked because walking them failed. */
        int failures() {
            return failures;
        }

        /** What the first failure was, for the event's diagnostics. */
        String firstFailure() {
            return firstFailure;
        }
    }
}
