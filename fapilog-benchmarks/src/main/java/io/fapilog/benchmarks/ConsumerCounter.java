package io.fapilog.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The null sink's bookkeeping, on the consumer side of every contender: how many events and bytes
 * came out of the encoder. It folds the last byte of every write into a checksum so that the writes
 * stay observable (the JIT cannot drop the encoding), keeps the first event as a sample, and lets
 * producers wait until a number of events has been written.
 *
 * <p>{@link #record} is called by one consumer thread at a time (each contender has one); the event
 * count is published with release semantics after the byte count, so a reader who saw the events
 * also sees their bytes.
 */
public final class ConsumerCounter {

    private static final int SPINS = 512;

    private final AtomicLong events = new AtomicLong();
    /** The lowest event count a parked waiter waits for; the consumer wakes the waiters when it gets there. */
    private final AtomicLong wakeAt = new AtomicLong(Long.MAX_VALUE);
    private final Set<Thread> waiters = ConcurrentHashMap.newKeySet();
    private long bytes;
    private long checksum;
    private volatile String sample;

    /** Counts {@code eventCount} events written as {@code len} bytes of {@code buf} from {@code off}. */
    public void record(int eventCount, byte[] buf, int off, int len) {
        if (len > 0) {
            bytes += len;
            checksum = checksum * 31 + buf[off + len - 1];
            if (sample == null) {
                keepSample(buf, off, len);
            }
        }
        counted(events.addAndGet(eventCount));
    }

    /** Counts events that carry no bytes (the queue floor). */
    public void record(int eventCount) {
        counted(events.addAndGet(eventCount));
    }

    private void counted(long total) {
        if (total >= wakeAt.get()) {
            wakeAt.set(Long.MAX_VALUE);
            for (Thread waiter : waiters) {
                LockSupport.unpark(waiter);
            }
        }
    }

    private void keepSample(byte[] buf, int off, int len) {
        int end = off;
        while (end < off + len && buf[end] != '\n') {
            end++;
        }
        sample = new String(buf, off, end - off, StandardCharsets.UTF_8);
    }

    public long events() {
        return events.get();
    }

    /** Bytes written so far; exact once {@link #events()} has been read after the last event. */
    public long bytes() {
        events.get();
        return bytes;
    }

    public long checksum() {
        return checksum;
    }

    /** The first encoded event, without its newline, or null. */
    public String sample() {
        return sample;
    }

    /**
     * Waits until at least {@code target} events were written: a short spin, then parked until the
     * consumer gets there and wakes it (the same for every contender). A waiter that polled instead
     * (20 µs parks until 2 December) takes CPU from the consumer it waits for: on two cores each of
     * its wake-ups may preempt the consumer. Returns false when {@code timeout} passed first.
     */
    public boolean await(long target, Duration timeout) {
        for (int i = 0; i < SPINS; i++) {
            if (events.get() >= target) {
                return true;
            }
            Thread.onSpinWait();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread self = Thread.currentThread();
        waiters.add(self);
        try {
            while (true) {
                wakeAt.accumulateAndGet(target, Math::min);
                if (events.get() >= target) {  // read after the target is published: the consumer sees one or the other
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiters.remove(self);
        }
    }
}
