package io.fapilog.internal.sinks;

import io.fapilog.internal.FapilogThreads;

import io.fapilog.SinkHealth;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * treated as hanging: then a batch that finds the queue full joins the last batch waiting while that
 * one has room (up to {@value #MERGED_BYTES} bytes: a trickle of one-event batches during an outage is
 * held, not spilled), and beyond that goes to the wrapped {@link ResilientSink}'s fallback at once
 * (standard error), or, without one, is not taken and its events are counted
 * ({@link #droppedEventCount()}, part of the sink's {@link SinkHealth#droppedEvents()}).
 *
 * <p>The thread writes what waits in one go, up to {@value #MERGED_BYTES} bytes: a slow collector
 * gets one request for the batches that queued up meanwhile, not one request each.
 *
 * <p>{@link #flush()} waits until every queued batch was written. {@link #close()} waits for them
 * at most {@code closeTimeout}: then the batches still queued go to the fallback, the write in
 * progress is not retried, and the wrapped sink is closed (on a thread of its own: its close may
 * wait for that write), which should fail the write (its batch goes to the fallback too); a write
 * that does not end within {@code closeTimeout} more has its batch sent to the fallback as well,
 * once ({@link ResilientSink#abandonWriteInProgress()}). After {@link #beginDrain()} workers wait
 * for room at most {@code 2 × closeTimeout}. So a drain ends within its shutdown timeout whatever
 * the sink does, and nothing the hand-off took is lost if the JVM then exits.
 * The wrapped sink is expected never to throw (a {@link ResilientSink}); if it does, the batch is
 * counted as dropped.
 */
public final class HandOffSink implements Sink {

    /** At most this many bytes of waiting batches are merged into one write. */
    static final int MERGED_BYTES = 256 * 1024;

    private final Sink delegate;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final long stallNanos;
    private final long closeNanos;
    private final ArrayDeque<EncodedBatch> queue;       // guarded by lock
    private final ArrayDeque<EncodedBatch> spare;       // guarded by lock: copies to reuse
    /** The queued copies holding lines of events logged by fapilog's own work. */
    private final java.util.Set<EncodedBatch> holdingOwnEvents = // guarded by lock
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private boolean writing;                            // guarded by lock
    private boolean writeSpilled;                       // guarded by lock: the write in progress was abandoned at close
    private boolean draining;                           // guarded by lock
    private long drainDeadlineNanos;                    // guarded by lock: waits for room end here once draining
    private long drainEndNanos;                         // guarded by lock: and a close, here
    private long writeStartedNanos;                     // guarded by lock
    private boolean closed;                             // guarded by lock
    private long closingSinceNanos;                     // guarded by lock: when closed was set
    private final AtomicBoolean delegateClosed = new AtomicBoolean();
    private long taken;                                 // guarded by lock: batches queued so far
    private long done;                                  // guarded by lock: of those, written or dropped
    private int inWrite;                                // guarded by lock: batches merged into the write in progress
    private final LongAdder dropped = new LongAdder();
    private final BatchCopy copy;
    private final Thread thread;

    /** Copies one batch's events into another (a seam for tests of a copy that fails). */
    @FunctionalInterface
    interface BatchCopy {
        void copy(EncodedBatch from, EncodedBatch to);
    }

    /**
     * @param capacity batches that may wait; at least 1
     * @param stallTimeout how long one write may run before the sink counts as hanging and full
     *                     batches go to the fallback (or are dropped without one) instead of waited for
     */
    public HandOffSink(Sink delegate, int capacity, Duration stallTimeout) {
        this(delegate, capacity, stallTimeout, null);
    }

    /**
     * @param closeTimeout how long {@link #close()} waits for the queued batches before it sends the
     *                     rest to the fallback; null: as long as they take
     */
    public HandOffSink(Sink delegate, int capacity, Duration stallTimeout, Duration closeTimeout) {
        this(delegate, capacity, stallTimeout, closeTimeout, HandOffSink::copyInto);
    }

    HandOffSink(Sink delegate, int capacity, Duration stallTimeout, Duration closeTimeout, BatchCopy copy) {
        this.copy = copy;
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.capacity = Math.max(1, capacity);
        this.stallNanos = stallTimeout.toNanos();
        this.closeNanos = closeTimeout == null ? -1 : closeTimeout.toNanos();
        this.queue = new ArrayDeque<>(this.capacity);
        this.spare = new ArrayDeque<>(this.capacity);
        this.thread = FapilogThreads.newThread(this::run, "fapilog-sink-" + delegate.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<String> clientLoggers() {
        return delegate.clientLoggers();
    }

    /**
     * Queues a copy of the batch; waits for room while the sink makes progress, never longer than
     * the stall timeout after the current write began. Then, while the sink hangs, the batch joins
     * the last one waiting, up to {@value #MERGED_BYTES} bytes there, and goes to the fallback only
     * beyond that; never throws.
     */
    @Override
    public void write(EncodedBatch batch) {
        write(batch, false);
    }

    /**
     * As {@link #write(EncodedBatch)}; {@code ownEvents}: some of the batch's lines are of events logged
     * by fapilog's own work, so that what is logged on this sink's thread while it writes them is a
     * logging loop ({@link FapilogThreads#write}).
     */
    public void write(EncodedBatch batch, boolean ownEvents) {
        if (batch.isEmpty()) {
            return;
        }
        String why;
        lock.lock();
        try {
            awaitRoom();
            if (!closed && queue.size() < capacity) {
                EncodedBatch copied = copied(batch);
                if (copied != null) {
                    queue.add(copied);
                    if (ownEvents) {
                        holdingOwnEvents.add(copied);
                    }
                    taken++;
                    notEmpty.signal();
                    return;
                }
                why = NO_MEMORY;
            } else if (!closed && !draining && thread.isAlive() && joinedLastWaiting(batch)) {
                if (ownEvents) {
                    holdingOwnEvents.add(queue.peekLast());
                }
                return;
            } else {
                why = closed || draining ? SHUTDOWN : !thread.isAlive() ? THREAD_ENDED : SLOWER_THAN_THE_LOAD;
            }
        } finally {
            lock.unlock();
        }
        spill(batch, why);
    }

    /**
     * Appends the batch to the last one waiting when that one has room for it: a sink that hangs
     * (a broker that is down) holds what a trickle logs meanwhile, one event a batch, in its last
     * batch's {@value #MERGED_BYTES} bytes (a thousand lines of 250 bytes) beside the other waiting
     * batches, rather than in one batch's events. Events a failed copy (an {@code OutOfMemoryError})
     * could not take are counted dropped.
     */
    private boolean joinedLastWaiting(EncodedBatch batch) { // guarded by lock
        EncodedBatch last = queue.peekLast();
        if (last == null || last.length() + batch.length() > MERGED_BYTES) {
            return false;
        }
        appended(batch, last);
        return true;
    }

    /**
     * Appends {@code from}'s events to {@code to}. When the copy fails (an {@code OutOfMemoryError}
     * growing {@code to}) the event it was copying is taken out again and the events it could not
     * take are counted dropped. Returns whether every event was copied.
     */
    private boolean appended(EncodedBatch from, EncodedBatch to) { // guarded by lock
        int before = to.eventCount();
        try {
            copy.copy(from, to);
            return true;
        } catch (Throwable e) {
            to.discardCurrentEvent();
            dropped.add(from.eventCount() - (to.eventCount() - before));
            return false;
        }
    }

    private static final String SLOWER_THAN_THE_LOAD = "its writes take longer than the events come (a receiver that"
            + " answers slowly, or not at all) and its queue of batches is full";
    private static final String SHUTDOWN = "the shutdown could not wait for it any longer";
    private static final String NO_MEMORY = "a copy of the batch for its thread failed (out of memory)";
    private static final String THREAD_ENDED = "its thread has ended";

    /** Sends a batch the sink cannot take in time to its fallback, or counts it dropped when there is none. */
    private void spill(EncodedBatch batch, String why) {
        if (delegate instanceof ResilientSink resilient && resilient.hasFallback()) {
            resilient.writeToFallback(batch, why);
        } else {
            dropped.add(batch.eventCount());
        }
    }

    /** A copy of {@code batch} to queue, or null when making it failed (an {@code OutOfMemoryError}): then it spills. */
    private EncodedBatch copied(EncodedBatch batch) { // guarded by lock
        try {
            EncodedBatch copied = spare.isEmpty() ? new EncodedBatch(batch.length()) : spare.poll();
            copy.copy(batch, copied);
            return copied;
        } catch (Throwable e) {
            return null;
        }
    }

    private void awaitRoom() {
        while (!closed && queue.size() >= capacity) {
            long now = System.nanoTime();
            long waited = writing ? now - writeStartedNanos : 0;
            if (waited >= stallNanos || !thread.isAlive() || draining && now - drainDeadlineNanos >= 0) {
                return; // hanging, its thread is gone, or the drain cannot wait: the caller spills
            }
            try {
                notFull.awaitNanos(draining ? Math.min(stallNanos - waited, drainDeadlineNanos - now) : stallNanos - waited);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void copyInto(EncodedBatch from, EncodedBatch to) {
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
            boolean ownEvents;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    notEmpty.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return; // closed and drained
                }
                batch = queue.poll();
                inWrite = 1;
                merge(batch);
                ownEvents = holdingOwnEvents.remove(batch);
                writing = true;
                writeStartedNanos = System.nanoTime();
                if (inWrite > 1) {
                    notFull.signalAll(); // several slots came free
                } else {
                    notFull.signal();
                }
            } finally {
                lock.unlock();
            }
            try {
                EncodedBatch written = batch;
                FapilogThreads.write(ownEvents, () -> delegate.write(written));
            } catch (Throwable e) {
                dropped.add(batch.eventCount());
            }
            lock.lock();
            try {
                writing = false;
                done += inWrite;
                if (!writeSpilled) {
                    recycle(batch);
                }
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Appends the batches waiting behind {@code batch} to it, up to {@link #MERGED_BYTES}. When
     * growing it fails (an {@code OutOfMemoryError}), it goes out as it is, the events of the next
     * batch it could not take are counted dropped, and this thread lives on to write the rest.
     */
    private void merge(EncodedBatch batch) { // guarded by lock
        while (!queue.isEmpty() && batch.length() + queue.peek().length() <= MERGED_BYTES) {
            EncodedBatch next = queue.poll();
            inWrite++;
            if (holdingOwnEvents.remove(next)) {
                holdingOwnEvents.add(batch);
            }
            try {
                if (!appended(next, batch)) {
                    return;
                }
            } finally {
                recycle(next);
            }
        }
    }

    /** Keeps a written batch's buffer for a later copy, unless enough are kept (or it grew by merging). */
    private void recycle(EncodedBatch batch) { // guarded by lock
        batch.reset();
        if (spare.size() < capacity && batch.array().length <= MERGED_BYTES / 4) {
            spare.add(batch);
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

    /**
     * Takes no more batches and waits until the queued ones were written, at most the close
     * timeout; then sends those still queued to the fallback, stops the write in progress from
     * retrying and closes the wrapped sink, which ends that write (a network sink's
     * {@link Sink#close()} fails the write in progress: its batch goes to the fallback), and waits
     * for it as long again. The timeout counts from {@link #stopTaking()}, so hand-offs told to stop
     * together and then closed one after another wait together, not one after another.
     */
    @Override
    public void close() throws Exception {
        long since = stopTaking();
        long end = since + 2 * closeNanos;
        long giveUp = closingEndNanos();
        if (giveUp != 0 && end - giveUp > 0) { // the drain began long before: its own end comes first
            end = Math.max(giveUp, since);
        }
        if (closeNanos < 0) {
            awaitIdle();
        } else if (!awaitDone(true, since + (end - since) / 2)) {
            if (delegate instanceof ResilientSink resilient) {
                resilient.stopRetrying();
            }
            for (EncodedBatch batch : takeQueued()) {
                spill(batch, SHUTDOWN);
            }
            closeDelegateAside();
            if (!awaitDone(true, end)) {
                abandonWriteInProgress();
            }
            return;
        }
        if (closeNanos < 0) {
            closeDelegate();
        } else {
            awaitClosed(closeDelegateAside(), end);
        }
    }

    /**
     * Waits for the wrapped sink's close until {@code end} and rethrows its failure; past {@code end}
     * leaves it to finish aside: a close that hangs (a Kafka producer that cannot reach its broker
     * waits for its sender thread without a bound) must not hold the drain past its timeout.
     */
    private static void awaitClosed(CompletableFuture<Void> closing, long end) throws Exception {
        try {
            closing.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillClosing) {
            // the daemon closer goes on; the JVM's exit does not wait for it
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    /** When a close must be over, 90 % of the shutdown timeout after {@link #beginDrain()}; 0 without a drain. */
    private long closingEndNanos() {
        lock.lock();
        try {
            return draining ? drainEndNanos : 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Where events logged after the drain go: the wrapped sink, unless a write of it is still in
     * progress (abandoned at close): then straight to its fallback, so that a late caller (a
     * {@code @PreDestroy}, a shutdown hook) never waits on that write.
     */
    public Sink lateSink() {
        lock.lock();
        try {
            if (!writing) {
                return delegate;
            }
        } finally {
            lock.unlock();
        }
        return new Sink() {
            @Override
            public String name() {
                return delegate.name();
            }

            @Override
            public void write(EncodedBatch batch) {
                spill(batch, SHUTDOWN);
            }
        };
    }

    /**
     * From now on a worker waits for room at most until {@code 2 × closeTimeout} from now, then sends
     * the batch to the fallback, and {@link #close()} is over by {@code 3.6 × closeTimeout} from now
     * (90 % of the shutdown timeout): a sink slower than the workers (but not hanging) still lets a
     * drain end within its shutdown timeout. Idempotent.
     */
    public void beginDrain() {
        if (closeNanos < 0) {
            return;
        }
        lock.lock();
        try {
            if (!draining) {
                draining = true;
                long now = System.nanoTime();
                drainDeadlineNanos = now + 2 * closeNanos;
                drainEndNanos = now + 4 * closeNanos * 9 / 10;
                notFull.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The batch of a write that outlasted the close (a sink whose close does not end it) goes to the
     * fallback as well, once: the drain ends now and the JVM may exit before that write does. If
     * the write still succeeds later, its events are written twice: at least once, never lost.
     */
    private void abandonWriteInProgress() {
        if (!(delegate instanceof ResilientSink resilient)) {
            return;
        }
        lock.lock();
        try {
            if (!writing) {
                return;
            }
            writeSpilled = true; // the writer does not recycle the batch now: the fallback may be reading it
        } finally {
            lock.unlock();
        }
        resilient.abandonWriteInProgress();
    }

    /** Closes the wrapped sink on a thread of its own: its close may wait for the write in progress. */
    private CompletableFuture<Void> closeDelegateAside() {
        CompletableFuture<Void> closing = new CompletableFuture<>();
        Thread closer = FapilogThreads.newThread(() -> {
            try {
                closeDelegate();
                closing.complete(null);
            } catch (Throwable e) {
                closing.completeExceptionally(e); // a ResilientSink records its sink's failures itself
            }
        }, "fapilog-sink-close-" + delegate.name());
        closer.setDaemon(true);
        closer.start();
        return closing;
    }

    /**
     * Takes no more batches; the close timeout counts from the first call. Idempotent.
     *
     * @return when the hand-off stopped taking batches ({@link System#nanoTime()})
     */
    public long stopTaking() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                closingSinceNanos = System.nanoTime();
                notEmpty.signal();
                notFull.signalAll();
            }
            return closingSinceNanos;
        } finally {
            lock.unlock();
        }
    }

    /** The wrapped sink is closed once, also when a write it does not end makes close run twice. */
    private void closeDelegate() throws Exception {
        if (!delegateClosed.getAndSet(true)) {
            delegate.close();
        }
    }

    /** Empties the queue: its batches count as done, the caller disposes of them. */
    private java.util.List<EncodedBatch> takeQueued() {
        lock.lock();
        try {
            java.util.List<EncodedBatch> rest = new java.util.ArrayList<>(queue);
            queue.clear();
            holdingOwnEvents.clear();
            done += rest.size();
            progress.signalAll();
            return rest;
        } finally {
            lock.unlock();
        }
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
        long hanging = writeInProgressNanos();
        // A write that never returns never fails, so the breaker never counts it; what it costs is the
        // same as failures that took that long: the sink counts as down.
        boolean hung = inner.state() != io.fapilog.CircuitState.OPEN && hanging >= hangingAfterNanos();
        return new SinkHealth(inner.name(), hung ? io.fapilog.CircuitState.OPEN : inner.state(), inner.errors(),
                hung ? "write in progress for " + TimeUnit.NANOSECONDS.toSeconds(hanging) + " s: the sink does not answer"
                        : inner.lastError(),
                inner.droppedEvents() + droppedEventCount(), inner.fallbackEvents(), inner.writtenEvents());
    }

    /** How long the write in progress has run, 0 when none runs. */
    private long writeInProgressNanos() {
        lock.lock();
        try {
            return writing ? System.nanoTime() - writeStartedNanos : 0;
        } finally {
            lock.unlock();
        }
    }

    /** A write running this long makes the sink unhealthy: the breaker's time budget (10 s by default). */
    private long hangingAfterNanos() {
        return delegate instanceof ResilientSink resilient ? resilient.maxFailureTime().toNanos()
                : io.fapilog.config.CircuitBreakerSettings.DEFAULT_MAX_FAILURE_TIME.toNanos();
    }
}
