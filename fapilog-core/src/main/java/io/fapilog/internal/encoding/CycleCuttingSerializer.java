package io.fapilog.internal.encoding;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A record or bean met again inside itself (a JPA entity's children pointing back to it) is written
 * as {@code "[cycle]"}, so that the rest of the graph is written; without it the conversion would
 * fail at the depth limit and the whole value be lost.
 */
final class CycleCuttingSerializer extends DelegatingValueSerializer {

    /** The objects being written, outermost first, for one conversion. */
    private static final Object PATH = new Object();

    CycleCuttingSerializer(ValueSerializer<?> bean) {
        super(bean);
    }

    @Override
    protected ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> delegatee) {
        return new CycleCuttingSerializer(delegatee);
    }

    @Override
    public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
        writeUnlessOnPath(value, generator, context, () -> super.serialize(value, generator, context));
    }

    @Override
    public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context, TypeSerializer types) {
        writeUnlessOnPath(value, generator, context, () -> super.serializeWithType(value, generator, context, types));
    }

    private void writeUnlessOnPath(Object value, JsonGenerator generator, SerializationContext context, Runnable write) {
        List<Object> path = enter(value, context);
        if (path == null) {
            cut(generator);
            return;
        }
        try {
            write.run();
        } finally {
            path.remove(path.size() - 1);
        }
    }

    /** The marker in the cut object's place; nothing for one unwrapped into its holder, whose members it would have been. */
    private void cut(JsonGenerator generator) {
        if (!isUnwrappingSerializer()) {
            generator.writeString(SafeJsonWriter.CYCLE);
        }
    }

    /** The path with {@code value} added, or null when {@code value} is on it already. */
    @SuppressWarnings("unchecked")
    private static List<Object> enter(Object value, SerializationContext context) {
        List<Object> path = (List<Object>) context.getAttribute(PATH);
        if (path == null) {
            path = new ArrayList<>();
            context.setAttribute(PATH, path);
        }
        for (Object outer : path) {
            if (outer == value) {
                return null;
            }
        }
        path.add(value);
        return path;
    }
}
