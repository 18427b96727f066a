package io.fapilog.spi;

/**
 * Adds fields to the {@code context} of every event at call time, on the logging thread: the
 * Spring starter's provider reads the trace and span id of Micrometer Tracing's current span.
 * Register one with {@code FapilogRuntime.addContextProvider}; it then applies to the runtime's
 * loggers and to bridged SLF4J events.
 *
 * <p>Called once per enabled event: keep it fast and allocation-light. Its fields come after the
 * logger's bound context and the scoped context, so they win on equal keys. A provider that
 * throws is skipped for that event.
 */
@FunctionalInterface
public interface ContextProvider {

    /** Alternating {@code String} keys and values for the current call, or null when there are none. */
    Object[] currentContext();
}
