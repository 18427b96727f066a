/**
 * Fapilog's engine: the logger facades, configuration, context and the SPI to extend it. The
 * {@code io.fapilog.internal} packages are not exported. Reactor (for {@code AsyncLogger} and the
 * event-loop modes) and SLF4J (for MDC values) are optional: a module that uses them requires them.
 */
module io.fapilog.core {
    requires transitive tools.jackson.databind;
    requires java.net.http;
    requires static reactor.core;
    requires static org.reactivestreams;
    requires static org.slf4j;

    exports io.fapilog;
    exports io.fapilog.config;
    exports io.fapilog.context;
    exports io.fapilog.sinks;
    exports io.fapilog.spi;
}
