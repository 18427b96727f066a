package io.fapilog.internal.pipeline.redactors;

import io.fapilog.spi.MutableFields;
import io.fapilog.spi.MutableLogEvent;
import io.fapilog.spi.Redactor;

/**
 * Masks an event in one pass: values under sensitive field names in {@code context} and
 * {@code data} (nested maps, collections and arrays included) become {@link Redactor#MASK}, and
 * string values and the message go through a {@link ValueMasker}. Never modifies the caller's
 * objects (see {@link StructureWalker}); an event with nothing to mask costs no allocation beyond
 * the walk of nested structures. Thread-safe.
 */
public class EventRedactor implements Redactor {

    private final ValueMasker values;
    private final StructureWalker walker;

    /**
     * @param names field names whose values are masked wherever they occur
     * @param values masks parts of string values and of the message
     */
    public EventRedactor(FieldNames names, ValueMasker values) {
        this.values = values;
        this.walker = new StructureWalker(names, values);
    }

    @Override
    public void redact(MutableLogEvent event) {
        redact(event.context());
        redact(event.data());
        String message = event.message();
        if (message != null && values != ValueMasker.NONE) {
            String masked = values.mask(message);
            if (masked != message) {
                event.message(masked);
            }
        }
    }

    private void redact(MutableFields fields) {
        for (int i = 0; i < fields.size(); i++) {
            Object value = fields.value(i);
            Object masked = walker.redact(fields.key(i), value);
            if (masked != value) {
                fields.setValue(i, masked);
            }
        }
    }
}
