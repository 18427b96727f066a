package io.fapilog.internal.engine;

import io.fapilog.internal.event.LogEvent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded, lock-free multi-producer single-consumer array queue with a protected reserve.
 *
 * <p>Ordinary events may fill the queue up to {@code capacity}; protected events (ERROR and above by
 * default) may use {@code reserve} further slots, so they survive a queue that is full of noise.
 * Producers claim a slot with one CAS on the producer index and publish with a release store,
 * as in JCTools' {@code MpscArrayQueue}; the consumer never blocks producers.
 *
 * <p>Closing sets a flag bit inside the producer index itself: a producer either claimed its slot
 * before the close (and the consumer will see the event) or sees the flag and fails. So a drain
 * that runs until the queue is closed and empty never strands an accepted event, without any extra
 * work on the producer path.
 *
 * <p>With several shards, each shard may hold the whole capacity and an {@link Admission} the
 * shards share holds their sum to it: one more atomic step per event, none with a single shard.
 */
final class EventQueue extends ConsumerIndexField {

    static final int ACCEPTED = 0;
    static final int FULL = 1;
    static final int CLOSED = 2;

    private static final long CLOSED_BIT = 1L << 62;

    private final LogEvent[] slots;
    private final int mask;
    private final int capacity;
    private final int protectedCapacity;
    /** The count shared with the other shards, or null when this is the only one. */
    private final Admission admission;

    EventQueue(int capacity, int reserve) {
        this(capacity, reserve, null);
    }

    /**
     * @param capacity  slots this shard offers ordinary events (protected ones {@code reserve} more)
     * @param admission the limit on all shards together, or null for a single shard
     */
    EventQueue(int capacity, int reserve, Admission admission) {
        if (capacity < 1 || reserve < 0) {
            throw new IllegalArgumentException("capacity " + capacity + ", reserve " + reserve);
        }
        this.capacity = capacity;
        this.protectedCapacity = capacity + reserve;
        int length = Integer.highestOneBit(Math.max(2, protectedCapacity) - 1) << 1;
        this.slots = new LogEvent[length];
        this.mask = length - 1;
        this.admission = admission;
    }

    /** Capacity for ordinary events. */
    int capacity() {
        return capacity;
    }

    /** Offers an event; returns {@link #ACCEPTED}, {@link #FULL} or {@link #CLOSED}. */
    int offer(LogEvent event, boolean protectedLevel) {
        if (admission == null) {
            return claim(event, protectedLevel);
        }
        if (!admission.tryAcquire(protectedLevel)) {
            return isClosed() ? CLOSED : FULL;
        }
        int result = claim(event, protectedLevel);
        if (result != ACCEPTED) {
            admission.release(1);
        }
        return result;
    }

    private int claim(LogEvent event, boolean protectedLevel) {
        long limit = protectedLevel ? protectedCapacity : capacity;
        long index;
        do {
            index = producerIndex();
            if ((index & CLOSED_BIT) != 0) {
                return CLOSED;
            }
            long consumed = cachedConsumerIndex();
            if (index - consumed >= limit) {
                consumed = consumerIndexAcquire();
                setCachedConsumerIndex(consumed);
                if (index - consumed >= limit) {
                    return FULL;
                }
            }
        } while (!casProducerIndex(index, index + 1));
        SLOTS.setRelease(slots, (int) index & mask, event);
        return ACCEPTED;
    }

    /**
     * Moves up to {@code max} events into {@code into} from {@code offset}, in order; single
     * consumer only. Returns how many were moved.
     */
    int drain(LogEvent[] into, int offset, int max) {
        long consumer = consumerIndexPlain();
        long available = (producerIndex() & ~CLOSED_BIT) - consumer;
        int count = (int) Math.min(available, max);
        for (int i = 0; i < count; i++) {
            int slot = (int) (consumer + i) & mask;
            LogEvent event;
            // A producer claimed this slot and is about to publish it: wait the few nanoseconds.
            while ((event = (LogEvent) SLOTS.getAcquire(slots, slot)) == null) {
                Thread.onSpinWait();
            }
            SLOTS.setOpaque(slots, slot, null);
            into[offset + i] = event;
        }
        if (count > 0) {  // an empty drain leaves the index, and so the producers' cached copy of its line, alone
            setConsumerIndexRelease(consumer + count);
            if (admission != null) {
                admission.release(count);
            }
        }
        return count;
    }

    /** Events accepted and not yet drained. */
    int size() {
        long size = (producerIndex() & ~CLOSED_BIT) - consumerIndexAcquire();
        return (int) Math.max(0, size);
    }

    /**
     * Size as seen by a producer: an overestimate, since the producers' copy of the consumer index
     * is refreshed only when the queue looks full. Free; a pre-check for {@link #refreshedSize()}.
     */
    long approximateSize() {
        return (producerIndex() & ~CLOSED_BIT) - cachedConsumerIndex();
    }

    /** The exact size, refreshing the producers' copy of the consumer index on the way. */
    long refreshedSize() {
        long consumed = consumerIndexAcquire();
        setCachedConsumerIndex(consumed);
        return (producerIndex() & ~CLOSED_BIT) - consumed;
    }

    /** Room for ordinary events now, in this shard and in the queue as a whole. */
    int room() {
        long free = capacity - size();
        if (admission != null) {
            free = Math.min(free, admission.room());
        }
        return (int) Math.max(0, free);
    }

    /** Events ever accepted. */
    long acceptedCount() {
        return producerIndex() & ~CLOSED_BIT;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Whether the consumer took every event accepted so far (claimed slots included). Consumer only. */
    boolean isDrained() {
        return (producerIndex() & ~CLOSED_BIT) == consumerIndexPlain();
    }

    /** From now on every offer returns {@link #CLOSED}. */
    void close() {
        long index;
        do {
            index = producerIndex();
            if ((index & CLOSED_BIT) != 0) {
                return;
            }
        } while (!casProducerIndex(index, index | CLOSED_BIT));
    }

    boolean isClosed() {
        return (producerIndex() & CLOSED_BIT) != 0;
    }

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(LogEvent[].class);
}

/** Padding keeps the hot indices on cache lines of their own (as in JCTools). */
abstract class QueuePadding1 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class ProducerIndexField extends QueuePadding1 {
    private static final VarHandle PRODUCER_INDEX;

    static {
        try {
            PRODUCER_INDEX = MethodHandles.lookup().findVarHandle(ProducerIndexField.class, "producerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long producerIndex;

    final long producerIndex() {
        return producerIndex;
    }

    final boolean casProducerIndex(long expected, long next) {
        return PRODUCER_INDEX.compareAndSet(this, expected, next);
    }
}

abstract class QueuePadding2 extends ProducerIndexField {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

abstract class CachedConsumerIndexField extends QueuePadding2 {
    private static final VarHandle CACHED;

    static {
        try {
            CACHED = MethodHandles.lookup().findVarHandle(CachedConsumerIndexField.class, "cachedConsumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Producers' stale copy of the consumer index: read mostly, refreshed when the queue looks full. */
    private long cachedConsumerIndex;

    final long cachedConsumerIndex() {
        return (long) CACHED.getOpaque(this);
    }

    final void setCachedConsumerIndex(long value) {
        CACHED.setOpaque(this, value);
    }
}

abstract class QueuePadding3 extends CachedConsumerIndexField {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;
}

abstract class ConsumerIndexField extends QueuePadding3 {
    private static final VarHandle CONSUMER_INDEX;

    static {
        try {
            CONSUMER_INDEX = MethodHandles.lookup().findVarHandle(ConsumerIndexField.class, "consumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long consumerIndex;
    long p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p3a, p3b, p3c, p3d, p3e, p3f;

    final long consumerIndexPlain() {
        return consumerIndex;
    }

    final long consumerIndexAcquire() {
        return (long) CONSUMER_INDEX.getAcquire(this);
    }

    final void setConsumerIndexRelease(long value) {
        CONSUMER_INDEX.setRelease(this, value);
    }
}
