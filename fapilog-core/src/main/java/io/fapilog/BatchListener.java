package io.fapilog;

/**
 * Told about every batch a worker wrote, on the worker's thread (for a flush timer, for example).
 * Must be fast and thread-safe, and should not throw.
 */
@FunctionalInterface
public interface BatchListener {

    /**
     * @param events events in the batch
     * @param nanos time the worker spent on the batch, from taking it to the sinks' return
     */
    void batchWritten(int events, long nanos);
}
