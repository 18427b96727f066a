package io.fapilog.internal.event;

import io.fapilog.internal.encoding.Failures;

import java.util.Arrays;

/**
 * SLF4J-style {@code {}} placeholders: each is replaced by the next argument's string form; a
 * placeholder preceded by a backslash ({@code \{}}) is kept as the text {@code {}}; placeholders
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
            if (i == 0 || message.charAt(i - 1) != '\\') {
                count++;
            }
            i = message.indexOf("{}", i + 2);
        }
        return count;
    }

    /** {@code message} with its placeholders replaced by the first {@code used} arguments. */
    public static String format(String message, Object[] args, int used) {
        if (message == null || args == null || used <= 0) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 16 * used);
        int from = 0;
        int next = 0;
        int i = message.indexOf("{}");
        while (i >= 0 && next < used) {
            if (i > 0 && message.charAt(i - 1) == '\\') {
                out.append(message, from, i - 1).append("{}");
            } else {
                out.append(message, from, i).append(text(args[next++]));
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

    private static String text(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
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

    private static String primitiveArray(Object array) {
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
