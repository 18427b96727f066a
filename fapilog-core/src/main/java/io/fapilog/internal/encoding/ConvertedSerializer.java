package io.fapilog.internal.encoding;

import java.util.function.UnaryOperator;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** Writes a value as what {@code conversion} turns it into (a summary, its fields, what it holds). */
final class ConvertedSerializer extends StdSerializer<Object> {

    private final UnaryOperator<Object> conversion;

    ConvertedSerializer(UnaryOperator<Object> conversion) {
        super(Object.class);
        this.conversion = conversion;
    }

    @Override
    public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
        context.writeValue(generator, conversion.apply(value));
    }
}
