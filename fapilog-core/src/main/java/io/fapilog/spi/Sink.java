package io.fapilog.spi;

import java.util.List;

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

    /**
     * Whether writes go over the network and may hang on the other side (a collector, a broker).
     * The engine then writes this sink from a thread of its own, so that a hanging destination
     * holds neither the workers nor a drain past {@code fapilog.shutdown.timeout}; a local sink is
     * written by the workers directly. Default {@code false}.
     */
    default boolean remote() {
        return false;
    }

    /**
     * Logger name prefixes of the libraries this sink writes through ({@code "org.apache.kafka."}).
     * What they log never waits for room in a full queue, whatever thread logs it and whatever the
     * mode: the library's thread that logs may be the one this sink's write is waiting for (a Kafka
     * producer's network thread, an HTTP client's workers). It is queued if there is room, else left
     * in the queue's waiting room, or dropped and counted. A sink that sends events somewhere should
     * also leave these out of what it sends, or each of its writes could log, and be sent, again.
     * Default none.
     */
    default List<String> clientLoggers() {
        return List.of();
    }

    /** Writes every event of the batch. */
    void write(EncodedBatch batch) throws Exception;

    /** Pushes buffered bytes to their destination. */
    default void flush() throws Exception {
    }

    /**
     * Releases the sink. Called once, after the last write the drain hands it. A remote sink may
     * also be closed while a write is still in progress on another thread, when a drain cannot
     * wait for it any longer: that write should then fail soon (its batch goes to the fallback)
     * rather than wait for the remote side. An event logged after the drain (a bean destroyed
     * later, the server's last lines) goes to the fallback; a local sink is tried with the first
     * such event, once (the console and file sinks take them), and once it fails them all go to the
     * fallback, which counts as no failure of the sink's. A sink that closes its stream here need
     * do nothing more.
     */
    @Override
    default void close() throws Exception {
        flush();
    }
}
