package io.fapilog.internal.encoding;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A Hibernate proxy or persistent collection inside a record or bean: what is loaded of it
 * ({@link HibernateLazyValues}), written with the annotations of the property that holds it
 * ({@code @JsonIgnoreProperties} on the association apply to the entity behind a proxy too).
 */
final class HibernateLazySerializer extends DelegatingValueSerializer {

    private final BeanProperty property;

    HibernateLazySerializer(ValueSerializer<?> serializer) {
        this(serializer, null);
    }

    private HibernateLazySerializer(ValueSerializer<?> serializer, BeanProperty property) {
        super(serializer);
        this.property = property;
    }

    @Override
    protected ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> delegatee) {
        return new HibernateLazySerializer(delegatee, property);
    }

    @Override
    public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
        ValueSerializer<?> contextual = context.handleSecondaryContextualization(delegatee, property);
        return new HibernateLazySerializer(contextual, property);
    }

    /** Never asks the value: a persistent collection's {@code isEmpty()} loads it. */
    @Override
    public boolean isEmpty(SerializationContext context, Object value) {
        Object loaded = HibernateLazyValues.loaded(value);
        return loaded == null || loaded == value && super.isEmpty(context, value);
    }

    @Override
    public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
        Object loaded = HibernateLazyValues.loaded(value);
        if (loaded == value) {
            super.serialize(value, generator, context);
        } else {
            writeLoaded(loaded, generator, context);
        }
    }

    @Override
    public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context, TypeSerializer types) {
        Object loaded = HibernateLazyValues.loaded(value);
        if (loaded == value) {
            super.serializeWithType(value, generator, context, types);
        } else {
            writeLoaded(loaded, generator, context);
        }
    }

    /** What is loaded of a proxy or collection, with the property's annotations; null for one not loaded. */
    private void writeLoaded(Object loaded, JsonGenerator generator, SerializationContext context) {
        if (loaded == null) {
            context.defaultSerializeNullValue(generator);
        } else {
            context.findPrimaryPropertySerializer(loaded.getClass(), property).serialize(loaded, generator, context);
        }
    }
}
