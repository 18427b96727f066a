package io.fapilog.internal.encoding;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.std.DelegatingSerializer;

/** A Hibernate proxy or persistent collection inside a record or bean: what is loaded of it ({@link HibernateLazyValues}). */
final class HibernateLazySerializer extends DelegatingSerializer {

    HibernateLazySerializer(ValueSerializer<?> serializer) {
        super(serializer);
    }

    @Override
    protected ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> delegatee) {
        return new HibernateLazySerializer(delegatee);
    }

    @Override
    public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
        Object loaded = HibernateLazyValues.loaded(value);
        if (loaded == value) {
            super.serialize(value, generator, context);
        } else {
            context.writeValue(generator, loaded);
        }
    }

    @Override
    public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context, TypeSerializer types) {
        serialize(value, generator, context);
    }
}
