package io.fapilog.internal.engine;

import io.fapilog.internal.event.LogEvent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The one waiting line in front of a queue shard, for every mode. Events that found the queue full,
 * or others already waiting, wait here in arrival order, and the room the worker frees goes to them
 * in that order before anyone else. A THREAD caller parks until its event was moved into the queue
 * (the mover unparks it) or its deadline passed; an ASYNC caller holds a future that completes
 * then; a caller that must not block (an event loop, the engine's own threads) leaves its event
 * and goes on.
 *
 * <p>An event is dropped only when it is still waiting at its deadline, {@code wait-timeout} after
 * it joined: no room was freed for it in that time. A parked caller expires its own event; a
 * {@link SweepTimer} expires the others. The sweep runs at the earliest deadline in the line, at
 * most once per {@link #MIN_SWEEP_NANOS}, and only while events wait, so a non-blocking wait ends
 * at most one sweep period after its deadline.
 *
 * <p>Bounded: a caller that does not park may join only while fewer than {@code bound} events wait
 * in the line (and fewer than {@value #LINKED_PER_BOUND} × {@code bound} entries, resolved ones
 * included, are linked); otherwise its event is dropped at once. A parking caller always may (at
 * most one per thread). An entry costs about 40 bytes besides its event (plus the waiter of an
 * ASYNC caller); a resolved entry lets go of its event at once.
 *
 * <p>An intrusive multi-producer linked queue (Vyukov's): callers join with one atomic swap of the
 * tail; only the worker unlinks. Any thread may move waiting entries into the queue, from the
 * front and one at a time (an entry being moved stops the others), so the queue receives them in
 * line order; callers do so only when they find room the worker freed before they joined. Every
 * entry is resolved exactly once, by a compare-and-set of its state: moved, taken straight into a
 * batch at stop, expired or cancelled (it joined while the queue closed).
 */
final class WaitingLine {

    /** Entries, resolved ones included, a line may hold per event of its bound: a memory cap. */
    static final int LINKED_PER_BOUND = 4;

    /** The shortest pause between two sweeps. */
    static final long MIN_SWEEP_NANOS = 1_000_000;

    // What one step along the line did.
    private static final int MOVED = 0;
    private static final int PASSED = 1;
    private static final int RETRY = 2;
    private static final int STOP = 3;

    static final class Entry {
        static final int WAITING = 0;
        static final int MOVING = 1;
        static final int MOVED = 2;
        static final int TAKEN = 3;
        static final int EXPIRED = 4;
        static final int CANCELLED = 5;

        /** Ends a chain of wake-ups (see {@link #wakeNext}). */
        static final Entry NOBODY = new Entry(null, 0, null);

        LogEvent event;
        final long deadline;
        /** The parked {@link Thread}, the {@link LineWaiter} of a caller that does not park, or null. */
        final Object waiter;
        volatile int state;
        volatile Entry next;
        /**
         * For a parked caller whose event was moved: the parked caller it wakes in turn before it
         * returns ({@link #NOBODY} if none), so the worker pays for one wake-up a round, not one a
         * caller. Null until the mover decided.
         */
        volatile Entry wakeNext;

        Entry(LogEvent event, long deadline, Object waiter) {
            this.event = event;
            this.deadline = deadline;
            this.waiter = waiter;
        }

        boolean transition(int from, int to) {
            return STATE.compareAndSet(this, from, to);
        }

        /** Sets the state after this thread's own transition to MOVING (the CAS that matters happened then). */
        void settle(int to) {
            STATE.setRelease(this, to);
        }

        boolean accepted() {
            int current = state;
            return current == MOVED || current == TAKEN;
        }

        boolean resolved() {
            return state > MOVING;
        }

        /** Tells the caller its entry is resolved; after the final state was set. */
        void notifyWaiter() {
            if (waiter instanceof Thread thread) {
                if (thread != Thread.currentThread()) {  // a caller that moved itself is awake
                    LockSupport.unpark(thread);
                }
            } else if (waiter instanceof LineWaiter lineWaiter) {
                lineWaiter.resolved();
            }
        }

        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Entry.class, "next", Entry.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int bound;
    private final long timeoutNanos;
    private final SweepTimer timer;
    private final LongSupplier clock;

    private volatile Entry head;
    private final AtomicReference<Entry> tail;
    /** Entries linked, or being linked, and not unlinked yet: the memory cap. */
    private final AtomicInteger linked = new AtomicInteger();
    /** Entries not resolved yet: while there are any, newcomers join behind them. */
    private final AtomicInteger waiting = new AtomicInteger();

    // Each waiting event is counted once, when resolved: moved ones by the queue they enter, the
    // others here. One counter per outcome keeps a stats snapshot consistent while producers race.
    private final AtomicLong takenAtStop = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();
    // Worker-confined: callers of taken events are told only once their batch is written; callers
    // of moved events after the round.
    private final ArrayList<Entry> taken = new ArrayList<>();
    private final ArrayList<Entry> movedParked = new ArrayList<>();
    private final ArrayList<LineWaiter> movedWaiters = new ArrayList<>();

    /**
     * @param bound waiting events a caller that does not park may find in the line and still join
     * @param timer runs the sweep; null (no Reactor): nothing expires the events of callers that do
     *              not park, they wait until moved
     */
    WaitingLine(int bound, long timeoutNanos, SweepTimer timer) {
        this(bound, timeoutNanos, timer, System::nanoTime);
    }

    /** With a clock of its own, for tests. */
    WaitingLine(int bound, long timeoutNanos, SweepTimer timer, LongSupplier clock) {
        this.bound = bound;
        this.timeoutNanos = timeoutNanos;
        this.timer = timer;
        this.clock = clock;
        Entry stub = new Entry(null, 0, null);
        stub.state = Entry.MOVED;
        this.head = stub;
        this.tail = new AtomicReference<>(stub);
    }

    /** Whether nobody waits: one volatile read, for the producer's fast path. */
    boolean isEmpty() {
        return waiting.get() == 0;
    }

    /**
     * Whether a caller that does not park would be refused now: {@code bound} events wait, or
     * resolved entries the worker has not unlinked yet (callers that moved their own events while
     * it wrote a batch) reach {@value #LINKED_PER_BOUND} times that. A bound of waiting events, not
     * of entries, so that callers moving their own events never crowd out the line.
     */
    boolean isFull() {
        return waiting.get() >= bound || linked.get() >= LINKED_PER_BOUND * (long) bound;
    }

    /** Entries not unlinked yet, resolved ones included. */
    int linked() {
        return linked.get();
    }

    /**
     * Joins without blocking; {@code waiter} (may be null) is told when the event is resolved.
     * Returns null when the line is full: the caller drops the event.
     */
    Entry join(LogEvent event, LineWaiter waiter) {
        if (isFull()) {
            return null;
        }
        linked.incrementAndGet();
        Entry entry = link(event, waiter);
        scheduleSweep(timeoutNanos);
        return entry;
    }

    /** Joins as the current thread, which then {@link #await}s its entry; never refused. */
    Entry joinParked(LogEvent event) {
        linked.incrementAndGet();
        return link(event, Thread.currentThread());
    }

    private Entry link(LogEvent event, Object waiter) {
        waiting.incrementAndGet();
        Entry entry = new Entry(event, clock.getAsLong() + timeoutNanos, waiter);
        tail.getAndSet(entry).next = entry;
        return entry;
    }

    /**
     * Parks the calling thread until its entry was moved into the queue, or its deadline passed
     * (then the event is dropped and counted). An interrupted caller stops waiting at once, its
     * event dropped. Returns whether the event was accepted.
     */
    boolean await(Entry entry) {
        while (true) {
            int state = entry.state;
            if (state == Entry.MOVING) {
                Thread.onSpinWait();  // being offered to the queue: a few nanoseconds
            } else if (state == Entry.MOVED) {
                wakeTheNext(entry);
                return true;
            } else if (state != Entry.WAITING) {
                return entry.accepted();
            } else if (entry.deadline - clock.getAsLong() <= 0 || Thread.currentThread().isInterrupted()) {
                expire(entry);
            } else {
                LockSupport.parkNanos(this, entry.deadline - clock.getAsLong());
            }
        }
    }

    private static void wakeTheNext(Entry entry) {
        Entry next;
        while ((next = entry.wakeNext) == null) {
            Thread.yield();  // the worker links the chain right after its round
        }
        if (next != Entry.NOBODY) {
            LockSupport.unpark((Thread) next.waiter);
        }
    }

    private void expire(Entry entry) {
        if (entry.transition(Entry.WAITING, Entry.EXPIRED)) {
            entry.event = null;
            waiting.decrementAndGet();
            expired.incrementAndGet();
            entry.notifyWaiter();
        }
    }

    /** Drops {@code entry} as stopped unless it was accepted already; for a caller that joined as the queue closed. */
    void cancel(Entry entry) {
        while (true) {
            int state = entry.state;
            if (state == Entry.MOVING) {
                Thread.onSpinWait();
            } else if (state != Entry.WAITING) {
                return;
            } else if (entry.transition(Entry.WAITING, Entry.CANCELLED)) {
                entry.event = null;
                waiting.decrementAndGet();
                cancelled.incrementAndGet();
                entry.notifyWaiter();
                return;
            }
        }
    }

    /**
     * For a caller that just joined and found room in the queue (freed before it joined, while it
     * was on its way): moves waiting entries from the front while the queue takes them, its own
     * included, rather than leaving them until the worker's next round.
     */
    void moveWhileRoom(EventQueue queue, boolean[] protectedLevel) {
        Entry position = head;
        Entry entry;
        while ((entry = position.next) != null) {
            if (entry == position) {  // unlinked under us: start again from the front
                position = head;
                continue;
            }
            int step = move(entry, queue, protectedLevel, false);
            if (step == STOP) {
                return;
            }
            if (step == MOVED) {
                waiting.decrementAndGet();
            }
            if (step != RETRY) {
                position = entry;
            }
        }
    }

    /**
     * Hands the queue's free room to the waiting events in order and wakes their callers; unlinks
     * resolved entries. Worker only. Returns whether no event waits any more.
     */
    boolean moveInto(EventQueue queue, boolean[] protectedLevel) {
        Entry first = head;
        Entry stub = first;
        Entry entry;
        int moved = 0;
        int passed = 0;
        try {
            while ((entry = stub.next) != null) {
                int step = move(entry, queue, protectedLevel, true);
                if (step == STOP) {
                    break;
                }
                if (step != RETRY) {
                    moved += step == MOVED ? 1 : 0;
                    passed++;
                    stub = entry;
                }
            }
        } finally {
            // Even if the round failed half-way, the callers moved so far are told and counted.
            if (passed > 0) {
                unlinkUpTo(first, stub);
                linked.addAndGet(-passed);
            }
            if (moved > 0) {
                waiting.addAndGet(-moved);
                tellMovedCallers();
            }
        }
        return waiting.get() == 0;
    }

    /**
     * After a worker's round: wakes the first parked caller, who wakes the next and so on, and
     * tells the waiters of callers that did not park in one task on the timer's threads, so their
     * chains run there and the worker pays for one wake-up and one task a round, however many wait.
     */
    private void tellMovedCallers() {
        if (!movedParked.isEmpty()) {
            int last = movedParked.size() - 1;
            for (int i = 0; i < last; i++) {
                movedParked.get(i).wakeNext = movedParked.get(i + 1);
            }
            movedParked.get(last).wakeNext = Entry.NOBODY;
            LockSupport.unpark((Thread) movedParked.get(0).waiter);
            movedParked.clear();
        }
        if (!movedWaiters.isEmpty()) {
            tellOffWorker(movedWaiters.toArray(new LineWaiter[0]));
            movedWaiters.clear();
        }
    }

    private void tellOffWorker(LineWaiter[] waiters) {
        Runnable tellAll = () -> {
            for (LineWaiter waiter : waiters) {
                waiter.resolved();
            }
        };
        try {
            timer.schedule(tellAll, 0);
        } catch (RuntimeException rejected) {
            tellAll.run();
        }
    }

    /**
     * One entry at the front: moves it if it waits and the queue takes it. MOVED or PASSED (it was
     * resolved already): go on to the next; STOP: the queue is full, or another thread is moving
     * this entry (and goes on after it). The caller counts the move in {@code waiting}; the worker
     * tells the caller after its round, anyone else at once.
     */
    private int move(Entry entry, EventQueue queue, boolean[] protectedLevel, boolean byWorker) {
        int state = entry.state;
        if (state == Entry.MOVING) {
            return STOP;
        }
        if (state != Entry.WAITING) {
            return PASSED;
        }
        if (!entry.transition(Entry.WAITING, Entry.MOVING)) {
            return RETRY;
        }
        LogEvent event = entry.event;
        if (queue.offer(event, protectedLevel[event.level().ordinal()]) != EventQueue.ACCEPTED) {
            entry.settle(Entry.WAITING);  // full; or closed, and the worker's stop path takes it
            return STOP;
        }
        entry.event = null;
        if (byWorker && entry.waiter instanceof Thread) {
            entry.settle(Entry.MOVED);
            movedParked.add(entry);
        } else if (byWorker && entry.waiter instanceof LineWaiter waiter && timer != null) {
            entry.settle(Entry.MOVED);
            movedWaiters.add(waiter);
        } else {
            entry.wakeNext = Entry.NOBODY;
            entry.settle(Entry.MOVED);
            entry.notifyWaiter();
        }
        return MOVED;
    }

    /**
     * Makes {@code last} the new stub, then points every entry before it to itself, so a walker
     * standing on one starts again from the front (and the unlinked ones do not keep later ones alive).
     */
    private void unlinkUpTo(Entry first, Entry last) {
        head = last;
        for (Entry entry = first; entry != last; ) {
            Entry next = entry.next;
            NEXT.setRelease(entry, entry);
            entry = next;
        }
    }

    /**
     * After stop, when the queue is closed and empty: moves waiting events straight into
     * {@code batch}. Worker only; call {@link #completeTaken()} once the batch is written.
     */
    int takeInto(LogEvent[] batch, int max) {
        Entry first = head;
        Entry stub = first;
        Entry entry;
        int count = 0;
        int unlinked = 0;
        while (count < max && (entry = stub.next) != null) {
            int state = entry.state;
            if (state == Entry.MOVING) {
                Thread.onSpinWait();
                continue;
            }
            if (state == Entry.WAITING) {
                if (!entry.transition(Entry.WAITING, Entry.TAKEN)) {
                    continue;
                }
                batch[count++] = entry.event;
                entry.event = null;
                waiting.decrementAndGet();
                takenAtStop.incrementAndGet();
                taken.add(entry);
            }
            stub = entry;
            unlinked++;
        }
        if (unlinked > 0) {
            unlinkUpTo(first, stub);
            linked.addAndGet(-unlinked);
        }
        return count;
    }

    /** Tells the callers of the events the last {@link #takeInto} took. Worker only. */
    void completeTaken() {
        if (taken.isEmpty()) {
            return;
        }
        ArrayList<LineWaiter> offWorker = new ArrayList<>();
        for (Entry entry : taken) {
            if (entry.waiter instanceof LineWaiter waiter && timer != null) {
                offWorker.add(waiter);
            } else {
                entry.notifyWaiter();
            }
        }
        taken.clear();
        if (!offWorker.isEmpty()) {
            tellOffWorker(offWorker.toArray(new LineWaiter[0]));
        }
    }

    private void scheduleSweep(long delayNanos) {
        if (timer != null && !sweepScheduled.get() && sweepScheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(this::sweep, delayNanos);
            } catch (RuntimeException rejected) {
                sweepScheduled.set(false);
            }
        }
    }

    /**
     * Expires the waiting events whose deadline passed, from the front, then runs again at the next
     * deadline while any event waits. Deadlines grow along the line (arrival order, one timeout),
     * so the first event still in time ends the pass.
     */
    void sweep() {
        long now = clock.getAsLong();
        long next = -1;
        Entry position = head;
        Entry entry;
        while ((entry = position.next) != null) {
            if (entry == position) {
                position = head;
                continue;
            }
            if (entry.state == Entry.WAITING) {
                long left = entry.deadline - now;
                if (left > 0) {
                    next = left;
                    break;
                }
                expire(entry);
            }
            position = entry;
        }
        sweepScheduled.set(false);
        if (next >= 0) {
            scheduleSweep(Math.max(next, MIN_SWEEP_NANOS));
        } else if (waiting.get() > 0) {
            // A caller still linking its entry (or being moved): look again one timeout later.
            scheduleSweep(timeoutNanos);
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
        return cancelled.get();
    }
}
