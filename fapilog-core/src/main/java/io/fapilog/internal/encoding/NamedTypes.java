package io.fapilog.internal.encoding;

import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Frameworks' types known by their names (fapilog depends on none of them): finding one in a class's
 * hierarchy, and calling its methods by reflection.
 */
final class NamedTypes {

    private NamedTypes() {
    }

    /** {@code type}'s method {@code name} on {@code target}, or null when it fails. */
    static Object read(Class<?> type, Object target, String name) {
        try {
            return type.getMethod(name).invoke(target);
        } catch (Throwable e) {
            Failures.rethrowIfFatal(e);
            return null;
        }
    }

    /** As {@link #read(Class, Object, String)}, the method of a public type of {@code target}'s. */
    static Object read(Object target, String name) {
        for (Class<?> type : hierarchy(target.getClass())) {
            if (Modifier.isPublic(type.getModifiers())) {
                try {
                    return type.getMethod(name).invoke(target);
                } catch (NoSuchMethodException e) {
                    // a supertype may have it
                } catch (Throwable e) {
                    Failures.rethrowIfFatal(e);
                    return null;
                }
            }
        }
        return null;
    }

    /** The type named {@code name} in {@code type}'s hierarchy, or null. */
    static Class<?> find(Class<?> type, String name) {
        if (type.getClassLoader() == null) {
            return null; // the JDK's own
        }
        for (Class<?> candidate : hierarchy(type)) {
            if (candidate.getName().equals(name)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether {@code type} or a type of its hierarchy is one of {@code names}; never for the JDK's own types. */
    static boolean isAny(Class<?> type, java.util.Collection<String> names) {
        if (type.getClassLoader() == null) {
            return false; // the JDK's own
        }
        for (Class<?> candidate : hierarchy(type)) {
            if (names.contains(candidate.getName())) {
                return true;
            }
        }
        return false;
    }

    /** {@code type}, its superclasses and every interface, breadth first. */
    static List<Class<?>> hierarchy(Class<?> type) {
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>();
        List<Class<?>> order = new ArrayList<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> next = queue.poll();
            if (next == Object.class || !seen.add(next)) {
                continue;
            }
            order.add(next);
            if (next.getSuperclass() != null) {
                queue.add(next.getSuperclass());
            }
            queue.addAll(List.of(next.getInterfaces()));
        }
        return order;
    }
}
