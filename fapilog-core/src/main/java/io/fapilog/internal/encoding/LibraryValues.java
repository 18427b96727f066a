package io.fapilog.internal.encoding;

import java.util.List;

/**
 * Popular libraries' values whose getters say nothing of what they hold, known by their names:
 * through them Jackson would write a Guava {@code Multimap} as {@code {"empty":false}}, a Reactor
 * {@code Mono} as {@code {"scanAvailable":true}}, a Netty buffer as its flags, read on the worker
 * after the caller may have released it.
 *
 * <ul>
 *   <li>as their text, taken at the call: a Reactive Streams {@code Publisher} (never subscribed), a
 *       Kotlin {@code Sequence} (never read: one may be read only once, or never end, and Jackson's
 *       Kotlin module would read it on the worker), a Netty {@code ByteBuf} (its indexes and capacity,
 *       not its bytes), a Guava {@code Range}, a Spring {@code HandlerMethod} (the controller method an
 *       interceptor is given: {@code OrderController#place(Order)});
 *   <li>as what they hold: a Guava {@code Multimap} as a map of each key's values, a Guava
 *       {@code Optional} as its content or null.
 * </ul>
 */
public final class LibraryValues {

    private static final List<String> TEXT = List.of("org.reactivestreams.Publisher", "kotlin.sequences.Sequence", "io.netty.buffer.ByteBuf",
            "com.google.common.collect.Range", "org.springframework.web.method.HandlerMethod");
    private static final String MULTIMAP = "com.google.common.collect.Multimap";
    private static final String OPTIONAL = "com.google.common.base.Optional";

    /** Writes a {@linkplain #isContainer container} as {@linkplain #content what it holds}, inside a record or bean too. */
    static final ConvertedSerializer SERIALIZER = new ConvertedSerializer(LibraryValues::content);

    private LibraryValues() {
    }

    /** Whether values of {@code type} are written as their {@code toString()}. */
    public static boolean isText(Class<?> type) {
        for (String name : TEXT) {
            if (NamedTypes.find(type, name) != null) {
                return true;
            }
        }
        return false;
    }

    /** Whether values of {@code type} are written as {@linkplain #content what they hold}. */
    public static boolean isContainer(Class<?> type) {
        return NamedTypes.find(type, MULTIMAP) != null || NamedTypes.find(type, OPTIONAL) != null;
    }

    /** A multimap's {@code asMap()}, an optional's {@code orNull()}; the text of the value when that fails. */
    public static Object content(Object container) {
        Class<?> multimap = NamedTypes.find(container.getClass(), MULTIMAP);
        Object content = multimap != null ? NamedTypes.read(multimap, container, "asMap")
                : NamedTypes.read(NamedTypes.find(container.getClass(), OPTIONAL), container, "orNull");
        return content != null || multimap == null ? content : Failures.safeToString(container);
    }
}
