package io.fapilog.internal.encoding;

import java.util.Collection;
import java.util.Map;

/**
 * The classes of a framework's message arguments (an SLF4J call's) that fapilog formats itself, on
 * the worker, rather than leaving them to the framework's text on the caller's thread: Kafka's
 * records and headers and Spring Security's authentications, whose text hides from redaction what
 * their fields show; Hibernate's lazy values, whose text loads them; a web server's objects, a
 * cookie's text being its value; keys and what holds them, whose text is a JWK's private members or a
 * read of a key store from disk. Asked for every argument of every bridged call: known once per class,
 * and only the first elements of a collection looked at.
 */
public final class BridgedArguments {

    /** A {@code Boolean} holds no class of fapilog's loader (see {@code CallSnapshot}). */
    private static final ClassValue<Boolean> FORMATTED_ON_WORKER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return MessageValues.textHidesSecrets(type) || HibernateLazyValues.isLazyType(type) || WebObjects.isWebObject(type)
                    || KeyMaterial.isKey(type);
        }
    };

    /** How deep inside arrays, collections and maps an argument is looked at, and how many of each one's elements. */
    private static final int MAX_DEPTH = 2;
    private static final int MAX_ELEMENTS = 64;

    private BridgedArguments() {
    }

    /**
     * Whether fapilog formats a message with these arguments: one of them, or one of the first
     * elements of an array, collection or map among them (two levels down), is a {@code byte[]} or
     * {@code char[]}, which the framework writes element by element, or of a class fapilog formats.
     * Never throws: a collection another thread is changing counts as one to format.
     */
    public static boolean anyFormattedOnWorker(Object[] arguments) {
        return arguments != null && anyFormattedOnWorker(arguments, 0);
    }

    /** Allocates nothing: asked on the caller's thread, of every bridged call's arguments. */
    private static boolean anyFormattedOnWorker(Object[] values, int depth) {
        for (int i = 0, n = Math.min(values.length, MAX_ELEMENTS); i < n; i++) {
            if (formattedOnWorker(values[i], depth)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyFormattedOnWorker(Iterable<?> values, int depth) {
        int looked = 0;
        for (Object value : values) {
            if (looked++ == MAX_ELEMENTS) {
                return false;
            }
            if (formattedOnWorker(value, depth)) {
                return true;
            }
        }
        return false;
    }

    private static boolean formattedOnWorker(Object value, int depth) {
        if (value == null || value instanceof String) {
            return false;
        }
        if (value instanceof byte[] || value instanceof char[] || FORMATTED_ON_WORKER.get(value.getClass())) {
            return true;
        }
        if (depth == MAX_DEPTH) {
            return false;
        }
        try {
            return value instanceof Object[] array ? anyFormattedOnWorker(array, depth + 1)
                    : value instanceof Collection<?> collection ? anyFormattedOnWorker(collection, depth + 1)
                    : value instanceof Map<?, ?> map && anyFormattedOnWorker(map.values(), depth + 1);
        } catch (RuntimeException changing) {
            return true;
        }
    }
}
