package io.fapilog.spi;

import io.fapilog.spi.EncodedBatch;

/**
 * Where encoded events go. A sink may be called by several workers, one batch at a time per
 * worker: implementations serialise their writes themselves. A sink may throw; the engine wraps
 * every sink so that a failure is retried, counted and, past a threshold, isolated by a circuit
 * breaker with a fallback. Nothing a sink throws reaches a caller.
 */
public interface Sink extends AutoCloseable {

    /** A short, stable name used in metrics tags ({@code sink}) and the actuator endpoint. */
    String name();

    /**
     * The encoder this sink's lines must be written with (a sink that reads records of its own
     * beside each line, {@link EncodedBatch#record(int)}), or {@code null} for the configured format.
     */
    default EncoderFactory encoder() {
        return null;
    }

    /** Writes every event of the batch. */
    void write(EncodedBatch batch) throws Exception;

    /** Pushes buffered bytes to their destination. */
    default void flush() throws Exception {
    }

    @Override
    default void close() throws Exception {
        flush();
    }
}
