package io.fapilog.internal.encoding;

import io.fapilog.spi.Redactor;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.ser.BeanPropertyWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Properties Jackson writes under another name than their Java one ({@code @JsonProperty("pw") String
 * password}): while redaction turns a bean into its tree ({@link ValueShapes#tree(Object, Check)}),
 * such a property whose Java name is sensitive is written masked, since the written name alone
 * would let it through.
 */
public final class RenamedProperties {

    /** Whether a renamed property is masked, by its Java name; told the value of one it masks, to look for it elsewhere. */
    public interface Check {
        boolean masks(String javaName);

        void masked(Object value);
    }

    private static final ThreadLocal<Check> CHECK = new ThreadLocal<>();

    private RenamedProperties() {
    }

    static Check swap(Check check) {
        Check previous = CHECK.get();
        CHECK.set(check);
        return previous;
    }

    /** The writers, a renamed one replaced by one that asks the current {@link Check}; the list itself when none is renamed. */
    static List<BeanPropertyWriter> checked(BeanDescription.Supplier bean, List<BeanPropertyWriter> writers) {
        List<BeanPropertyWriter> checked = null;
        for (int i = 0; i < writers.size(); i++) {
            BeanPropertyWriter writer = writers.get(i);
            String javaName = javaName(bean, writer.getName());
            if (javaName != null && !javaName.equals(writer.getName())) {
                if (checked == null) {
                    checked = new ArrayList<>(writers);
                }
                checked.set(i, new Checked(writer, javaName));
            }
        }
        return checked == null ? writers : checked;
    }

    private static String javaName(BeanDescription.Supplier bean, String writtenName) {
        for (BeanPropertyDefinition property : bean.get().findProperties()) {
            if (property.getName().equals(writtenName)) {
                return property.getInternalName();
            }
        }
        return null;
    }

    private static final class Checked extends UnreadableProperties.Guarded {
        private final String javaName;

        Checked(BeanPropertyWriter writer, String javaName) {
            super(writer);
            this.javaName = javaName;
        }

        private Checked(Checked writer, PropertyName name) {
            super(writer, name);
            this.javaName = writer.javaName;
        }

        /** Renamed again (a {@code @JsonUnwrapped} prefix): still checked, and by the same Java name. */
        @Override
        protected BeanPropertyWriter _new(PropertyName name) {
            return new Checked(this, name);
        }

        @Override
        protected void write(Object bean, JsonGenerator generator, SerializationContext context) throws Exception {
            Check check = CHECK.get();
            if (check != null && check.masks(javaName)) {
                check.masked(get(bean));
                generator.writeName(getName());
                generator.writeString(Redactor.MASK);
                return;
            }
            super.write(bean, generator, context);
        }
    }
}
