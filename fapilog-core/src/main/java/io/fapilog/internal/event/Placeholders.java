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
        return Math.max(0, scan(message));
    }

    /**
     * How many placeholders {@code message} has, as {@link #count}, or {@link #ESCAPED_ONLY} when it
     * has none but escaped ones ({@code \{}}), which {@link #format} still turns into text.
     */
    public static int scan(String message) {
        if (message == null) {
            return 0;
        }
        int count = 0;
        boolean escaped = false;
        int i = message.indexOf("{}");
        while (i >= 0) {
            if (i == 0 || message.charAt(i - 1) != '\\') {
                count++;
            } else {
                escaped = true;
            }
            i = message.indexOf("{}", i + 2);
        }
        return count == 0 && escaped ? ESCAPED_ONLY : count;
    }

    /** {@link #scan}: no placeholder, but escaped ones. */
    public static final int ESCAPED_ONLY = -1;

    /**
     * {@code message} with its placeholders replaced by the first {@code used} arguments and each
     * escaped one ({@code \{}}) by the text {@code {}}; placeholders past {@code used} stay.
     */
    public static String format(String message, Object[] args, int used) {
        if (message == null || message.indexOf("{}") < 0) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 16 * Math.max(0, used));
        int from = 0;
        int next = 0;
        for (int i = message.indexOf("{}"); i >= 0; i = message.indexOf("{}", from)) {
            if (i > 0 && message.charAt(i - 1) == '\\') {
                out.append(message, from, i - 1).append("{}");
            } else if (next < used) {
                out.append(message, from, i).append(text(args[next++]));
            } else {
                out.append(message, from, i + 2);
            }
            from = i + 2;
        }
        return out.append(message, from, message.length()).toString();
    }

    /**
     * {@code message} with every placeholder escaped, so that it takes no argument: the message of
     * a call whose arguments are all fields (a {@code Map}, a builder's {@code add}s), whose entries
     * a {@code {}} must not take. Already escaped ones stay as they are.
     */
    public static String literal(String message) {
        if (message == null || message.indexOf("{}") < 0) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 4);
        int from = 0;
        for (int i = message.indexOf("{}"); i >= 0; i = message.indexOf("{}", i + 2)) {
            if (i == 0 || message.charAt(i - 1) != '\\') {
                out.append(message, from, i).append('\\');
                from = i;
            }
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
