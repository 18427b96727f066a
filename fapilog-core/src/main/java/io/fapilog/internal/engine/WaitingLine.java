package io.fapilog.internal.engine;

import io.fapilog.internal.event.LogEvent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The one waiting line in front of a queue shard, for every mode. Events that found the queue full,
 * or others already waiting, wait here in arrival order. As the worker frees room in the queue it
 * <em>admits</em> them in that order: an admitted event counts against the queue's room and is
 * accepted, but stays in the line; once the events queued before it are drained, the worker takes
 * it straight into a batch. A caller that joins right behind an admitted (or resolved) entry while
 * the queue has room admits itself: nobody waits before it, so it need not wait for the worker's
 * next round. Otherwise a THREAD caller parks until its event was admitted or taken (the worker
 * wakes it) or its deadline passed; an ASYNC caller holds a waiter told then; a caller that must
 * not block (an event loop, the engine's own threads) leaves its event and goes on. The order in
 * which events are written is the line's, whoever admitted them.
 *
 * <p>The line is for waiting, not for carrying the load: the events of parked callers at its front
 * go into the queue as they are admitted, and a caller that joins right behind a taken entry (so
 * nothing is pending before it) offers to the queue, so that a line of parked threads empties in
 * one round and they offer to the queue again. Events of callers that do not park stay in the line
 * until taken: moving them too would cost the worker a second pass per event under overload.
 *
 * <p>An event is dropped only when it is still waiting at its deadline, {@code wait-timeout} after
 * it joined: the worker freed no room for it in that time. A parked caller expires
 * its own event (or admits it, if the queue has room by then); a {@link SweepTimer} expires the others. The sweep runs at the earliest deadline
 * in the line, at most once per {@link #MIN_SWEEP_NANOS}, and only while events wait, so a
 * non-blocking wait ends at most one sweep period after its deadline.
 *
 * <p>Bounded: a caller that does not park may join only while fewer than {@code bound} events wait
 * in the line, admitted ones aside (and fewer than {@value #LINKED_PER_BOUND} − 1 times that expired
 * or cancelled entries the worker has not unlinked yet: at most {@value #LINKED_PER_BOUND} ×
 * {@code bound} entries besides the admitted ones); otherwise its event is dropped at once.
 * Admitted events are bounded by the queue's room. A parking caller always may (at
 * most one per thread). An entry costs about 40 bytes besides its event (plus the waiter of an
 * ASYNC caller); a resolved entry lets go of its event at once.
 *
 * <p>An intrusive multi-producer linked queue (Vyukov's): callers join with one atomic swap of the
 * tail; only the worker admits, takes and unlinks. Taking an event costs the worker one
 * compare-and-set, not a second pass through the queue, so a worker that falls behind does not
 * fall further behind for having a line. Every entry is resolved exactly once, by a
 * compare-and-set of its state: admitted (then taken) or taken, expired, or cancelled (it joined
 * while the queue closed).
 */
final class WaitingLine {

    /** Entries, expired ones included, a line may hold per event of its bound: a memory cap. */
    static final int LINKED_PER_BOUND = 4;

    /** The shortest pause between two sweeps. */
    static final long MIN_SWEEP_NANOS = 1_000_000;

    /**
     * How far behind the first ordinary event that finds no room the worker looks for waiting events
     * of a protected level to let into the reserve, each round: a bound on what a round costs it.
     */
    static final int PROTECTED_LOOKAHEAD = 1_024;

    static final class Entry {
        static final int WAITING = 0;
        static final int ADMITTED = 1;
        static final int TAKEN = 2;
        static final int EXPIRED = 3;
        static final int CANCELLED = 4;
        /** Admitted by its own caller as it joined: nobody else was told, so it may still be cancelled. */
        static final int SELF_ADMITTED = 5;
        /**
         * Its caller, finding nothing pending before it, offers its event to the queue: the worker
         * and later callers treat it as waiting; it ends taken (it went in) or waiting.
         */
        static final int CLAIMED = 6;

        /** Ends a chain of wake-ups (see {@link #wakeNext}). */
        static final Entry NOBODY = new Entry(null, 0, null);

        LogEvent event;
        final long deadline;
        /** The parked {@link Thread}, the {@link LineWaiter} of a caller that does not park, or null. */
        final Object waiter;
        /** Whether its event is of a protected level, which may take the queue's reserve. */
        final boolean protectedLevel;
        /**
         * Admitted from behind an entry still waiting: a caller joining behind it waits as behind a
         * waiting one (also once it is taken). Set by the worker before the state that shows it.
         */
        boolean behind;
        volatile int state;
        volatile Entry next;
        /**
         * For a parked caller whose event was accepted: the parked caller it wakes in turn before it
         * returns ({@link #NOBODY} if none), so the worker pays for one wake-up a round, not one a
         * caller. Null until the worker decided.
         */
        volatile Entry wakeNext;

        Entry(LogEvent event, long deadline, Object waiter) {
            this(event, deadline, waiter, false);
        }

        Entry(LogEvent event, long deadline, Object waiter, boolean protectedLevel) {
            this.event = event;
            this.deadline = deadline;
            this.waiter = waiter;
            this.protectedLevel = protectedLevel;
        }

        boolean transition(int from, int to) {
            return STATE.compareAndSet(this, from, to);
        }

        /**
         * Sets the state of an entry only the current thread may change now: one the worker
         * admitted, or one its caller claimed. A release store, not a compare-and-set: nobody races.
         */
        void resolveOwned(int to) {
            STATE.setRelease(this, to);
        }

        boolean accepted() {
            int current = state;
            return current == ADMITTED || current == SELF_ADMITTED || current == TAKEN;
        }

        /** Tells the caller its entry is resolved; after the final state was set. */
        void notifyWaiter() {
            if (waiter instanceof Thread thread) {
                if (thread != Thread.currentThread()) {  // a caller that expired its own entry is awake
                    LockSupport.unpark(thread);
                }
            } else if (waiter instanceof LineWaiter lineWaiter) {
                LineWaiter.tell(lineWaiter);
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
    private final int admitAtRoom;
    private final long timeoutNanos;
    private final LongSupplier clock;

    private volatile Entry head;
    private final AtomicReference<Entry> tail;
    /**
     * Expired or cancelled entries the worker has not unlinked yet: with the waiting ones, the
     * memory cap. Counted on those rare paths, so that joining and taking touch no extra counter.
     */
    private final AtomicInteger droppedLinked = new AtomicInteger();
    /** Entries neither taken nor dropped, admitted ones included: while there are any, newcomers join behind them. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Entries of a protected level still waiting to be admitted: the worker looks behind ordinary ones only while there are any. */
    private final AtomicInteger protectedWaiting = new AtomicInteger();
    /**
     * Admitted entries not taken yet. Approximate for an instant: a caller counts its own admission
     * after making it, so the worker may take or move that entry and count it out first (the count
     * dips below zero), and room the worker counted may go to a caller offering past the line.
     */
    private final AtomicInteger admitted = new AtomicInteger();
    /**
     * The last entry the worker admitted, if not taken yet: nothing before it waits, so the next
     * admission and the sweep start after it. Written by the worker only.
     */
    private volatile Entry lastAdmitted;

    // Each waiting event is counted once, when resolved. One counter per outcome keeps a stats
    // snapshot consistent while producers race.
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    /** Where the weights of the heavy events in line are held against {@code queue.max-bytes}; null: not weighed. */
    private QueueMemory memory;
    private final AtomicLong cancelled = new AtomicLong();
    private final ScheduledSweep sweeps;
    private boolean[] protectedLevels;  // null: none (see protectLevels)

    // Worker-confined: the callers of the events the last take or admission accepted, told by tellAccepted().
    private final ArrayList<Entry> acceptedParked = new ArrayList<>();
    private final AcceptedWaiters acceptedWaiters;

    /**
     * @param bound waiting events a caller that does not park may find in the line and still join
     * @param timer tells waiters off the worker and runs the sweep; null (no Reactor): nothing
     *              expires the events of callers that do not park, they wait until taken
     */
    WaitingLine(int bound, int admitAtRoom, long timeoutNanos, SweepTimer timer) {
        this(bound, admitAtRoom, timeoutNanos, timer, timer, System::nanoTime);
    }

    /** Admitting as soon as there is room for one, for tests. */
    WaitingLine(int bound, long timeoutNanos, SweepTimer timer) {
        this(bound, 1, timeoutNanos, timer, timer, System::nanoTime);
    }

    /** Admitting as soon as there is room for one, with a clock of its own, for tests. */
    WaitingLine(int bound, long timeoutNanos, SweepTimer timer, LongSupplier clock) {
        this(bound, 1, timeoutNanos, timer, timer, clock);
    }

    /** One timer for telling and for expiring, a clock of its own, for tests. */
    WaitingLine(int bound, int admitAtRoom, long timeoutNanos, SweepTimer timer, LongSupplier clock) {
        this(bound, admitAtRoom, timeoutNanos, timer, timer, clock);
    }

    /**
     * @param admitAtRoom room the worker lets the queue free before it admits a parked caller at
     *                    the front, unless that caller is halfway to its deadline: the parked callers
     *                    it wakes then bring many events each, instead of a few after every batch
     * @param timer tells waiters off the worker; null: the worker tells them
     * @param expiryTimer runs the sweep that expires the events at their deadline; null: nothing expires them
     */
    WaitingLine(int bound, int admitAtRoom, long timeoutNanos, SweepTimer timer, SweepTimer expiryTimer,
                LongSupplier clock) {
        this.bound = bound;
        this.admitAtRoom = Math.max(1, admitAtRoom);
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
        this.acceptedWaiters = new AcceptedWaiters(timer);
        this.sweeps = new ScheduledSweep(expiryTimer, this::expireDue, () -> waiting.get() > 0, timeoutNanos);
        Entry stub = new Entry(null, 0, null);
        stub.state = Entry.TAKEN;  // TAKEN: resolved, and not admitted
        this.head = stub;
        this.tail = new AtomicReference<>(stub);
    }

    /** Holds the weights of the heavy events that wait in this line against {@code memory}; before any join. */
    void weighAgainst(QueueMemory memory) {
        this.memory = memory;
    }

    /**
     * The levels, by ordinal, whose waiting events may be admitted into the queue's reserve, as those
     * that do not wait may be offered to it: without it, while newcomers of such levels keep the
     * queue past its capacity, none of their waiting kind is ever let in. Before any join.
     */
    void protectLevels(boolean[] protectedLevels) {
        this.protectedLevels = protectedLevels;
    }

    private void weigh(LogEvent event) {
        int weight = event.weight();
        if (weight != 0 && memory != null) {
            memory.add(weight);
        }
    }

    /** Lets go of an entry's event as it leaves the line (taken, moved into the queue, expired or withdrawn), and of its weight. */
    private void letGo(Entry entry) {
        LogEvent event = entry.event;
        entry.event = null;
        int weight = event == null ? 0 : event.weight();
        if (weight != 0 && memory != null) {
            memory.release(weight);
        }
    }

    /** Whether nobody waits: one volatile read, for the producer's fast path. */
    boolean isEmpty() {
        return waiting.get() == 0;
    }

    /**
     * Whether a caller that does not park would be refused now: {@code bound} events wait to be
     * admitted, or the expired and cancelled entries the worker has not unlinked yet reach
     * {@value #LINKED_PER_BOUND} − 1 times that.
     */
    boolean isFull() {
        return waiting.get() - admitted.get() >= bound
                || droppedLinked.get() >= (LINKED_PER_BOUND - 1) * (long) bound;
    }

    /** Entries not unlinked yet, resolved ones included; walks the line (for tests). */
    int linked() {
        int count = 0;
        for (Entry entry = head.next; entry != null; entry = entry.next) {
            count++;
        }
        return count;
    }

    /**
     * Joins without blocking; {@code waiter} (may be null) is told when the event is resolved,
     * unless it was admitted at once ({@link Entry#accepted()} on return): then nobody tells it.
     * Returns null when the line is full: the caller drops the event.
     */
    Entry join(LogEvent event, LineWaiter waiter, EventQueue queue) {
        if (isFull()) {
            return null;
        }
        Entry entry = link(event, waiter, queue);
        if (!entry.accepted()) {
            sweeps.request(timeoutNanos);
        }
        return entry;
    }

    /** Joins as the current thread, which then {@link #await}s its entry; never refused. */
    Entry joinParked(LogEvent event, EventQueue queue) {
        return joinParked(event, queue, timeoutNanos);
    }

    /** As {@link #joinParked(LogEvent, EventQueue)}, waiting at most {@code patienceNanos} (what is left of the caller's wait). */
    Entry joinParked(LogEvent event, EventQueue queue, long patienceNanos) {
        return link(event, Thread.currentThread(), queue, patienceNanos);
    }

    private Entry link(LogEvent event, Object waiter, EventQueue queue) {
        return link(event, waiter, queue, timeoutNanos);
    }

    private Entry link(LogEvent event, Object waiter, EventQueue queue, long patienceNanos) {
        waiting.incrementAndGet();
        weigh(event);  // before the worker can see the entry, and let go of it
        Entry entry = new Entry(event, clock.getAsLong() + patienceNanos, waiter,
                protectedLevels != null && protectedLevels[event.level().ordinal()]);
        if (entry.protectedLevel) {
            protectedWaiting.incrementAndGet();
        }
        Entry previous = tail.getAndSet(entry);
        previous.next = entry;
        int before = previous.state;
        if (previous.behind) {
            // others wait before it: nothing may go ahead of them
        } else if (before == Entry.TAKEN) {
            offerPastTheLine(entry, queue);
        } else if (before != Entry.WAITING && before != Entry.CLAIMED) {
            admittedItself(entry, queue);
        }
        return entry;
    }

    /**
     * For an entry right behind a taken one: nothing before it is pending (the worker takes and
     * moves in line order), so its event goes straight into the queue if there is room, as if its
     * caller had found the line empty. Otherwise it waits. Without this a caller that found the
     * queue full a moment before the worker freed room would admit itself, and so would all its
     * later events, each behind the one before: the line would carry the load.
     */
    private void offerPastTheLine(Entry entry, EventQueue queue) {
        if (!entry.transition(Entry.WAITING, Entry.CLAIMED)) {
            return;  // the worker admitted it already
        }
        if (offeredSafely(entry, queue)) {
            letGo(entry);
            entry.wakeNext = Entry.NOBODY;
            entry.resolveOwned(Entry.TAKEN);
            leftWaiting(entry);
            waiting.decrementAndGet();
        } else {
            entry.resolveOwned(Entry.WAITING);
        }
    }

    /**
     * Offers an entry's event; false if it did not go in, also when the offer threw (a
     * {@link StackOverflowError} near the caller's stack limit): an entry left claimed would stop
     * the worker at it for good, and one left admitted but uncounted would skew the counts. The
     * event then waits in the line like any other.
     */
    private static boolean offeredSafely(Entry entry, EventQueue queue) {
        try {
            return queue.offer(entry.event, entry.protectedLevel) == EventQueue.ACCEPTED;
        } catch (Throwable failed) {
            return false;
        }
    }

    /**
     * Parks the calling thread until the worker admitted or took its event, or its deadline passed.
     * At its deadline the caller admits itself if {@code queue} has room after all (the worker
     * freed room but, holding parked callers back for more of it, had no round since); otherwise
     * its event is dropped and counted. An interrupted caller stops waiting at once, its event
     * dropped. Returns whether the event was accepted. (The sweep leaves parked callers' events
     * alone: they expire their own.)
     */
    boolean await(Entry entry, EventQueue queue) {
        while (true) {
            int state = entry.state;
            if (state == Entry.ADMITTED || state == Entry.SELF_ADMITTED || state == Entry.TAKEN) {
                wakeTheNext(entry);
                return true;
            } else if (state != Entry.WAITING) {
                return false;
            } else if (Thread.currentThread().isInterrupted()) {
                expire(entry);
            } else if (entry.deadline - clock.getAsLong() <= 0) {
                if (!admittedItself(entry, queue)) {
                    expire(entry);
                }
            } else {
                LockSupport.parkNanos(this, entry.deadline - clock.getAsLong());
            }
        }
    }

    /**
     * Admits a still waiting entry on its caller's thread if the queue has room beyond the admitted
     * events: one that joined behind admitted entries, or a parked caller at its deadline. It stays
     * in its place in the line, and nobody else need be told.
     */
    private boolean admittedItself(Entry entry, EventQueue queue) {
        if (queue.room(entry.protectedLevel) <= admitted.get() || !entry.transition(Entry.WAITING, Entry.SELF_ADMITTED)) {
            return false;
        }
        entry.wakeNext = Entry.NOBODY;
        leftWaiting(entry);
        admitted.incrementAndGet();
        return true;
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
            leftWaiting(entry);
            letGo(entry);
            droppedLinked.incrementAndGet();
            waiting.decrementAndGet();
            expired.incrementAndGet();
            entry.notifyWaiter();
        }
    }

    /**
     * Drops {@code entry} as stopped unless the worker admitted or took it already; for a caller
     * that joined as the queue closed (the worker may have finished). Its own admission does not
     * save it: the worker may never come to take it.
     */
    void cancel(Entry entry) {
        if (withdraw(entry)) {
            cancelled.incrementAndGet();
            entry.notifyWaiter();
        }
    }

    /**
     * Takes {@code entry} out of the line, uncounted, unless the worker admitted or took it
     * already; for a caller that joined as the queue closed and writes its event after the drain
     * instead. Returns whether it was taken out.
     */
    boolean withdraw(Entry entry) {
        boolean wasAdmitted = false;
        while (!entry.transition(Entry.WAITING, Entry.CANCELLED)) {
            if (entry.transition(Entry.SELF_ADMITTED, Entry.CANCELLED)) {
                wasAdmitted = true;
                break;
            }
            if (entry.state != Entry.WAITING) {
                return false;  // taken, expired or cancelled
            }
        }
        if (!wasAdmitted) {
            leftWaiting(entry);
        }
        letGo(entry);
        if (wasAdmitted) {
            admitted.decrementAndGet();
        }
        droppedLinked.incrementAndGet();
        waiting.decrementAndGet();
        return true;
    }

    /**
     * Takes events in line order into {@code batch} from {@code offset}, at most {@code max}, admitted
     * ones and waiting ones, and unlinks the entries passed. Worker only; call {@link #tellAccepted()}
     * after the round.
     *
     * <p>Takes only while {@code queue} is drained: events a thread queued before it joined the line
     * come first, and an entry read here was linked after its caller's earlier offers, so the
     * queue check made after reading it sees them.
     */
    int takeInto(LogEvent[] batch, int offset, int max, EventQueue queue) {
        Entry first = head;
        Entry stub = first;
        Entry entry;
        int count = 0;
        int passed = 0;
        int droppedPassed = 0;
        int admittedTaken = 0;
        Entry lastAdmittedSeen = lastAdmitted;  // volatile for the sweep, written by this thread only
        boolean passedLastAdmitted = false;
        try {
            while (count < max && (entry = stub.next) != null) {
                int state = entry.state;
                if (state == Entry.WAITING || state == Entry.ADMITTED || state == Entry.SELF_ADMITTED) {
                    if (!queue.isDrained()) {
                        break;
                    }
                    if (state == Entry.ADMITTED) {
                        entry.resolveOwned(Entry.TAKEN);
                        admittedTaken++;
                    } else if (state == Entry.SELF_ADMITTED) {
                        if (!entry.transition(state, Entry.TAKEN)) {
                            continue;  // cancelled just now (it admitted itself as the queue closed)
                        }
                        admittedTaken++;
                    } else if (entry.transition(Entry.WAITING, Entry.TAKEN)) {
                        leftWaiting(entry);
                        accepted(entry);
                    } else {
                        continue;  // expired or cancelled just now: look again
                    }
                    batch[offset + count++] = entry.event;
                    letGo(entry);
                } else if (state == Entry.EXPIRED || state == Entry.CANCELLED) {
                    droppedPassed++;
                } else if (state == Entry.CLAIMED) {
                    // Its caller is offering it to the queue: what follows comes after it. A claimed
                    // entry is always the first pending one (it sits behind a taken entry), so the
                    // worker waits here for that caller's one offer: the only place it waits on a producer.
                    break;
                }
                if (entry == lastAdmittedSeen) {
                    passedLastAdmitted = true;
                }
                stub = entry;
                passed++;
            }
        } finally {
            if (passedLastAdmitted) {
                lastAdmitted = null;
            }
            if (passed > 0) {
                unlinkUpTo(first, stub);
            }
            if (droppedPassed > 0) {
                droppedLinked.addAndGet(-droppedPassed);
            }
            if (count > 0) {
                if (admittedTaken > 0) {
                    admitted.addAndGet(-admittedTaken);
                }
                waiting.addAndGet(-count);
                taken.addAndGet(count);
            }
        }
        return count;
    }

    /**
     * Admits waiting events in line order while the queue has room for them (its room less the
     * events admitted and not taken yet): they are accepted, and taken once the queue is drained.
     * Worker only; call {@link #tellAccepted()} after the round.
     *
     * <p>The events of threads that park ({@link Entry#waiter} a thread), standing at the front of
     * the line with nothing admitted before them, go on into the queue instead: once they are out,
     * nobody waits and newcomers offer to the queue again. Otherwise a parked thread woken by its
     * admission would join behind its own admitted event, and with it every later event, and the
     * line, a linked list, would carry the whole load where the queue would (the queue's order is
     * the same: everything queued came before them).
     */
    void admit(EventQueue queue) {
        int free = queue.room(false) - admitted.get();
        int freeProtected = queue.room(true) - admitted.get();
        Entry last = lastAdmitted;  // volatile for the sweep, written by this thread only: once, at the end
        boolean atFront = last == null;
        if (atFront) {
            unlinkResolvedFront();  // also when nothing is admitted: a line that stays full expires at its front
        }
        Entry first = head;
        Entry position = atFront ? first : last;
        boolean holdOrdinary = free < admitAtRoom && parkedCallerCanWaitForMoreRoom(position);
        Entry entry;
        Entry resolvedFront = null;  // the last of the resolved entries at the front, unlinked at the end
        int droppedPassed = 0;
        int spent = 0;  // room given to waiting entries; a self-admitted one moved brings its own
        int newlyAdmitted = 0;
        int moved = 0;
        int movedFromItsPlace = 0;
        try {
            while (!holdOrdinary && spent < Math.max(free, freeProtected) && (entry = position.next) != null) {
                int state = entry.state;
                if (state == Entry.WAITING) {
                    if (spent >= (entry.protectedLevel ? freeProtected : free)) {
                        break;  // no room for its level: nobody of its level behind it goes first
                    }
                    if (!entry.transition(Entry.WAITING, Entry.ADMITTED)) {
                        continue;  // expired or cancelled just now: look again
                    }
                    leftWaiting(entry);
                    accepted(entry);
                    spent++;
                    if (atFront && movedIntoQueue(entry, queue)) {
                        moved++;
                    } else {
                        atFront = false;
                        last = entry;
                        newlyAdmitted++;
                    }
                } else if (atFront && entry.waiter instanceof Thread
                        && (state == Entry.SELF_ADMITTED || state == Entry.ADMITTED && entry.behind)) {
                    // admitted in its place (by its caller, or from behind others): at the front, into the queue
                    if (state == Entry.SELF_ADMITTED && !entry.transition(Entry.SELF_ADMITTED, Entry.ADMITTED)) {
                        continue;  // cancelled just now
                    }
                    if (movedIntoQueue(entry, queue)) {
                        moved++;
                        movedFromItsPlace++;
                    } else {
                        atFront = false;
                        last = entry;
                    }
                } else if (state == Entry.ADMITTED || state == Entry.SELF_ADMITTED) {
                    atFront = false;
                } else if (state == Entry.CLAIMED) {
                    break;  // the first pending entry, its caller offering it (see takeInto): the next round decides
                } else if (atFront && (state == Entry.EXPIRED || state == Entry.CANCELLED)) {
                    droppedPassed++;
                }
                if (atFront) {
                    resolvedFront = entry;  // taken (moved), expired or cancelled, with nothing pending before it
                }
                position = entry;
            }
            if (spent < freeProtected && protectedWaiting.get() > 0) {
                newlyAdmitted += admitProtectedBehind(position, freeProtected - spent);
            }
        } finally {
            lastAdmitted = last;
            // While the queue stays full the worker never takes: the front is unlinked here.
            if (resolvedFront != null) {
                unlinkUpTo(first, resolvedFront);
            }
            if (droppedPassed > 0) {
                droppedLinked.addAndGet(-droppedPassed);
            }
            if (newlyAdmitted != movedFromItsPlace) {
                admitted.addAndGet(newlyAdmitted - movedFromItsPlace);
            }
            if (moved > 0) {
                waiting.addAndGet(-moved);  // after the events are in the queue: a newcomer that sees nobody waiting comes after them
            }
        }
    }

    /**
     * Admits, where they stand, the waiting events of a protected level behind the first waiting event
     * that {@link #admit} let wait (one of an ordinary level finding no room, or a parked caller held
     * back for more), while the reserve has room: newcomers of their level go into the reserve ahead of
     * the line, and without this those behind an ordinary event would wait their whole timeout while
     * newcomers took that room. They are taken after the events before them (or moved into the queue
     * once at the front); callers joining behind them wait as behind a waiting one ({@link Entry#behind}).
     * Looks at most {@value #PROTECTED_LOOKAHEAD} entries; returns how many it admitted.
     */
    private int admitProtectedBehind(Entry position, int room) {
        int admittedHere = 0;
        int left = protectedWaiting.get();
        Entry entry = position.next;
        for (int looked = 0; entry != null && entry != position && looked < PROTECTED_LOOKAHEAD
                && admittedHere < room && left > 0; looked++) {
            if (entry.protectedLevel && entry.state == Entry.WAITING) {
                left--;
                entry.behind = true;
                if (entry.transition(Entry.WAITING, Entry.ADMITTED)) {
                    leftWaiting(entry);
                    accepted(entry);
                    admittedHere++;
                }
            }
            position = entry;
            entry = entry.next;
        }
        return admittedHere;
    }

    /** Counts an entry out of the protected ones waiting, as it leaves {@link Entry#WAITING}: once, by whoever moved it. */
    private void leftWaiting(Entry entry) {
        if (entry.protectedLevel) {
            protectedWaiting.decrementAndGet();
        }
    }

    /**
     * Whether the first entry still waiting after {@code position} is a parked caller's that has not
     * used half its wait yet: it may wait for more room, so that waking it brings many events. The
     * events of callers that do not park are admitted into whatever room there is: nobody is woken
     * for them, and a line that fills is a line that drops. So are those of a protected level:
     * newcomers of that level take the reserve's room as it comes, and one that waited for more
     * would be passed over by them until its wait ran out.
     */
    private boolean parkedCallerCanWaitForMoreRoom(Entry position) {
        for (Entry entry = position.next; entry != null && entry != position; entry = entry.next) {
            int state = entry.state;
            if (state == Entry.WAITING || state == Entry.CLAIMED) {
                return !entry.protectedLevel && entry.waiter instanceof Thread
                        && entry.deadline - clock.getAsLong() > timeoutNanos / 2;
            }
            position = entry;
        }
        return false;
    }

    /**
     * Offers an admitted entry's event to the queue if its caller parks; resolves the entry as taken
     * (counted by the queue, not the line) when it went in.
     */
    private boolean movedIntoQueue(Entry entry, EventQueue queue) {
        if (!(entry.waiter instanceof Thread) || !offeredSafely(entry, queue)) {
            return false;
        }
        letGo(entry);
        entry.resolveOwned(Entry.TAKEN);
        return true;
    }

    private void accepted(Entry entry) {
        if (entry.waiter instanceof Thread) {
            acceptedParked.add(entry);
        } else if (entry.waiter instanceof LineWaiter waiter) {
            acceptedWaiters.add(waiter);
        }
    }

    /**
     * Tells the callers of the events the round's take and admission accepted: wakes the first
     * parked caller, who wakes the next and so on; resolves the waiters nobody listens to yet at
     * once, and tells the others in one task on the timer's threads, so no caller's code runs on
     * the worker. The worker pays for one wake-up and at most one task a round, however many wait.
     * Worker only.
     */
    void tellAccepted() {
        if (!acceptedParked.isEmpty()) {
            int last = acceptedParked.size() - 1;
            for (int i = 0; i < last; i++) {
                acceptedParked.get(i).wakeNext = acceptedParked.get(i + 1);
            }
            acceptedParked.get(last).wakeNext = Entry.NOBODY;
            LockSupport.unpark((Thread) acceptedParked.get(0).waiter);
            acceptedParked.clear();
        }
        acceptedWaiters.tell();
    }

    /**
     * The waiters told after the worker's round by {@link #tellAccepted()}: the line's, and those
     * of events its queue admitted from its waiting room.
     */
    AcceptedWaiters acceptedWaiters() {
        return acceptedWaiters;
    }

    /**
     * Unlinks the entries resolved at the front of the line, with nothing pending before them
     * (expired, cancelled, or taken by their callers): while the queue stays full the worker neither
     * takes nor admits, and the line would keep every expired entry of a storm. Worker only.
     */
    private void unlinkResolvedFront() {
        Entry first = head;
        Entry resolved = null;
        int dropped = 0;
        for (Entry entry = first.next; entry != null && entry != resolved; entry = entry.next) {
            int state = entry.state;
            if (state == Entry.EXPIRED || state == Entry.CANCELLED) {
                dropped++;
            } else if (state != Entry.TAKEN) {
                break;
            }
            resolved = entry;
        }
        if (resolved != null) {
            unlinkUpTo(first, resolved);
            if (dropped > 0) {
                droppedLinked.addAndGet(-dropped);
            }
        }
    }

    /**
     * Makes {@code last} the new stub, then points every entry before it to itself, so a sweep
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
     * Expires the waiting events whose deadline passed, from the front (after the admitted ones), then runs again at the next
     * deadline while any event waits. Deadlines grow along the line (arrival order, one timeout),
     * so the first event still in time ends the pass.
     */
    void sweep() {
        sweeps.run();
    }

    /** One pass of {@link #sweep()}: returns the nanoseconds until the next is due, or -1. */
    private long expireDue() {
        long now = clock.getAsLong();
        long next = -1;
        Entry admittedUpTo = lastAdmitted;
        Entry position = admittedUpTo != null ? admittedUpTo : head;
        Entry entry;
        while ((entry = position.next) != null) {
            if (entry == position) {
                position = head;
                continue;
            }
            if (entry.state == Entry.WAITING && !(entry.waiter instanceof Thread)) {  // a parked caller expires its own, or admits it
                long left = entry.deadline - now;
                if (left > 0) {
                    next = left;
                    break;
                }
                expire(entry);
            }
            position = entry;
        }
        return next;  // none due later but some waiting (a caller still linking its entry): ScheduledSweep looks again
    }

    /** Events of a protected level waiting to be admitted (for tests). */
    int protectedWaiting() {
        return protectedWaiting.get();
    }

    /** Admitted events not taken yet. */
    int admitted() {
        return admitted.get();
    }

    /** Events the worker took from the line. */
    long taken() {
        return taken.get();
    }

    long expired() {
        return expired.get();
    }

    long cancelled() {
        return cancelled.get();
    }
}
