package io.fapilog.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes the queue's heavy events hold, against {@code queue.max-bytes}: the queue is bounded by
 * events, and 10,000 events of a 16 KB body each would hold 160 MB. An event weighs what its large
 * values hold, weighed at the call ({@link io.fapilog.internal.event.LogEvent#captureCall}); a light
 * one weighs 0 and never comes here. Weights are added as events go into a shard's ring or waiting
 * line and given back as they leave it (the worker's drain of the ring in one step a batch). The
 * limit is checked before the add, so callers adding at the same instant may pass it by their
 * own events; one event always fits an empty queue.
 */
final class QueueMemory {

    private final long limit;
    private final AtomicLong held = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();

    QueueMemory(long limit) {
        this.limit = limit;
    }

    /** Whether an event of {@code weight} fits now. */
    boolean hasRoomFor(int weight) {
        long now = held.get();
        return now == 0 || now + weight <= limit;
    }

    void add(int weight) {
        held.addAndGet(weight);
    }

    /** Gives back the weight of events taken out, and wakes callers waiting for room once there is some. */
    void release(long weight) {
        long now = held.addAndGet(-weight);
        if (waiting.get() > 0 && now < limit) {
            lock.lock();
            try {
                freed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Parks the caller until an event of {@code weight} fits or {@code deadline} (a
     * {@link System#nanoTime()} value) passes; returns whether it fits. An interrupted caller stops
     * waiting, its interrupt kept.
     */
    boolean awaitRoom(int weight, long deadline) {
        waiting.incrementAndGet();  // before the check: a release after it signals
        lock.lock();
        try {
            while (!hasRoomFor(weight)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                freed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return hasRoomFor(weight);
        } finally {
            lock.unlock();
            waiting.decrementAndGet();
        }
    }

    /** Bytes the queue's heavy events hold now. */
    long held() {
        return Math.max(0, held.get());
    }
}
