package io.fapilog.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The largest total queue size seen. Sampled by workers before each batch (the size only
 * shrinks while a worker drains, so the peaks are where it looks) and set to the capacity when a
 * producer finds the queue full: no cost on the producer's fast path.
 */
final class HighWatermark {

    private final EventQueue[] shards;
    private final AtomicInteger value = new AtomicInteger();

    HighWatermark(EventQueue[] shards) {
        this.shards = shards;
    }

    void observe() {
        int total = 0;
        for (EventQueue shard : shards) {
            total += shard.size();
        }
        record(total);
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
