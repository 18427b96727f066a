package io.fapilog.internal.engine;

import io.fapilog.internal.event.LogEvent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

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
 *
 * <p>A single shard may also have a <em>waiting room</em>: {@code waitingRoom} slots beyond
 * {@code capacity} where callers that must not block (an event loop, an ASYNC caller, the engine's
 * own threads) leave events that found the queue full ({@link #offerToWait}). Such an event waits
 * in line in the ring itself, its deadline and its caller's {@link LineWaiter} (if any) in parallel
 * arrays; it is <em>admitted</em> once the consumer index comes within {@code capacity} of its slot
 * (the room the queue would have given it): the worker tells its waiter then
 * ({@link #admitWaiting}), if it listens: a waiter may ask to be told only once somebody listens to
 * it ({@link LineWaiter#seated}, {@link #listen}), so that the waiters of fire-and-forget callers
 * cost the worker nothing. It expires, dropped as {@code wait_timeout}, if a sweep
 * ({@link #expireWaiting}) finds it not admitted past its deadline. The worker drains waiting
 * events as it drains the others: waiting costs the worker a read of the deadline per event while
 * any wait, and nothing otherwise. Ordinary offers still stop at {@code capacity}, so they come
 * after every waiting event; protected ones may use the reserve beyond the waiting events. A
 * slot's deadline is resolved once, by a compare-and-set: admitted, expired, or drained.
 */
final class EventQueue extends ConsumerIndexField implements WaitingRoom {

    static final int ACCEPTED = 0;
    static final int FULL = 1;
    static final int CLOSED = 2;
    /** Accepted into the waiting room (see {@link #offerToWait}): it waits to be admitted. */
    static final int WAITING = 3;

    private static final long CLOSED_BIT = 1L << 62;
    /** A slot's deadline when its event is not waiting. */
    private static final long NO_DEADLINE = 0;
    /** A slot's deadline once a sweep dropped its event. */
    private static final long EXPIRED = Long.MIN_VALUE;
    /** A slot's deadline once the worker admitted its event (and told its waiter). */
    private static final long ADMITTED = Long.MIN_VALUE + 2;
    /**
     * Set in a waiting event's deadline while somebody is to be told of it (its waiter listens):
     * the lowest bit, which the deadlines of waiting events leave clear. Without it the worker
     * resolves the slot without looking at the waiter: a fire-and-forget caller's costs it nothing.
     */
    private static final long LISTENED = 1;
    /**
     * Set in a waiting event's deadline on every other lap of the ring (the index's bit worth the
     * ring's length): two events that share a slot one lap apart never share a deadline, even when
     * their callers read the clock at the same nanosecond, so a compare-and-set meant for one (a late
     * listener's, a sweep's) cannot land on the other.
     */
    private static final long ODD_LAP = 2;

    private final LogEvent[] slots;
    private final int mask;
    private final int capacity;
    private final int protectedCapacity;
    /** The count shared with the other shards, or null when this is the only one. */
    private final Admission admission;
    /** Slots beyond {@code capacity} for waiting events; 0: none (then {@link #deadlines} is null). */
    private final int waitingRoom;
    /** Per slot: the deadline of a waiting event, {@link #NO_DEADLINE}, {@link #ADMITTED} or {@link #EXPIRED}. */
    private final long[] deadlines;
    /** Per slot: the waiter of a waiting event, or null. Cleared by the consumer as it drains the slot. */
    private final LineWaiter[] waiters;
    /** Where the consumer tells the waiters of the events it admitted. */
    private final AcceptedWaiters accepted;
    /** Events ever accepted into the waiting room; incremented before the event is published. */
    private final AtomicLong waited = new AtomicLong();
    /** Waiting events a sweep expired. */
    private final AtomicLong expired = new AtomicLong();
    /** Waiting events a sweep found admitted and due, and told (the consumer had not yet). */
    private final AtomicLong admittedBySweep = new AtomicLong();
    /** Expired events the consumer skipped in the drain under way, published once the index is. Consumer only. */
    private long expiredDrainedNow;
    /** Where the weights of heavy events are held against {@code queue.max-bytes}; null: not weighed. */
    private QueueMemory memory;

    EventQueue(int capacity, int reserve) {
        this(capacity, reserve, null);
    }

    /**
     * @param capacity  slots this shard offers ordinary events (protected ones {@code reserve} more)
     * @param admission the limit on all shards together, or null for a single shard
     */
    EventQueue(int capacity, int reserve, Admission admission) {
        this(capacity, reserve, admission, 0, null);
    }

    /** A single shard with a waiting room, telling the waiters of admitted events on the worker. */
    EventQueue(int capacity, int reserve, int waitingRoom) {
        this(capacity, reserve, null, waitingRoom, new AcceptedWaiters(null));
    }

    /**
     * A single shard with a waiting room of {@code waitingRoom} slots beyond its capacity.
     *
     * @param accepted where the worker leaves the waiters of the events it admitted, to tell after its round
     */
    EventQueue(int capacity, int reserve, int waitingRoom, AcceptedWaiters accepted) {
        this(capacity, reserve, null, waitingRoom, accepted);
    }

    private EventQueue(int capacity, int reserve, Admission admission, int waitingRoom, AcceptedWaiters accepted) {
        if (capacity < 1 || reserve < 0 || waitingRoom < 0 || (admission != null && waitingRoom > 0)) {
            throw new IllegalArgumentException("capacity " + capacity + ", reserve " + reserve
                    + ", waiting room " + waitingRoom + (admission != null ? " (shared admission)" : ""));
        }
        this.capacity = capacity;
        this.protectedCapacity = capacity + reserve;
        int length = Integer.highestOneBit(Math.max(2, protectedCapacity + waitingRoom) - 1) << 1;
        this.slots = new LogEvent[length];
        this.mask = length - 1;
        this.admission = admission;
        this.waitingRoom = waitingRoom;
        this.deadlines = waitingRoom > 0 ? new long[length] : null;
        this.waiters = waitingRoom > 0 ? new LineWaiter[length] : null;
        this.accepted = accepted;
    }

    /** Holds the weights of the heavy events that go into this shard against {@code memory}; before any offer. */
    void weighAgainst(QueueMemory memory) {
        this.memory = memory;
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
        long limit = protectedLevel ? protectedLimit() : capacity;
        int weight = weigh(event);
        long index;
        do {
            index = producerIndex();
            if ((index & CLOSED_BIT) != 0) {
                return unweighed(weight, CLOSED);
            }
            long consumed = cachedConsumerIndex();
            if (index - consumed >= limit) {
                consumed = consumerIndexAcquire();
                setCachedConsumerIndex(consumed);
                if (index - consumed >= limit) {
                    return unweighed(weight, FULL);
                }
            }
        } while (!casProducerIndex(index, index + 1));
        SLOTS.setRelease(slots, (int) index & mask, event);
        return ACCEPTED;
    }

    /**
     * The reserve lies beyond the waiting room's events still in the ring, those waiting and those
     * expired but not drained yet (a held worker drains nothing), so they never keep a protected
     * event out. May overstate by events the consumer just drained; bounded by the room, so never
     * past the ring.
     */
    private long protectedLimit() {
        if (waitingRoom == 0) {
            return protectedCapacity;
        }
        // Unresolved plus expired-but-undrained: every one put in the room less those admitted and the
        // expired ones drained; the count of those put in the room read last, so it may overstate only.
        long leftRoom = admittedBySweep.get() + resolvedByConsumerOpaque() + expiredDrainedAcquire();
        return protectedCapacity + Math.max(0, Math.min(waitingRoom, waited.get() - leftRoom));
    }

    /**
     * Waiting events neither admitted nor expired yet (or admitted in the consumer's round under
     * way). Reads the count of those put in the room last, so it may overstate, never understate.
     */
    private long unresolvedWaiting() {
        long resolved = expired.get() + admittedBySweep.get() + resolvedByConsumerOpaque();
        return waited.get() - resolved;
    }

    /**
     * Offers an ordinary event of a caller that must not block: into the queue if it has room,
     * else into the waiting room, where it waits to be admitted until {@code deadline} (a
     * {@link System#nanoTime()} value). Returns {@link #ACCEPTED}, {@link #WAITING} (then
     * {@code waiter}, if not null, is told once the event is admitted or expired), {@link #FULL}
     * (the waiting room too) or {@link #CLOSED}. Only with a waiting room.
     */
    int offerToWait(LogEvent event, long deadline, LineWaiter waiter) {
        long limit = (long) capacity + waitingRoom;
        int weight = weigh(event);
        long index;
        long consumed;
        do {
            index = producerIndex();
            if ((index & CLOSED_BIT) != 0) {
                return unweighed(weight, CLOSED);
            }
            consumed = consumerIndexAcquire();  // fresh: it decides whether the event waits
            if (index - consumed >= limit) {
                return unweighed(weight, FULL);
            }
        } while (!casProducerIndex(index, index + 1));
        int slot = (int) index & mask;
        if (index - consumed < capacity) {
            SLOTS.setRelease(slots, slot, event);
            return ACCEPTED;
        }
        waited.incrementAndGet();  // before the event is published: a consumer that sees the event sees the count
        long seat = seatDeadline(deadline, index);
        boolean listensLater = waiter != null && waiter.seated(this, index);
        DEADLINES.setRelease(deadlines, slot, waiter == null || listensLater ? seat : seat | LISTENED);
        waiters[slot] = waiter;
        SLOTS.setRelease(slots, slot, event);
        return WAITING;
    }

    /**
     * Adds a heavy event's weight before its slot is claimed: nothing but the publication may come
     * between the two (a claimed slot never published would hold the consumer for good), and the
     * consumer never gives the weight back first. Returns the weight added.
     */
    private int weigh(LogEvent event) {
        int weight = event.weight();  // the event first: a light one's offer reads nothing else for this
        if (weight == 0 || memory == null) {
            return 0;
        }
        memory.add(weight);
        return weight;
    }

    /** Gives back the weight of an event that did not go in; returns {@code result}. */
    private int unweighed(int weight, int result) {
        if (weight != 0) {
            memory.release(weight);
        }
        return result;
    }

    /**
     * A deadline as the slot of the event at {@code index} holds it: its lowest bit clear, for
     * {@link #LISTENED}, the next one the lap's ({@link #ODD_LAP}), never taken for a marker.
     */
    private long seatDeadline(long deadline, long index) {
        long seat = deadline & ~(LISTENED | ODD_LAP) | lapOf(index);
        return unresolved(seat) ? seat : seat + 4;
    }

    private long lapOf(long index) {
        return (index & slots.length) != 0 ? ODD_LAP : 0;
    }

    @Override
    public boolean listen(long index) {
        int slot = (int) index & mask;
        long deadline = (long) DEADLINES.getVolatile(deadlines, slot);
        // A later event takes the slot only once the consumer passed this one, and an event a lap
        // later has another deadline: unresolved, of this lap, and with the consumer not past it,
        // the deadline read is this event's, and the compare-and-set can only hit this event.
        return unresolved(deadline) && (deadline & LISTENED) == 0 && (deadline & ODD_LAP) == lapOf(index)
                && consumerIndexAcquire() <= index
                && DEADLINES.compareAndSet(deadlines, slot, deadline, deadline | LISTENED);
    }

    /**
     * Moves up to {@code max} events into {@code into} from {@code offset}, in order; single
     * consumer only. Returns how many were moved: fewer than the slots passed when some were
     * waiting events a sweep expired (they are dropped here, counted by the sweep).
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
        long weight = weightOf(into, offset, count);
        int moved = count;
        // Read after the events were acquired: it counts every waiting event among them.
        if (deadlines != null && count > 0 && waited.get() != waitedDrainedPlain()) {
            moved = dropExpired(into, offset, consumer, count);
        }
        if (count > 0) {  // an empty drain leaves the index, and so the producers' cached copy of its line, alone
            setConsumerIndexRelease(consumer + count);
            if (admission != null) {
                admission.release(count);
            }
            if (weight != 0 && memory != null) {
                memory.release(weight);
            }
            if (expiredDrainedNow > 0) {
                setExpiredDrainedRelease(expiredDrainedPlain() + expiredDrainedNow);
                expiredDrainedNow = 0;
            }
        }
        return moved;
    }

    /**
     * The weights of the {@code count} events just drained into {@code into}, expired ones among
     * them. Read once the events are: a heavy one among them added its weight before it was
     * published, so while nothing is held (the common case) none is, and no event is read.
     */
    private long weightOf(LogEvent[] into, int offset, int count) {
        if (memory == null || memory.held() == 0) {
            return 0;
        }
        long weight = 0;
        for (int i = 0; i < count; i++) {
            weight += into[offset + i].weight();
        }
        return weight;
    }

    /**
     * Clears the deadlines and waiters of the waiting events among the {@code count} slots just
     * drained (before the slots are given back) and removes from {@code into} those a sweep expired;
     * a waiting event the consumer gets to before the sweep is kept, however late: it was admitted,
     * or is now (its waiter told now, if {@link #admitWaiting} did not yet).
     */
    private int dropExpired(LogEvent[] into, int offset, long consumer, int count) {
        int kept = 0;
        long drainedWaiting = 0;
        long resolvedHere = 0;
        long expiredHere = 0;
        for (int i = 0; i < count; i++) {
            int slot = (int) (consumer + i) & mask;
            long deadline = (long) DEADLINES.getVolatile(deadlines, slot);
            boolean keep = true;
            if (deadline != NO_DEADLINE) {
                drainedWaiting++;
                deadline = resolve(slot, deadline, NO_DEADLINE);
                if (unresolved(deadline)) {
                    resolvedHere++;
                } else if (deadline == EXPIRED) {
                    expiredHere++;
                    keep = false;
                }  // admitted (here, or before by the consumer or a sweep, which counted and told it): kept
                DEADLINES.setOpaque(deadlines, slot, NO_DEADLINE);
                waiters[slot] = null;
            }
            LogEvent event = into[offset + i];
            into[offset + i] = null;
            if (keep) {
                into[offset + kept++] = event;
            }
        }
        if (resolvedHere > 0) {
            setResolvedByConsumerOpaque(resolvedByConsumerPlain() + resolvedHere);
        }
        expiredDrainedNow = expiredHere;  // published after the consumer index: see queued()
        setWaitedDrained(waitedDrainedPlain() + drainedWaiting);
        return kept;
    }

    /** Whether a slot's deadline is that of a waiting event not admitted or expired yet. */
    private static boolean unresolved(long deadline) {
        return deadline != NO_DEADLINE && deadline != EXPIRED && deadline != ADMITTED;
    }

    /**
     * Resolves a waiting slot, read as {@code deadline}, to {@code marker} for the consumer, and
     * leaves its waiter to be told after the round if it listens. Returns the deadline it replaced
     * (unresolved: the consumer resolved it), or the marker a sweep set first (or the slot's
     * {@code deadline} if it was not waiting).
     */
    private long resolve(int slot, long deadline, long marker) {
        while (unresolved(deadline)) {
            long witness = (long) DEADLINES.compareAndExchange(deadlines, slot, deadline, marker);
            if (witness == deadline) {
                LineWaiter waiter = waiters[slot];
                if ((deadline & LISTENED) != 0 && waiter != null) {
                    accepted.addListened(waiter);
                }
                return deadline;
            }
            deadline = witness;  // a sweep resolved it just now, or its waiter began to listen: look again
        }
        return deadline;
    }

    /**
     * Admits the waiting events the consumer came within {@code capacity} of since the last call,
     * in order, leaving their waiters with the {@link AcceptedWaiters} to tell after the round.
     * Stops at a slot claimed but not published yet: the next round goes on from there. Consumer
     * only; nothing to do while nobody waits.
     */
    void admitWaiting() {
        if (deadlines == null || waited.get() == waitedDrainedPlain()) {
            return;
        }
        long consumer = consumerIndexPlain();
        long end = Math.min(consumer + capacity, producerIndex() & ~CLOSED_BIT);
        long index = Math.max(admittedUpTo(), consumer);
        long resolvedHere = 0;
        for (; index < end; index++) {
            int slot = (int) index & mask;
            if (SLOTS.getAcquire(slots, slot) == null) {
                break;
            }
            if (unresolved(resolve(slot, (long) DEADLINES.getVolatile(deadlines, slot), ADMITTED))) {
                resolvedHere++;
            }
        }
        if (resolvedHere > 0) {
            setResolvedByConsumerOpaque(resolvedByConsumerPlain() + resolvedHere);
        }
        setAdmittedUpToOpaque(index);
    }

    /**
     * Resolves the waiting events whose deadline passed by {@code now}, from the first the consumer
     * has not admitted yet, and tells their waiters (on the calling thread): one not admitted when
     * checked expires (dropped, {@code wait_timeout}); one admitted that the consumer has not told
     * yet (it is busy in a slow sink) is admitted here, so its waiter hears of it in time. Any
     * thread, one at a time. Returns the nanoseconds until the next deadline, 0 to look again soon
     * (an event being published), or -1 when it found none due later.
     */
    long expireWaiting(long now) {
        long consumer = consumerIndexAcquire();
        long producer = producerIndex() & ~CLOSED_BIT;
        long next = -1;
        for (long index = Math.max(consumer, admittedUpToOpaque()); index < producer; index++) {
            int slot = (int) index & mask;
            if (SLOTS.getAcquire(slots, slot) == null) {
                next = 0;  // claimed, not published yet (or drained just now)
                break;
            }
            long deadline = (long) DEADLINES.getVolatile(deadlines, slot);
            if (!unresolved(deadline)) {
                continue;  // an ordinary or protected event, or resolved before
            }
            long left = (deadline & ~(LISTENED | ODD_LAP)) - now;  // without its two flag bits: at most 3 ns early
            if (left > 0) {
                next = left;
                break;
            }
            // Read before the compare-and-set: once resolved, the consumer may drain the slot and clear it.
            LineWaiter waiter = waiters[slot];
            // Checked after its deadline passed: the slot still holds this event (the consumer has not
            // drained it, or the deadline would have been cleared), and room came for it or not by now.
            boolean admitted = index - consumerIndexAcquire() < capacity;
            while (true) {
                long witness = (long) DEADLINES.compareAndExchange(deadlines, slot, deadline, admitted ? ADMITTED : EXPIRED);
                if (witness == deadline) {
                    (admitted ? admittedBySweep : expired).incrementAndGet();  // before the waiter hears of it
                    if ((deadline & LISTENED) != 0 && waiter != null) {
                        LineWaiter.tell(waiter);  // a throwing caller must not end the sweep
                    }
                    break;
                }
                // Only its waiter's beginning to listen is worth a second try: anything else means the
                // consumer resolved it (and may have drained it since, and the slot may hold another event).
                if (witness != (deadline | LISTENED)) {
                    break;
                }
                deadline = witness;
            }
        }
        return next;
    }

    /**
     * Whether some waiting event is neither admitted nor expired yet (its waiter not told). Reads
     * the count of those put in the room last, so that it may overstate but never miss one whose
     * caller then asked for a sweep.
     */
    boolean hasUnresolvedWaiting() {
        return unresolvedWaiting() > 0;
    }

    /**
     * Events in the ring less the expired ones the consumer has not drained yet (counted as dropped
     * already): what the engine reports as queued.
     */
    int queued() {
        if (deadlines == null) {
            return size();
        }
        // Acquire, paired with the release after the consumer index: an expired event counted as drained
        // here is out of the size read next, so it is never both queued and dropped.
        long expiredDrained = expiredDrainedAcquire();
        long inRing = size();
        long expiredInRing = expired.get() - expiredDrained;
        return (int) Math.max(0, inRing - expiredInRing);
    }

    /** Whether the waiting room is full: an ordinary event of a caller that must not block is refused now. */
    boolean waitingRoomFull() {
        long limit = (long) capacity + waitingRoom;
        return approximateSize() >= limit && refreshedSize() >= limit;
    }

    /** Whether this queue has a waiting room. */
    boolean hasWaitingRoom() {
        return waitingRoom > 0;
    }

    /** Waiting events the sweeps expired: accepted, then dropped ({@code wait_timeout}). */
    long expiredCount() {
        return expired.get();
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

    /** Room now for events of a protected level (the reserve too) or an ordinary one, in this shard and in the queue as a whole. */
    int room(boolean protectedLevel) {
        long free = (protectedLevel ? protectedLimit() : capacity) - size();
        if (admission != null) {
            free = Math.min(free, admission.room(protectedLevel));
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
    private static final VarHandle DEADLINES = MethodHandles.arrayElementVarHandle(long[].class);
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
    private static final VarHandle ADMITTED_UP_TO;
    private static final VarHandle RESOLVED_BY_CONSUMER;
    private static final VarHandle EXPIRED_DRAINED;

    static {
        try {
            CONSUMER_INDEX = MethodHandles.lookup().findVarHandle(ConsumerIndexField.class, "consumerIndex", long.class);
            ADMITTED_UP_TO = MethodHandles.lookup().findVarHandle(ConsumerIndexField.class, "admittedUpTo", long.class);
            RESOLVED_BY_CONSUMER = MethodHandles.lookup().findVarHandle(ConsumerIndexField.class, "resolvedByConsumer", long.class);
            EXPIRED_DRAINED = MethodHandles.lookup().findVarHandle(ConsumerIndexField.class, "expiredDrained", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long consumerIndex;
    // Also the consumer's, next to its index: on the cache line producers read only when the queue looks full,
    // not beside the fields they read on every offer.
    /** Waiting events the consumer drained (kept or expired). Consumer only. */
    private long waitedDrained;
    /** Waiting events before this index were admitted (or expired). Written by the consumer, read opaque by the sweep. */
    private long admittedUpTo;
    /** Waiting events the consumer resolved: admitted, or kept as it drained them. */
    private long resolvedByConsumer;
    /** Expired waiting events the consumer drained (and skipped). */
    private long expiredDrained;
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

    final long waitedDrainedPlain() {
        return waitedDrained;
    }

    final void setWaitedDrained(long value) {
        waitedDrained = value;
    }

    final long admittedUpTo() {
        return admittedUpTo;
    }

    final long admittedUpToOpaque() {
        return (long) ADMITTED_UP_TO.getOpaque(this);
    }

    final void setAdmittedUpToOpaque(long value) {
        ADMITTED_UP_TO.setOpaque(this, value);
    }

    final long resolvedByConsumerPlain() {
        return resolvedByConsumer;
    }

    final long resolvedByConsumerOpaque() {
        return (long) RESOLVED_BY_CONSUMER.getOpaque(this);
    }

    final void setResolvedByConsumerOpaque(long value) {
        RESOLVED_BY_CONSUMER.setOpaque(this, value);
    }

    final long expiredDrainedPlain() {
        return expiredDrained;
    }

    final long expiredDrainedAcquire() {
        return (long) EXPIRED_DRAINED.getAcquire(this);
    }

    final void setExpiredDrainedRelease(long value) {
        EXPIRED_DRAINED.setRelease(this, value);
    }
}
