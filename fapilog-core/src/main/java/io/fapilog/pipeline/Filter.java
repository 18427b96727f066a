package io.fapilog.pipeline;

import io.fapilog.event.LogEvent;

/** Decides on the worker whether an event goes on; a removed event is counted as filtered. */
@FunctionalInterface
public interface Filter {

    /** @return true to keep the event */
    boolean test(LogEvent event);
}
