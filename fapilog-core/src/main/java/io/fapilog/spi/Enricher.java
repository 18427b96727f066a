package io.fapilog.spi;


/** Adds facts to an event's {@code context} or {@code diagnostics} on the worker. */
@FunctionalInterface
public interface Enricher {

    void enrich(MutableLogEvent event);
}
