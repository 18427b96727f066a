package io.fapilog.internal.event;

import io.fapilog.internal.encoding.Failures;
import io.fapilog.internal.encoding.KeyMaterial;
import io.fapilog.internal.encoding.ValueShapes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * SLF4J-style {@code {}} placeholders: each is replaced by the next argument's string form; a
 * placeholder preceded by a backslash ({@code \{}}) is kept as the text {@code {}}, one preceded
 * by two ({@code \\{}}) is a backslash and a placeholder; placeholders
 * left without an argument stay as they are.
 */
public final class Placeholders {

    private Placeholders() {
    }

    /** How many placeholders {@code message} has. */
    public static int count(String message) {
        if (message == null) {
            return 0;
        }
        int count = 0;
        int i = message.indexOf("{}");
        while (i >= 0) {
            if (!escaped(message, i)) {
                count++;
            }
            i = message.indexOf("{}", i + 2);
        }
        return count;
    }

    /** As SLF4J: one backslash before {@code {}} escapes it, two stand for one backslash and leave it a placeholder. */
    private static boolean escaped(String message, int at) {
        return at > 0 && message.charAt(at - 1) == '\\' && (at == 1 || message.charAt(at - 2) != '\\');
    }

    /** {@code message} with its placeholders replaced by the first {@code used} arguments. */
    public static String format(String message, Object[] args, int used) {
        return format(message, args, used, UnaryOperator.identity());
    }

    /**
     * The same, each {@code byte[]} argument (also inside an {@code Object[]} one) written as
     * {@code bytes} makes it: numbers, as SLF4J writes bytes, hide text from the redaction rules,
     * so the worker masks the bytes before they become numbers.
     */
    public static String format(String message, Object[] args, int used, UnaryOperator<byte[]> bytes) {
        if (message == null || args == null || used <= 0) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 16 * used);
        int from = 0;
        int next = 0;
        int i = message.indexOf("{}");
        while (i >= 0 && next < used) {
            if (escaped(message, i)) {
                out.append(message, from, i - 1).append("{}");
            } else if (i > 1 && message.charAt(i - 1) == '\\') { // "\\{}": a backslash, then a placeholder
                out.append(message, from, i - 1).append(text(args[next++], bytes));
            } else {
                out.append(message, from, i).append(text(args[next++], bytes));
            }
            from = i + 2;
            i = message.indexOf("{}", from);
        }
        return out.append(message, from, message.length()).toString();
    }

    /** {@code message} with its placeholders replaced by as many of {@code args} as it has. */
    public static String format(String message, Object[] args) {
        return format(message, args, args == null ? 0 : Math.min(count(message), args.length));
    }

    private static String text(Object value, UnaryOperator<byte[]> bytes) {
        if (value instanceof Object[] array) {
            StringBuilder out = new StringBuilder();
            appendArray(out, array, Collections.newSetFromMap(new IdentityHashMap<>()), bytes);
            return out.toString();
        }
        if (value instanceof byte[] raw) {
            return maskedBytes(raw, bytes);
        }
        if (value instanceof char[] chars) {
            return maskedChars(chars, bytes);
        }
        if (value != null && KeyMaterial.isKey(value.getClass())) {
            return KeyMaterial.summary(value);
        }
        if (value instanceof JsonNode tree && tree.isContainer()) {
            return String.valueOf(withMaskedBinaries(tree, bytes, 0));
        }
        if (value != null && value.getClass().isArray()) {
            return primitiveArray(value);
        }
        try {
            return String.valueOf(value);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return "[" + value.getClass().getName() + ".toString() failed: " + e + "]";
        }
    }

    /** As {@link Arrays#deepToString}, but an element whose {@code toString()} fails is written as that failure. */
    private static void appendArray(StringBuilder out, Object[] array, Set<Object[]> path, UnaryOperator<byte[]> bytes) {
        if (path.size() == ValueShapes.MAX_TREE_DEPTH) { // as deep as a value's tree
            out.append("[max depth]"); // arrays nested deeper once overflowed the stack and lost the event
            return;
        }
        if (!path.add(array)) {
            out.append("[...]");
            return;
        }
        out.append('[');
        for (int i = 0; i < array.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (array[i] instanceof Object[] nested) {
                appendArray(out, nested, path, bytes);
            } else {
                out.append(text(array[i], bytes));
            }
        }
        out.append(']');
        path.remove(array);
    }

    /**
     * A tree whose binary nodes hold masked bytes: its text writes them in base64, which no rule
     * reads into. The tree itself when it has none (a tree taken at the call is bounded and without cycles).
     */
    private static JsonNode withMaskedBinaries(JsonNode node, UnaryOperator<byte[]> bytes, int depth) {
        if (node.isBinary()) {
            byte[] raw = node.binaryValue();
            byte[] masked;
            try {
                masked = bytes.apply(raw);
            } catch (RuntimeException e) {
                return JsonNodeFactory.instance.stringNode("[" + raw.length + " bytes]");
            }
            return masked == raw ? node : JsonNodeFactory.instance.binaryNode(masked);
        }
        if (!node.isContainer() || depth > MAX_TREE_DEPTH) {
            return node;
        }
        ContainerNode<?> copy = null;
        int index = 0;
        for (Map.Entry<String, JsonNode> member : node.isObject() ? node.properties() : indexed(node)) {
            JsonNode child = member.getValue();
            JsonNode masked = withMaskedBinaries(child, bytes, depth + 1);
            if (masked != child) {
                if (copy == null) {
                    copy = (ContainerNode<?>) node.deepCopy();
                }
                if (copy instanceof ObjectNode object) {
                    object.set(member.getKey(), masked);
                } else {
                    ((ArrayNode) copy).set(index, masked);
                }
            }
            index++;
        }
        return copy == null ? node : copy;
    }

    private static final int MAX_TREE_DEPTH = 64;

    private static Iterable<Map.Entry<String, JsonNode>> indexed(JsonNode array) {
        List<Map.Entry<String, JsonNode>> elements = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            elements.add(Map.entry("", element));
        }
        return elements;
    }

    /**
     * Elements of an array a placeholder writes at most: more than the message's cut ever shows (each
     * takes two characters or more), so a megabyte array costs the worker what is written, not four
     * million characters made and cut. A longer one ends with {@code , ...]}.
     */
    static final int MAX_ARRAY_ELEMENTS = 4096;

    /** The bytes as SLF4J writes them, once {@code bytes} has masked them; their count alone when masking fails. */
    private static String maskedBytes(byte[] raw, UnaryOperator<byte[]> bytes) {
        try {
            byte[] shown = raw.length > MAX_ARRAY_ELEMENTS ? Arrays.copyOf(raw, MAX_ARRAY_ELEMENTS) : raw;
            return cutIfLonger(Arrays.toString(bytes.apply(shown)), raw.length);
        } catch (RuntimeException e) {
            return "[" + raw.length + " bytes]";
        }
    }

    /** {@code text}, an array's, ending {@code , ...]} when the array had more than it shows. */
    private static String cutIfLonger(String text, int length) {
        return length > MAX_ARRAY_ELEMENTS ? text.substring(0, text.length() - 1) + ", ...]" : text;
    }

    /**
     * The chars as SLF4J writes them ({@code [p, a, s, s]}), once masked as their text: through its
     * UTF-8 bytes, which keep every ASCII name and separator the masking reads. Their count alone
     * when masking fails.
     */
    private static String maskedChars(char[] all, UnaryOperator<byte[]> bytes) {
        char[] chars = all.length > MAX_ARRAY_ELEMENTS ? Arrays.copyOf(all, MAX_ARRAY_ELEMENTS) : all;
        try {
            byte[] utf8 = new String(chars).getBytes(StandardCharsets.UTF_8);
            byte[] masked = bytes.apply(utf8);
            return cutIfLonger(Arrays.toString(masked == utf8 ? chars : new String(masked, StandardCharsets.UTF_8).toCharArray()),
                    all.length);
        } catch (RuntimeException e) {
            return "[" + all.length + " chars]";
        }
    }

    private static String primitiveArray(Object array) {
        int length = java.lang.reflect.Array.getLength(array);
        Object shown = array;
        if (length > MAX_ARRAY_ELEMENTS) {
            shown = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), MAX_ARRAY_ELEMENTS);
            System.arraycopy(array, 0, shown, 0, MAX_ARRAY_ELEMENTS);
        }
        return cutIfLonger(primitiveArrayText(shown), length);
    }

    private static String primitiveArrayText(Object array) {
        if (array instanceof int[] a) return Arrays.toString(a);
        if (array instanceof long[] a) return Arrays.toString(a);
        if (array instanceof double[] a) return Arrays.toString(a);
        if (array instanceof byte[] a) return Arrays.toString(a);
        if (array instanceof char[] a) return Arrays.toString(a);
        if (array instanceof boolean[] a) return Arrays.toString(a);
        if (array instanceof float[] a) return Arrays.toString(a);
        if (array instanceof short[] a) return Arrays.toString(a);
        return String.valueOf(array);
    }
}
