package io.fapilog.internal.engine;

/** Told about every batch a worker wrote (for the {@code fapilog.batch.flush} timer). Must be fast and thread-safe. */
@FunctionalInterface
public interface BatchObserver {

    void batchFlushed(int events, long nanos);
}
