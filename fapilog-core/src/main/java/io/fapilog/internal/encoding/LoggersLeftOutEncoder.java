package io.fapilog.internal.encoding;

import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.LogEventView;

/**
 * Another encoder's lines, but none for the events of some loggers: a sink's client library's
 * ({@link io.fapilog.spi.Sink#clientLoggers()}), which the sink would otherwise send, and whose
 * sending would log again.
 */
final class LoggersLeftOutEncoder implements Encoder {

    private final Encoder lines;
    private final String[] prefixes;

    LoggersLeftOutEncoder(Encoder lines, String[] prefixes) {
        this.lines = lines;
        this.prefixes = prefixes;
    }

    @Override
    public void encode(LogEventView event, EncodedBatch out) {
        String logger = event.loggerName();
        if (logger != null) {
            for (String prefix : prefixes) {
                if (logger.startsWith(prefix)) {
                    return;
                }
            }
        }
        lines.encode(event, out);
    }
}
