package io.fapilog.internal.encoding;

import io.fapilog.internal.event.CallSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spring Data's result types, known by their names. A {@code Page} or {@code Slice} is written as
 * Spring Data's own web layer writes one ({@code PagedModel}): {@code {"content":[...],"page":{"size":10,
 * "number":0,"totalElements":42,"totalPages":5}}}, never through its getters, which throw for a page
 * of {@code Pageable.unpaged()}. Any other {@code Streamable} (a {@code Sort}, a {@code Window}) is
 * both an {@code Iterable} and a {@code Supplier} of a stream: written as its elements, never run as
 * a lazy value.
 */
public final class SpringDataValues {

    private static final String SLICE = "org.springframework.data.domain.Slice";
    private static final String PAGE = "org.springframework.data.domain.Page";

    /** Writes a slice as its {@linkplain #page page}, an other streamable as its elements, inside a record or bean too. */
    static final ConvertedSerializer SERIALIZER = new ConvertedSerializer(
            value -> isSlice(value.getClass()) ? page(value) : elements((Iterable<?>) value));

    private SpringDataValues() {
    }

    /** Whether {@code type} is a {@code Slice} (a {@code Page} among them), written as its {@linkplain #page page}. */
    public static boolean isSlice(Class<?> type) {
        return NamedTypes.find(type, SLICE) != null;
    }

    /**
     * Whether {@code type} is an {@code Iterable} that is also a {@code Supplier} (Spring Data's
     * {@code Streamable}s): its elements are the value, its {@code get()} only streams them.
     */
    public static boolean isStreamable(Class<?> type) {
        return Iterable.class.isAssignableFrom(type) && Supplier.class.isAssignableFrom(type);
    }

    /** The first {@link CallSnapshot#MAX_ELEMENTS} elements, and {@link CallSnapshot#MORE} when there are more. */
    private static List<Object> elements(Iterable<?> streamable) {
        List<Object> elements = new ArrayList<>();
        for (Object element : streamable) {
            if (elements.size() == CallSnapshot.MAX_ELEMENTS) {
                elements.add(CallSnapshot.MORE);
                break;
            }
            elements.add(element);
        }
        return elements;
    }

    /** A slice's content and position, as Spring Data's {@code PagedModel} writes them; a page's totals too. */
    public static Map<String, Object> page(Object slice) {
        Class<?> type = NamedTypes.find(slice.getClass(), SLICE);
        Class<?> page = NamedTypes.find(slice.getClass(), PAGE);
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("size", NamedTypes.read(type, slice, "getSize"));
        position.put("number", NamedTypes.read(type, slice, "getNumber"));
        if (page != null) {
            position.put("totalElements", NamedTypes.read(page, slice, "getTotalElements"));
            position.put("totalPages", NamedTypes.read(page, slice, "getTotalPages"));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("content", NamedTypes.read(type, slice, "getContent"));
        model.put("page", position);
        return model;
    }
}
