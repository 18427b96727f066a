package io.fapilog.spi;


/**
 * Turns an event into one line of bytes. Implementations are used by one worker thread at a time
 * (create one per worker through {@link EncoderFactory} if they hold state) and never throw: bad
 * event data still yields a valid line.
 */
public interface Encoder {

    /** Appends the event and ends it with {@link EncodedBatch#endEvent()}. */
    void encode(LogEventView event, EncodedBatch out);
}
