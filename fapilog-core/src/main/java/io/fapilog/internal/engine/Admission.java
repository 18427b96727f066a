package io.fapilog.internal.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The events in all shards of the queue together, held against {@code queue.capacity} (ordinary
 * levels) and {@code capacity + reserve} (protected levels): one count the shards share, so the
 * capacity is the total whatever the number of workers, and one thread's burst may use all of it.
 * Producers take a unit per event; a worker gives its batch back in one step after draining it.
 * Only used with several shards; a single shard counts in its own indices.
 */
final class Admission extends AdmissionCount {

    private final long capacity;
    private final long protectedCapacity;

    Admission(int capacity, int reserve) {
        this.capacity = capacity;
        this.protectedCapacity = (long) capacity + reserve;
    }

    /** Takes room for one event, unless the queue as a whole is full for its level. */
    boolean tryAcquire(boolean protectedLevel) {
        long limit = protectedLevel ? protectedCapacity : capacity;
        long used;
        do {
            used = used();
            if (used >= limit) {
                return false;
            }
        } while (!casUsed(used, used + 1));
        return true;
    }

    /** Gives back the room of events drained (or not enqueued after all). */
    void release(int events) {
        addUsed(-events);
    }

    /** Events of a protected level (the reserve too) or an ordinary one that would fit now (negative when protected ones use the reserve). */
    long room(boolean protectedLevel) {
        return (protectedLevel ? protectedCapacity : capacity) - used();
    }
}

/** Padding keeps the shared count on a cache line of its own. */
abstract class AdmissionPadding1 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class AdmissionCount extends AdmissionPadding1 {
    private static final VarHandle USED;

    static {
        try {
            USED = MethodHandles.lookup().findVarHandle(AdmissionCount.class, "used", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long used;
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    final long used() {
        return used;
    }

    final boolean casUsed(long expected, long next) {
        return USED.compareAndSet(this, expected, next);
    }

    final void addUsed(long delta) {
        USED.getAndAdd(this, delta);
    }
}
