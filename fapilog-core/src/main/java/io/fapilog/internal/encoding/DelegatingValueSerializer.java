package io.fapilog.internal.encoding;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.Iterator;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.PropertyWriter;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.util.NameTransformer;

/**
 * A serializer that wraps another and hands it everything it does not change itself. Jackson's own
 * {@code DelegatingSerializer} does the same but came with Jackson 3.1, and Spring Boot 4.0.0–4.0.3
 * ship Jackson 3.0: on those, a subclass of it failed to load and every record or bean logged as a
 * value was lost.
 */
abstract class DelegatingValueSerializer extends StdSerializer<Object> {

    protected final ValueSerializer<Object> delegatee;

    @SuppressWarnings("unchecked")
    DelegatingValueSerializer(ValueSerializer<?> delegatee) {
        super((Class<Object>) delegatee.handledType());
        this.delegatee = (ValueSerializer<Object>) delegatee;
    }

    /** This serializer around {@code newDelegatee}: a copy with the same settings. */
    protected abstract ValueSerializer<Object> newDelegatingInstance(ValueSerializer<?> newDelegatee);

    private ValueSerializer<Object> around(ValueSerializer<?> newDelegatee) {
        return newDelegatee == delegatee ? this : newDelegatingInstance(newDelegatee);
    }

    @Override
    public ValueSerializer<Object> replaceDelegatee(ValueSerializer<?> newDelegatee) {
        return around(newDelegatee);
    }

    @Override
    public ValueSerializer<Object> unwrappingSerializer(NameTransformer unwrapper) {
        return around(delegatee.unwrappingSerializer(unwrapper));
    }

    @Override
    public ValueSerializer<?> withFilterId(Object filterId) {
        return around(delegatee.withFilterId(filterId));
    }

    @Override
    public ValueSerializer<?> withFormatOverrides(SerializationConfig config, JsonFormat.Value formatOverrides) {
        return around(delegatee.withFormatOverrides(config, formatOverrides));
    }

    @Override
    public ValueSerializer<?> withIgnoredProperties(Set<String> ignoredProperties) {
        return around(delegatee.withIgnoredProperties(ignoredProperties));
    }

    @Override
    public void resolve(SerializationContext context) {
        delegatee.resolve(context);
    }

    @Override
    public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
        return around(context.handleSecondaryContextualization(delegatee, property));
    }

    @Override
    public boolean isEmpty(SerializationContext context, Object value) {
        return delegatee.isEmpty(context, value);
    }

    @Override
    public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
        delegatee.serialize(value, generator, context);
    }

    @Override
    public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context, TypeSerializer types) {
        delegatee.serializeWithType(value, generator, context, types);
    }

    @Override
    public Class<?> handledType() {
        return delegatee.handledType();
    }

    @Override
    public boolean usesObjectId() {
        return delegatee.usesObjectId();
    }

    @Override
    public boolean isUnwrappingSerializer() {
        return delegatee.isUnwrappingSerializer();
    }

    @Override
    public ValueSerializer<?> getDelegatee() {
        return delegatee;
    }

    @Override
    public Iterator<PropertyWriter> properties() {
        return delegatee.properties();
    }

    @Override
    public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) {
        delegatee.acceptJsonFormatVisitor(visitor, type);
    }
}
