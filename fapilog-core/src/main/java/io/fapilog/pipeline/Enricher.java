package io.fapilog.pipeline;

import io.fapilog.event.LogEvent;

/** Adds facts to an event's {@code context} or {@code diagnostics} on the worker. */
@FunctionalInterface
public interface Enricher {

    void enrich(LogEvent event);
}
