package io.fapilog.internal.encoding;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.BeanPropertyWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bean's property that cannot be read (its getter throws: a lazy collection outside its session, a
 * getter that checks the object's state) is written as {@code "[unreadable: ExceptionType]"}, the
 * bean's other properties kept: Jackson alone fails the whole bean.
 */
final class UnreadableProperties {

    private UnreadableProperties() {
    }

    /** The writers, each of Jackson's plain ones replaced by a {@link Guarded} one; the list itself when none is plain. */
    static List<BeanPropertyWriter> guarded(List<BeanPropertyWriter> writers) {
        List<BeanPropertyWriter> guarded = null;
        for (int i = 0; i < writers.size(); i++) {
            BeanPropertyWriter writer = writers.get(i);
            if (writer.getClass() == BeanPropertyWriter.class) {
                if (guarded == null) {
                    guarded = new ArrayList<>(writers);
                }
                guarded.set(i, new Guarded(writer));
            }
        }
        return guarded == null ? writers : guarded;
    }

    /** {@code [unreadable: ExceptionType]}: the type only, a message may name what it could not read. */
    static String placeholder(Throwable failure) {
        return "[unreadable: " + failure.getClass().getName() + "]";
    }

    /**
     * Writes the property, or its placeholder when writing fails before its name is written (reading
     * the value, choosing its serializer, checking it for emptiness); a failure after that leaves
     * the output part-written and fails the bean, as it would without this guard.
     */
    static class Guarded extends BeanPropertyWriter {

        Guarded(BeanPropertyWriter writer) {
            super(writer);
        }

        protected Guarded(Guarded writer, PropertyName name) {
            super(writer, name);
        }

        @Override
        protected BeanPropertyWriter _new(PropertyName name) {
            return new Guarded(this, name);
        }

        @Override
        public final void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
            TokenStreamContext before = generator.streamWriteContext();
            String nameBefore = before.currentName();
            try {
                write(bean, generator, context);
            } catch (Exception | Error failure) {
                Failures.rethrowIfFatal(failure);
                if (generator.streamWriteContext() != before || !Objects.equals(before.currentName(), nameBefore)) {
                    throw failure;
                }
                generator.writeName(getName());
                generator.writeString(placeholder(failure));
            }
        }

        /** Writes the property's name and value: Jackson's way here, a subclass's own. */
        protected void write(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
            super.serializeAsProperty(bean, generator, context);
        }
    }
}
