package io.fapilog.internal.encoding;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.BeanPropertyWriter;

import java.util.List;
import java.util.Objects;

/**
 * A bean's property whose getter throws (a JWT whose issuer is no URL, a request entity built from a
 * URI template, a getter that reaches an optional class the application lacks) is written as
 * {@code "[unreadable: ExceptionType]"} in its place, and the bean's other properties as they are:
 * one such getter used to leave the whole bean, and every object holding it, masked. A failure once
 * the property's value is being written (its own serializer's) still fails the bean.
 */
class GuardedPropertyWriter extends BeanPropertyWriter {

    GuardedPropertyWriter(BeanPropertyWriter writer) {
        super(writer);
    }

    protected GuardedPropertyWriter(GuardedPropertyWriter writer, PropertyName name) {
        super(writer, name);
    }

    /** The writers, each guarded. */
    static List<BeanPropertyWriter> guarded(List<BeanPropertyWriter> writers) {
        return writers.stream().map(writer -> writer.getClass() == BeanPropertyWriter.class
                ? (BeanPropertyWriter) new GuardedPropertyWriter(writer) : writer).toList();
    }

    /** Renamed (a {@code @JsonUnwrapped} prefix): still guarded. */
    @Override
    protected BeanPropertyWriter _new(PropertyName name) {
        return new GuardedPropertyWriter(this, name);
    }

    @Override
    public final void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
        TokenStreamContext before = generator.streamWriteContext();
        String nameBefore = before.currentName();
        try {
            write(bean, generator, context);
        } catch (Throwable failure) {
            Failures.rethrowIfFatal(failure);
            if (generator.streamWriteContext() != before || !Objects.equals(before.currentName(), nameBefore)) {
                throw failure instanceof Exception e ? e : new IllegalStateException(failure); // the value was being written: the bean fails
            }
            generator.writeName(getName());
            generator.writeString("[unreadable: " + failure.getClass().getName() + "]");
        }
    }

    /** Writes the property, its name then its value; nothing when its getter throws. */
    protected void write(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
        super.serializeAsProperty(bean, generator, context);
    }
}
