package io.fapilog.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The largest total queue size seen, all shards together. Sampled by workers before each batch
 * (the size only shrinks while a worker drains, so the peaks are where it looks) and when a
 * producer finds the queue full: no cost on the producer's fast path.
 */
final class HighWatermark {

    private final IntSupplier size;
    private final AtomicInteger value = new AtomicInteger();

    /** @param size the queue's total size, over all shards */
    HighWatermark(IntSupplier size) {
        this.size = size;
    }

    void observe() {
        record(size.getAsInt());
    }

    void record(int size) {
        int current;
        while (size > (current = value.get())) {
            if (value.compareAndSet(current, size)) {
                return;
            }
        }
    }

    int get() {
        return value.get();
    }
}
