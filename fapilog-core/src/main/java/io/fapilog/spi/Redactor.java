package io.fapilog.spi;


/** Masks sensitive values in an event's message, {@code context} and {@code data}, in place, on the worker. */
@FunctionalInterface
public interface Redactor {

    /** The replacement written in place of a masked value. */
    String MASK = "***";

    void redact(MutableLogEvent event);
}
