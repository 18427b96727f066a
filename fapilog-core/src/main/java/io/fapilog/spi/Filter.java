package io.fapilog.spi;


/** Decides on the worker whether an event goes on; a removed event is counted as filtered. */
@FunctionalInterface
public interface Filter {

    /** @return true to keep the event */
    boolean test(LogEventView event);
}
