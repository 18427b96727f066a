package io.fapilog.internal.engine;

import io.fapilog.internal.event.LogEvent;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A waiting line in front of the queue for ASYNC callers that found it full: the worker moves
 * waiting events into the queue, in arrival order, as it frees room, and completes each caller's
 * future then. While anyone waits, new ASYNC events join the line, so the queue sees them in
 * order. Each waits at most its deadline: a single sweep timer (not one per event) expires the
 * late ones even while the worker is stuck in a slow sink. Every waiting event is resolved exactly
 * once (moved, taken at stop, expired or cancelled) and its caller's future completed.
 */
final class Overflow {

    static final class Pending {
        private static final int WAITING = 0;
        private static final int RESOLVED = 1;

        final LogEvent event;
        final long deadline;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Pending(LogEvent event, long deadline) {
            this.event = event;
            this.deadline = deadline;
        }

        boolean claim() {
            return state.compareAndSet(WAITING, RESOLVED);
        }

        /** Undoes a claim that could not resolve the entry (the queue was full after all). */
        void release() {
            state.set(WAITING);
        }
    }

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    // Each waiting event is counted once, when it is resolved: moved ones by the queue they enter,
    // the others here. One counter per outcome keeps a stats snapshot consistent while producers race.
    private final AtomicLong takenAtStop = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final LongAdder cancelled = new LongAdder();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();
    // Worker-confined: callers of taken events are told only once their batch is written.
    private final java.util.ArrayList<CompletableFuture<Void>> taken = new java.util.ArrayList<>();

    CompletableFuture<Void> add(LogEvent event, long timeoutNanos, SweepTimer timer) {
        Pending entry = new Pending(event, System.nanoTime() + timeoutNanos);
        pending.add(entry);
        scheduleSweep(timer, timeoutNanos);
        return entry.done;
    }

    /** Resolves {@code entry} as dropped at stop, unless the worker already took it. */
    void cancel(CompletableFuture<Void> future) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending entry = it.next();
            if (entry.done == future && entry.claim()) {
                it.remove();
                cancelled.increment();
                entry.done.complete(null);
            }
        }
    }

    /**
     * Moves waiting events into the queue while it has room; expires late ones. Worker only.
     * Returns whether the line is now empty.
     */
    boolean moveInto(EventQueue queue, boolean[] protectedLevel) {
        long now = System.nanoTime();
        Pending entry;
        while ((entry = pending.peek()) != null) {
            if (!entry.claim()) {
                pending.remove(entry);  // the sweep resolved it
                continue;
            }
            if (now - entry.deadline >= 0) {
                pending.remove(entry);
                expired.incrementAndGet();
                entry.done.complete(null);
                continue;
            }
            if (queue.offer(entry.event, protectedLevel[entry.event.level().ordinal()]) != EventQueue.ACCEPTED) {
                entry.release();
                return false;
            }
            pending.remove(entry);
            entry.done.complete(null);
        }
        return true;
    }

    /**
     * After stop, when the queue is closed and empty: moves waiting events straight into
     * {@code batch}. Worker only; call {@link #completeTaken()} once the batch is written.
     */
    int takeInto(LogEvent[] batch, int max) {
        int count = 0;
        Pending entry;
        while (count < max && (entry = pending.poll()) != null) {
            if (entry.claim()) {
                batch[count++] = entry.event;
                taken.add(entry.done);
                takenAtStop.incrementAndGet();
            }
        }
        return count;
    }

    /** Completes the futures of the events the last {@link #takeInto} took. Worker only. */
    void completeTaken() {
        if (!taken.isEmpty()) {
            for (CompletableFuture<Void> future : taken) {
                future.complete(null);
            }
            taken.clear();
        }
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    private void scheduleSweep(SweepTimer timer, long delayNanos) {
        if (sweepScheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(() -> sweep(timer, delayNanos), delayNanos);
            } catch (RuntimeException rejected) {
                sweepScheduled.set(false);
            }
        }
    }

    private void sweep(SweepTimer timer, long delayNanos) {
        long now = System.nanoTime();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending entry = it.next();
            if (now - entry.deadline < 0) {
                break;
            }
            if (entry.claim()) {
                it.remove();
                expired.incrementAndGet();
                entry.done.complete(null);
            }
        }
        sweepScheduled.set(false);
        if (!pending.isEmpty()) {
            scheduleSweep(timer, delayNanos);
        }
    }

    /** Events taken straight into a batch after stop. */
    long takenAtStop() {
        return takenAtStop.get();
    }

    long expired() {
        return expired.get();
    }

    long cancelled() {
        return cancelled.sum();
    }
}
