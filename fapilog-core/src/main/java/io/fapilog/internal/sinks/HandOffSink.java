package io.fapilog.internal.sinks;

import io.fapilog.SinkHealth;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gives a sink a thread and a bounded queue of its own, so that a hanging sink (a collector that
 * accepts and never answers) stalls neither the other sinks nor the workers, and so neither the
 * callers. {@link #write} copies the batch into the queue and returns. When {@code capacity}
 * batches already wait, a sink that is merely slower than the workers pushes back: the worker
 * waits for room, so the engine's queue (and its full policy) absorbs the difference and nothing
 * is lost. Only once the write in progress has run longer than {@code stallTimeout} is the sink
 * treated as hanging: then a batch that finds the queue full is not taken and its events are
 * counted ({@link #droppedEventCount()}, part of the sink's {@link SinkHealth#droppedEvents()}).
 *
 * <p>{@link #flush()} and {@link #close()} wait until every queued batch was written, so a drain
 * still writes everything the hand-off took. The wrapped sink is expected never to throw (a
 * {@link ResilientSink}); if it does, the batch is counted as dropped.
 */
public final class HandOffSink implements Sink {

    private final Sink delegate;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final long stallNanos;
    private final ArrayDeque<EncodedBatch> queue;       // guarded by lock
    private final ArrayDeque<EncodedBatch> spare;       // guarded by lock: copies to reuse
    private boolean writing;                            // guarded by lock
    private long writeStartedNanos;                     // guarded by lock
    private boolean closed;                             // guarded by lock
    private long taken;                                 // guarded by lock: batches queued so far
    private long done;                                  // guarded by lock: of those, written or dropped
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;

    /**
     * @param capacity batches that may wait; at least 1
     * @param stallTimeout how long one write may run before the sink counts as hanging and full
     *                     batches are dropped instead of waited for
     */
    public HandOffSink(Sink delegate, int capacity, Duration stallTimeout) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.capacity = Math.max(1, capacity);
        this.stallNanos = stallTimeout.toNanos();
        this.queue = new ArrayDeque<>(this.capacity);
        this.spare = new ArrayDeque<>(this.capacity);
        this.thread = new Thread(this::run, "fapilog-sink-" + delegate.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The wrapped sink, written directly once the hand-off is closed (events logged after the drain). */
    public Sink delegate() {
        return delegate;
    }

    /**
     * Queues a copy of the batch; waits for room while the sink makes progress, never longer than
     * the stall timeout after the current write began; never throws.
     */
    @Override
    public void write(EncodedBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            awaitRoom();
            if (closed || queue.size() >= capacity) {
                dropped.add(batch.eventCount());
                return;
            }
            EncodedBatch copy = spare.isEmpty() ? new EncodedBatch(batch.length()) : spare.poll();
            copyInto(batch, copy);
            queue.add(copy);
            taken++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private void awaitRoom() {
        while (!closed && queue.size() >= capacity) {
            long waited = writing ? System.nanoTime() - writeStartedNanos : 0;
            if (waited >= stallNanos || !thread.isAlive()) {
                return; // hanging, or its thread is gone: the caller drops
            }
            try {
                notFull.awaitNanos(stallNanos - waited);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void copyInto(EncodedBatch from, EncodedBatch to) {
        byte[] bytes = from.array();
        for (int i = 0; i < from.eventCount(); i++) {
            int start = from.lineStart(i);
            to.append(bytes, start, from.lineEnd(i) + 1 - start);
            to.endEvent(from.record(i));
        }
    }

    private void run() {
        while (true) {
            EncodedBatch batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    notEmpty.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closed and drained
                }
                batch = queue.poll();
                writing = true;
                writeStartedNanos = System.nanoTime();
                notFull.signal();
            } finally {
                lock.unlock();
            }
            try {
                delegate.write(batch);
            } catch (Throwable e) {
                dropped.add(batch.eventCount());
            }
            batch.reset();
            lock.lock();
            try {
                writing = false;
                done++;
                if (spare.size() < capacity) {
                    spare.add(batch);
                }
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until every queued batch was written, then flushes the wrapped sink. */
    @Override
    public void flush() throws Exception {
        awaitIdle();
        delegate.flush();
    }

    /**
     * Waits until every batch queued before the call was written (or dropped), without waiting
     * for batches queued later, at most until {@code deadlineNanos} ({@link System#nanoTime()}).
     *
     * @return whether they were
     */
    public boolean awaitWritten(long deadlineNanos) {
        return awaitDone(true, deadlineNanos);
    }

    /** Takes no more batches, waits until the queued ones were written, then closes the wrapped sink. */
    @Override
    public void close() throws Exception {
        lock.lock();
        try {
            closed = true;
            notEmpty.signal();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        awaitIdle();
        delegate.close();
    }

    /** Waits until every batch queued so far was written: the caller is the only writer, or the hand-off is closed. */
    private void awaitIdle() {
        awaitDone(false, 0);
    }

    /** Waits while batches taken before the call are not done and the thread lives, until the deadline if bounded. */
    private boolean awaitDone(boolean bounded, long deadlineNanos) {
        lock.lock();
        try {
            long target = taken;
            while (done < target && thread.isAlive()) {
                long wait = 100_000_000L; // re-checks that the thread still lives
                if (bounded) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    wait = Math.min(left, wait);
                }
                progress.awaitNanos(wait);
            }
            return done >= target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Events not taken because the sink hung with its queue full (or was closed), or lost by a throwing sink. */
    public long droppedEventCount() {
        return dropped.sum();
    }

    /** Batches waiting now. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** The wrapped sink's health, with the events this hand-off could not take added to its dropped events. */
    public SinkHealth health() {
        SinkHealth inner = delegate instanceof ResilientSink resilient ? resilient.health()
                : new SinkHealth(name(), io.fapilog.CircuitState.CLOSED, 0, null, 0);
        return new SinkHealth(inner.name(), inner.state(), inner.errors(), inner.lastError(),
                inner.droppedEvents() + droppedEventCount());
    }
}
