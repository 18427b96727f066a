package io.fapilog.spi;

/** The event as {@link Enricher}s and {@link Redactor}s see it: its message and fields can be changed in place. */
public interface MutableLogEvent extends LogEventView {

    /** Replaces the message (a redactor masking part of it). */
    void message(String message);

    @Override
    MutableFields context();

    @Override
    MutableFields diagnostics();

    @Override
    MutableFields data();
}
