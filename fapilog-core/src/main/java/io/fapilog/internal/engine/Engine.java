package io.fapilog.internal.engine;

import io.fapilog.internal.FapilogThreads;

import io.fapilog.DropReason;
import io.fapilog.EngineStats;
import io.fapilog.config.FullPolicy;
import io.fapilog.DrainResult;
import io.fapilog.ExecutionMode;
import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.CircuitState;
import io.fapilog.internal.sinks.HandOffSink;
import io.fapilog.internal.sinks.ResilientSink;
import io.fapilog.SinkHealth;
import io.fapilog.WorkerHealth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The queue-and-workers core: one per application, shared by every logger. Loggers hand it events
 * with {@link #submit}; workers run the pipeline and write the sinks; {@link #stopAndDrain()}
 * stops intake and completes once every accepted event went through.
 *
 * <p>The queue is split into one shard per worker; a producer thread always uses the same shard,
 * so the events of one thread reach the sinks in the order they were logged. The capacity is the
 * total of all shards (an {@link Admission} they share), not a share per worker.
 */
public final class Engine {

    private final EngineSettings settings;
    private final EventQueue[] shards;
    /** The count of all shards together; null with a single shard. */
    private final Admission admission;
    private final WaitingLine[] lines;
    /** Per shard, the sweep of its queue's waiting room; null entries without one. */
    private final ScheduledSweep[] roomSweeps;
    private final Worker[] workers;
    private final WorkerHost host;
    private final List<SinkBinding> sinks;
    private final boolean[] protectedLevel = new boolean[Level.values().length];
    private final DropCounters drops = new DropCounters();
    /** The bytes the queued heavy events hold, against {@code queue.max-bytes}. */
    private final QueueMemory memory;
    /** Events whose large values were cut further because {@link #memory} had no room for them. */
    private final LongAdder trimmed = new LongAdder();
    private final CallerWaits callerWaits = new CallerWaits();
    private final HighWatermark highWatermark;
    private final CopyOnWriteArrayList<BatchObserver> observers = new CopyOnWriteArrayList<>();
    private final AtomicReference<CompletableFuture<DrainResult>> drain = new AtomicReference<>();
    private final DropNotices dropNotices;
    private final long waitTimeoutNanos;
    private final boolean callersWait;
    private volatile boolean started;
    private final Pipeline pipeline;
    /** Writes events logged after the drain completed, synchronously; null until then. */
    private volatile Worker late;
    /** Whether the engine keeps its deadlines on the shared expiry thread, which it then holds until its drain. */
    private final boolean holdsExpiryThread;
    /** The late writer, whose counters {@link #stats} reads: set before it writes the events held during the drain. */
    private volatile Worker counted;
    /** Set with {@link #late}: the late writes of callers that must not block. */
    private volatile LateWritesOffTheCaller lateOffTheCaller;
    private final HeldEvents heldDuringDrain;
    /** The logger name prefixes of the sinks' client libraries ({@link io.fapilog.spi.Sink#clientLoggers()}): their events never park. */
    private final String[] clientLoggers;

    static {
        // While the class loader can: a container stops a web application's loader, refusing classes not
        // loaded yet, before its last requests' events are written late; their failures must still be counted and told.
        InternalErrors.preload();
    }

    /**
     * When Reactor is present: waiting callers are told on Reactor's parallel scheduler, and their
     * events expire on fapilog's own expiry thread ({@link ReactorSupport#expiryTimer()}).
     */
    public Engine(EngineSettings settings, Pipeline pipeline, List<SinkBinding> sinks) {
        this(settings, pipeline, sinks, ReactorSupport.sweepTimer(), ReactorSupport.expiryTimer());
    }

    /**
     * @param sweepTimer tells callers that wait without blocking that their event was accepted (must
     *                   not block); null when none is available: they are told on the worker
     * @param expiryTimer expires those callers' events at their deadline (must not block, and should
     *                    not wait behind the application's own work); null when none is available:
     *                    those events then wait until the worker takes them
     */
    public Engine(EngineSettings settings, Pipeline pipeline, List<SinkBinding> sinks, SweepTimer sweepTimer,
                  SweepTimer expiryTimer) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.sinks = List.copyOf(sinks);
        this.clientLoggers = sinks.stream().flatMap(binding -> binding.sink().clientLoggers().stream()).distinct()
                .toArray(String[]::new);
        this.holdsExpiryThread = ReactorSupport.isSharedExpiryTimer(expiryTimer);
        if (holdsExpiryThread) {
            ReactorSupport.holdExpiryThread();
        }
        int count = settings.workers();
        this.shards = new EventQueue[count];
        this.admission = count == 1 ? null : new Admission(settings.queueCapacity(), settings.queueReserve());
        this.memory = new QueueMemory(settings.queueMaxBytes());
        int[] shardLimits = shardLimits(settings.queueCapacity(), settings.queueReserve(), count);
        this.waitTimeoutNanos = settings.waitTimeout().toNanos();
        this.heldDuringDrain = new HeldEvents(settings.queueCapacity());
        this.callersWait = settings.fullPolicy() == FullPolicy.WAIT && waitTimeoutNanos > 0;
        int share = (settings.queueCapacity() + count - 1) / count;
        int lineBound = waitingBound(share);
        this.lines = new WaitingLine[count];
        this.roomSweeps = new ScheduledSweep[count];
        for (int i = 0; i < count; i++) {
            lines[i] = new WaitingLine(lineBound, share / ADMIT_AT_ROOM_DIVISOR, waitTimeoutNanos, sweepTimer, expiryTimer,
                    System::nanoTime);
            // A single shard keeps the waits of callers that do not block in its own ring, as cheap
            // for the worker as any queued event; shards sharing an admission use their lines.
            shards[i] = count == 1 && callersWait
                    ? new EventQueue(shardLimits[0], shardLimits[1], waitingRoom(shardLimits[0], shardLimits[1]),
                            lines[i].acceptedWaiters())
                    : new EventQueue(shardLimits[0], shardLimits[1], admission);
            shards[i].weighAgainst(memory);
            lines[i].protectLevels(protectedLevel);
            lines[i].weighAgainst(memory);
            if (shards[i].hasWaitingRoom()) {
                EventQueue queue = shards[i];
                roomSweeps[i] = new ScheduledSweep(expiryTimer, () -> queue.expireWaiting(System.nanoTime()),
                        queue::hasUnresolvedWaiting, waitTimeoutNanos);
            }
        }
        for (Level level : settings.protectedLevels()) {
            protectedLevel[level.ordinal()] = true;
        }
        this.highWatermark = new HighWatermark(this::queueSize);
        this.workers = new Worker[count];
        this.dropNotices = DropNotices.toStandardError(this::stats, settings);
        Runnable checkDrops = () -> dropNotices.check(System.nanoTime());
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker(shards[i], lines[i], pipeline, sinks, observers, highWatermark,
                    settings.batchMaxSize(), settings.batchTimeout().toNanos(), checkDrops);
        }
        this.host = settings.reactorWorkers() ? WorkerHost.reactor(count) : WorkerHost.threads();
    }

    /**
     * Events of callers that do not block (event loops, ASYNC callers, the engine's own threads) that
     * a line, and a single shard's waiting room, may hold beyond a worker's {@code share} of the
     * capacity: eight times the share, but no fewer than the share and, past that, no more than
     * {@value #STALL_EVENTS}. It is what such callers may log at once when the worker stalls: after a
     * 15 ms garbage-collection pause, callers offering 4.9 M events/s owe 73,000 events. With as many
     * as the queue (an earlier bound), a single producer offering 70 % of THREAD mode's capacity had
     * events dropped in 7 of 10 one-second runs; with four times, non-blocking callers still dropped in
     * 19 of 60 one-second trials at 70 % and 5 of 60 at 50 %, with eight times in 8 and 0
     * (OverloadRoundsBenchmark). The cap keeps a large queue, which absorbs such stalls itself, from
     * doubling its ring again.
     */
    public static int waitingBound(int share) {
        return (int) Math.max(share, Math.min((long) WAITING_PER_CAPACITY * share, STALL_EVENTS));
    }

    /**
     * The waiting room of a single worker's queue: at least {@link #waitingBound} events, and with
     * them every slot the queue's ring has beyond its capacity and reserve. The ring's length is a
     * power of two, so those slots are there anyway: for the default queue (10,000 events and a
     * reserve of 1,000) the room holds 120,072 events instead of 80,000, at no cost in memory, and
     * covers a stall of the worker half as long again. In the production preset's open-loop rounds at
     * 70 % of the worker's capacity it cut the trials with drops from 20 to 11 of 96, and the events
     * dropped for a full room by 95 % (OverloadRoundsBenchmark).
     */
    public static int waitingRoom(int capacity, int reserve) {
        int protectedCapacity = capacity + reserve;
        long wanted = (long) protectedCapacity + waitingBound(capacity);
        long ring = Long.highestOneBit(Math.max(2, wanted) - 1) << 1;
        return (int) (ring - protectedCapacity);
    }

    private static final int WAITING_PER_CAPACITY = 8;
    private static final int STALL_EVENTS = 131_072;

    /**
     * Parked callers are admitted once a quarter of their worker's share of the queue is free (or the first of them is halfway
     * to its deadline): on two cores, waking the producers after every batch costs the worker
     * about as much CPU as it frees.
     */
    private static final int ADMIT_AT_ROOM_DIVISOR = 4;

    /** Slots of all shards together at most: as many as one queue may have ({@code capacity + reserve} ≤ 2^26). */
    private static final long MAX_SLOTS = 1L << 26;

    /**
     * Each shard's capacity and reserve: the whole queue's, since the shared {@link Admission}
     * holds their sum to it, so one thread's burst may fill the queue alone. Only when the shards'
     * slots together would pass {@link #MAX_SLOTS} does each get a proportional part of that.
     */
    static int[] shardLimits(int capacity, int reserve, int shards) {
        long total = (long) capacity + reserve;
        if (shards == 1 || total * shards <= MAX_SLOTS) {
            return new int[] {capacity, reserve};
        }
        long slots = Math.max((total + shards - 1) / shards, MAX_SLOTS / shards);
        int shardCapacity = (int) Math.max(1, (capacity * slots + total - 1) / total);
        return new int[] {shardCapacity, (int) Math.max(0, slots - shardCapacity)};
    }

    /** Starts the workers; idempotent. Events submitted before start wait in the queue. */
    public synchronized Engine start() {
        if (!started) {
            started = true;
            for (Worker worker : workers) {
                launch(worker);
            }
        }
        return this;
    }

    /**
     * Runs a worker on the host; if its thread ever ends before the drain completed it (a failure
     * its own supervision could not contain), it is started again and the restart counted. When no
     * thread can be started for it (the heap or the process out of threads, as the failure that ended
     * the last one may be), the ending thread runs it again itself, after a pause: a worker never
     * stops for good while its engine runs (one did, the queue holding 100 MB of events for ever).
     */
    private void launch(Worker worker) {
        worker.launching();
        worker.inject(Worker.FaultPoint.RELAUNCH);
        host.start(() -> runUntilFinished(worker));
    }

    private void runUntilFinished(Worker worker) {
        while (true) {
            try {
                worker.run();
            } catch (Throwable ended) {
                // counted below as a restart; nothing to report with: the failure may be the heap's
            }
            if (worker.finished().isDone()) {
                return;
            }
            worker.restarted();
            try {
                launch(worker);
                return;
            } catch (Throwable noThread) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                worker.launching();
            }
        }
    }

    /**
     * Hands an event to the engine in THREAD or BOUND_LOOP mode. Never throws. When the queue is
     * full, or others wait for room, under the {@code wait} policy the event waits its turn in the
     * shard's {@link WaitingLine}: a THREAD caller parks until the worker admitted the event or
     * {@code queue.wait-timeout} passed (then it is dropped and counted); a BOUND_LOOP caller, a
     * caller on a Reactor non-blocking thread, fapilog's own threads and a sink's client library
     * leave it in the queue's waiting room (or in the line, behind a parked caller) and go on. A protected level tries the
     * reserve first, ahead of the line. An event logged once the drain began is written after it:
     * a THREAD caller waits for the drain (at most {@value #LATE_WAIT_SECONDS} s), the others' events
     * are held meanwhile ({@link HeldEvents}, up to the queue's capacity).
     */
    public void submit(LogEvent event, ExecutionMode mode) {
        long waitedNanos = 0;
        try {
            if (inALoop(event)) {
                return;
            }
            boolean waitedForDrain = drain.get() != null;
            if (writtenLate(event, mode, true)) {
                return;
            }
            waitedNanos = fitInMemory(event, mode);
            int shard = shardIndex();
            int offered = offerInTurn(shard, event);
            if (offered == EventQueue.CLOSED) {
                // The drain began between the check above and the offer: a caller that may wait
                // waits for it (once per event) and writes its event late, as if it had come a moment later.
                countStoppedUnlessWrittenLate(event, mode, !waitedForDrain);
                return;
            }
            if (offered == EventQueue.ACCEPTED) {
                return;
            }
            if (!callersWait) {
                drops.increment(DropReason.QUEUE_FULL);
            } else if (mode == ExecutionMode.THREAD && mayPark(event)) {
                long parkedAt = System.nanoTime();
                waitParked(shard, event, waitTimeoutNanos - waitedNanos);
                waitedNanos += System.nanoTime() - parkedAt;
            } else {
                waitWithoutBlocking(shard, event, null);
            }
        } catch (Throwable unexpected) {
            drops.increment(DropReason.INTERNAL_ERROR);
            InternalErrors.report("submit failed", pipeline.describe(unexpected));
        } finally {
            callerWaits.record(waitedNanos);
        }
    }

    /**
     * Hands an event to the engine in ASYNC mode, never blocking. Returns null when the event was
     * accepted, or dropped and counted, at once; otherwise (queue full, or others waiting, under
     * the {@code wait} policy) a waiter made by {@code waiters}, told once the worker admitted the event
     * or {@code queue.wait-timeout} passed (then it is dropped and counted).
     */
    public <W extends LineWaiter> W submitAsync(LogEvent event, Supplier<W> waiters) {
        try {
            if (inALoop(event) || writtenLate(event, ExecutionMode.ASYNC, true)) {
                return null;
            }
            fitInMemory(event, ExecutionMode.ASYNC);
            int shard = shardIndex();
            int offered = offerInTurn(shard, event);
            if (offered == EventQueue.CLOSED) {
                countStoppedUnlessWrittenLate(event, ExecutionMode.ASYNC, true);
                return null;
            }
            if (offered == EventQueue.ACCEPTED) {
                return null;
            }
            if (!callersWait) {
                drops.increment(DropReason.QUEUE_FULL);
                return null;
            }
            if (refusedAtOnce(shard)) { // the common case under overload: no waiter made for nothing
                drops.increment(DropReason.QUEUE_FULL);
                return null;
            }
            W waiter = waiters.get();
            return waitWithoutBlocking(shard, event, waiter) ? waiter : null;
        } catch (Throwable unexpected) {
            drops.increment(DropReason.INTERNAL_ERROR);
            InternalErrors.report("submit failed", pipeline.describe(unexpected));
            return null;
        }
    }

    /**
     * When the event is heavy (weighed at the call: {@link LogEvent#captureCall}) and the queue's
     * memory budget has no room for it, makes it fit: a THREAD caller under the
     * {@code wait} policy waits for room up to {@code wait-timeout} first; then, or at once for a
     * caller that does not block, the event is trimmed ({@link LogEvent#trim}: its text cut near
     * {@value #TRIMMED_CHARS} characters, its structures to {@value #TRIMMED_ELEMENTS} elements, its
     * throwables' stack traces to as many frames) and
     * counted so. It is never dropped for its weight. Returns how long its caller waited: a wait for
     * room in the queue after it gets only what is left of {@code wait-timeout}.
     */
    private long fitInMemory(LogEvent event, ExecutionMode mode) {
        int weight = event.weight();
        if (weight == 0 || memory.hasRoomFor(weight)) {
            return 0;
        }
        long waited = 0;
        if (callersWait && mode == ExecutionMode.THREAD && mayPark(event)) {
            long start = System.nanoTime();
            boolean fits = memory.awaitRoom(weight, start + waitTimeoutNanos);
            waited = Math.min(waitTimeoutNanos, System.nanoTime() - start);
            if (fits) {
                return waited;
            }
        }
        event.trim(TRIMMED_CHARS, TRIMMED_ELEMENTS);
        trimmed.increment();
        return waited;
    }

    /** What a trimmed event keeps of each text, of its structures' elements in all, and of each stack trace's frames. */
    static final int TRIMMED_CHARS = 512;
    static final int TRIMMED_ELEMENTS = 16;

    /**
     * For callers that never wait (ASYNC, BOUND_LOOP), before they build an event: when their
     * event would be dropped at once (their shard's waiting line is full, or, with nobody in the
     * line, the queue's waiting room is), it is counted as dropped now and true is returned.
     * Protected levels are never refused here. Under overload this keeps a caller's cost for an
     * event it cannot log near nothing, leaving the CPU to the worker.
     */
    public boolean refusesAtOnce(Level level) {
        if (protectedLevel[level.ordinal()] || late != null) {
            return false;
        }
        boolean refused = refusedAtOnce(shardIndex());
        if (refused) {
            drops.increment(DropReason.QUEUE_FULL);
        }
        return refused;
    }

    /** Whether an event of a caller that does not block would find no place to wait: the room, or the line before it, full. */
    private boolean refusedAtOnce(int shard) {
        WaitingLine line = lines[shard];
        return line.isEmpty() ? waitsInRoom(shard) && shards[shard].waitingRoomFull() : line.isFull();
    }

    /** Whether the events of callers that do not block wait in this shard's queue itself when it is full. */
    private boolean waitsInRoom(int shard) {
        return shards[shard].hasWaitingRoom();
    }

    /**
     * Offers the event unless others wait for room, who come first (then reports FULL); a
     * protected level always offers, so it reaches the reserve even behind a waiting line.
     */
    private int offerInTurn(int shard, LogEvent event) {
        boolean isProtected = protectedLevel[event.level().ordinal()];
        // A protected level goes ahead of the waiting events, not of those admitted in their place in
        // the line: one of them may be this thread's last, which its next event must not overtake.
        if (isProtected ? lines[shard].admitted() > 0 : !lines[shard].isEmpty()) {
            return EventQueue.FULL;
        }
        return offer(shard, event, isProtected);
    }

    /**
     * One offer to the shard's queue: an accepted event may wake the worker, a full queue wakes it
     * and marks the high-water mark; a closed one is the caller's to write late or count.
     */
    private int offer(int shard, LogEvent event, boolean isProtected) {
        int result = shards[shard].offer(event, isProtected);
        if (result == EventQueue.ACCEPTED) {
            workers[shard].afterOffer();
        } else if (result == EventQueue.FULL) {
            workers[shard].wake();
            highWatermark.observe();
        }
        return result;
    }

    /**
     * Writes the event with the late writer once the drain is done, after waiting for a drain under
     * way if the caller may block ({@link #awaitDrainIfLate}) and {@code mayWait}; returns whether it did.
     */
    private boolean writtenLate(LogEvent event, ExecutionMode mode, boolean mayWait) {
        if (mayWait) {
            awaitDrainIfLate(mode, event);
        }
        Worker lateWriter = late;
        if (lateWriter == null) {
            return false;
        }
        if (ReactorSupport.isInNonBlockingThread()) {
            // never the sink's write (and its retries) on an event loop: on the late writer's thread
            if (!lateOffTheCaller.offer(event)) {
                countStopped();
            }
            return true;
        }
        lateWriter.writeNow(event);
        return true;
    }

    /**
     * For an event that found the queue closed: written late if it can be, else dropped and counted;
     * {@code mayWait}: false when its caller waited for the drain once already.
     */
    private void countStoppedUnlessWrittenLate(LogEvent event, ExecutionMode mode, boolean mayWait) {
        if (!writtenLate(event, mode, mayWait) && !heldDuringDrain.hold(event)) {
            countStopped();
        }
    }

    /**
     * An event dropped as {@code stopped}. Once drained, no worker looks at the drops any more, so this
     * looks, at most once a second: drops after the drain are told on standard error too.
     */
    private void countStopped() {
        drops.increment(DropReason.STOPPED);
        if (late != null) {
            long now = System.nanoTime();
            if (now - lastLateDropCheck >= LATE_DROP_CHECK_NANOS) {
                lastLateDropCheck = now;
                dropNotices.check(now);
            }
        }
    }

    private static final long LATE_DROP_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private volatile long lastLateDropCheck = System.nanoTime() - LATE_DROP_CHECK_NANOS;

    /**
     * Parks the caller in the waiting line until its event was admitted or its deadline passed
     * ({@code patienceNanos} from now: what is left of {@code wait-timeout}).
     * Awaits even an entry resolved already: a worker that admitted it counts on its caller to wake
     * the next caller it admitted in turn.
     */
    private void waitParked(int shard, LogEvent event, long patienceNanos) {
        WaitingLine line = lines[shard];
        WaitingLine.Entry entry = line.joinParked(event, shards[shard], patienceNanos);
        if (shards[shard].isClosed() && line.withdraw(entry)) {
            // It joined as the drain began, which may end without it: it is written after the drain.
            countStoppedUnlessWrittenLate(event, ExecutionMode.THREAD, true);
            return;
        }
        workers[shard].wake();
        // One that admits itself at its deadline was counted as waiting since it joined: the drain takes it.
        line.await(entry, shards[shard]);
    }

    /**
     * Leaves the event in the queue's waiting room, or in the waiting line if others wait there or
     * the queue has no room ({@code waiter}, if any, is told when it is resolved), or drops and
     * counts it when that is full. Returns whether it waits: false also when it was accepted at
     * once (then {@code waiter} is never told).
     */
    private boolean waitWithoutBlocking(int shard, LogEvent event, LineWaiter waiter) {
        if (waitsInRoom(shard) && lines[shard].isEmpty()) {
            return waitInRoom(shard, event, waiter);
        }
        WaitingLine.Entry entry = lines[shard].join(event, waiter, shards[shard]);
        if (entry == null) {
            drops.increment(DropReason.QUEUE_FULL);
            return false;
        }
        afterJoining(shard, entry);
        return !entry.accepted();
    }

    /**
     * Leaves the event of a caller that does not block in the queue's waiting room: in the ring
     * itself, admitted as the worker frees room ({@code waiter}, if any, told then), expired by the
     * sweep if it is not by its deadline (told then). Dropped and counted when the waiting room is
     * full too. Returns whether it waits: false also when it went straight into the queue (then
     * {@code waiter} is never told).
     */
    private boolean waitInRoom(int shard, LogEvent event, LineWaiter waiter) {
        int result = shards[shard].offerToWait(event, System.nanoTime() + waitTimeoutNanos, waiter);
        if (result == EventQueue.ACCEPTED) {
            workers[shard].afterOffer();
            return false;
        }
        if (result == EventQueue.WAITING) {
            workers[shard].afterOffer();
            roomSweeps[shard].request(waitTimeoutNanos);
            return true;
        }
        if (result == EventQueue.FULL) {
            drops.increment(DropReason.QUEUE_FULL);
            workers[shard].wake();
        } else {
            countStoppedUnlessWrittenLate(event, ExecutionMode.ASYNC, false);
        }
        return false;
    }

    /**
     * Wakes the worker, which takes the entry in its turn; resolves the entry at once if the queue
     * closed meanwhile (the worker may have left).
     */
    private void afterJoining(int shard, WaitingLine.Entry entry) {
        if (shards[shard].isClosed()) {
            LogEvent event = entry.event; // before the withdrawal lets go of it
            if (lines[shard].withdraw(entry)) {
                // It joined as the drain began: held and written after it, as a parked caller's event is.
                countStoppedUnlessWrittenLate(event, ExecutionMode.ASYNC, false);
                entry.notifyWaiter();
            }
        }
        workers[shard].wake();
    }

    /** Test probe: the longest pause a worker is parked for now, 0 when none is parked. */
    long longestParkNanos() {
        long longest = 0;
        for (Worker worker : workers) {
            longest = Math.max(longest, worker.parkedForNanos());
        }
        return longest;
    }

    /** Test seam: every worker calls {@code injection} at each {@link Worker.FaultPoint}; it may throw there. */
    void injectFaults(java.util.function.Consumer<Worker.FaultPoint> injection) {
        for (Worker worker : workers) {
            worker.injectFaults(injection);
        }
    }

    /**
     * Whether the event is logged on a worker while it handles or writes an event that was itself
     * logged on fapilog's own threads, on the thread writing late events while it writes such an
     * event, or on another of fapilog's threads (a sink's hand-off) while it writes such events: then
     * it is dropped and counted ({@link DropReason#LOGGING_LOOP}). Logged on them otherwise, it is
     * marked as theirs, and goes on.
     */
    private boolean inALoop(LogEvent event) {
        Thread current = Thread.currentThread();
        for (Worker worker : workers) {
            if (worker.thread() == current) {
                if (!worker.processing()) {
                    continue;  // a worker that ran on this pooled thread before (ASYNC and BOUND_LOOP workers)
                }
                return loggedInALoop(event, worker.handlingLoggedEvent());
            }
        }
        Worker lateWriter = counted; // null until the drain ends
        if (lateWriter != null && lateWriter.writesNowOn(current)) {
            return loggedInALoop(event, lateWriter.writingOwnEventNow());
        }
        if (current instanceof FapilogThreads.OwnThread own) {
            return loggedInALoop(event, own.writesOwnEvents());
        }
        return false;
    }

    private boolean loggedInALoop(LogEvent event, boolean handlingOwnEvent) {
        if (handlingOwnEvent) {
            drops.increment(DropReason.LOGGING_LOOP);
            return true;
        }
        event.markLoggedWhileHandling();
        return false;
    }

    /**
     * Whether a THREAD caller may park for room: not on a Reactor non-blocking thread; not on one of
     * fapilog's own threads (a worker, a sink's hand-off: a sink, or a library it calls, logging);
     * and not for an event of a sink's client library, whose thread that sink may be waiting for.
     */
    private boolean mayPark(LogEvent event) {
        return !ReactorSupport.isInNonBlockingThread() && !FapilogThreads.isCurrent() && !isClientLogger(event.loggerName());
    }

    private boolean isClientLogger(String logger) {
        return Worker.startsWithAny(logger, clientLoggers);
    }


    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number
    private int shardIndex() {
        return shards.length == 1 ? 0 : (int) (Thread.currentThread().getId() % shards.length);
    }

    public void addBatchObserver(BatchObserver observer) {
        observers.add(observer);
    }

    /** Wakes idle workers so that queued events are written now rather than at the batch timeout. */
    public void wakeWorkers() {
        for (Worker worker : workers) {
            worker.wake();
        }
    }

    /**
     * Where each shard's queue and waiting line stand now: the events accepted so far lie before
     * these marks. {@link #handledPast} tells when the workers have handled everything before them.
     */
    public long[] flushMarks() {
        long[] marks = new long[shards.length * 2];
        for (int i = 0; i < shards.length; i++) {
            marks[2 * i] = shards[i].acceptedCount();
            marks[2 * i + 1] = lines[i].taken();
        }
        return marks;
    }

    /**
     * Whether every event before {@code marks} ({@link #flushMarks}) was written, dropped or
     * filtered. Per shard and by position, not by counting: events logged later and dropped or
     * handled by another worker meanwhile do not make up for earlier ones still in progress.
     */
    public boolean handledPast(long[] marks) {
        for (int i = 0; i < workers.length; i++) {
            if (workers[i].handledInQueue() < marks[2 * i] || workers[i].handledFromLine() < marks[2 * i + 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the sinks with a thread of their own wrote every batch the workers handed them
     * so far, at most until {@code deadlineNanos}: a worker counts an event processed once handed off.
     */
    public void awaitHandOffsWritten(long deadlineNanos) {
        for (SinkBinding binding : sinks) {
            if (binding.sink() instanceof HandOffSink handOff) {
                handOff.awaitWritten(deadlineNanos);
            }
        }
    }

    public void removeBatchObserver(BatchObserver observer) {
        observers.remove(observer);
    }

    /** Health of every sink: circuit state and error counts. */
    public List<SinkHealth> sinkHealth() {
        List<SinkHealth> health = new ArrayList<>(sinks.size());
        for (SinkBinding binding : sinks) {
            if (binding.sink() instanceof HandOffSink handOff) {
                health.add(handOff.health());
            } else if (binding.sink() instanceof ResilientSink resilient) {
                health.add(resilient.health());
            } else {
                health.add(new SinkHealth(binding.sink().name(), CircuitState.CLOSED, 0, null, 0));
            }
        }
        return health;
    }

    /** The workers: how many run, how often one was restarted, how many failures they contained. */
    public WorkerHealth workerHealth() {
        int alive = 0;
        long restarts = 0;
        long faults = 0;
        long now = System.nanoTime();
        long longest = 0;
        Worker held = null;
        for (Worker worker : workers) {
            alive += worker.alive() ? 1 : 0;
            restarts += worker.restarts();
            faults += worker.faults();
            long batch = worker.batchNanos(now);
            if (batch > longest) {
                longest = batch;
                held = worker;
            }
        }
        String at = longest >= WorkerHealth.DESCRIBED_AFTER.toNanos() ? HeldWorker.where(held.thread()) : null;
        if (at != null && held.batchNanos(System.nanoTime()) == 0) {
            at = null; // the batch ended while its stack was read: the frame is the idle worker's
        }
        return new WorkerHealth(workers.length, alive, restarts, faults, Duration.ofNanos(longest), at);
    }

    /**
     * Events in the queue, all shards together. With several shards, the shared count: summing the
     * shards' sizes, read one after another while they change, could pass the capacity.
     */
    /** Events queued, not counting waiting events that expired and are still in the ring (counted as dropped). */
    private int queueSize() {
        return admission != null ? (int) admission.used() : shards[0].queued();
    }

    public boolean isStopped() {
        return drain.get() != null;
    }

    public EngineStats stats() {
        return stats(true);
    }

    /**
     * @param countHeld whether events held during the drain and not yet written count as submitted
     *                  (in flight); not for the drain's own result, which covers the events up to it
     *                  and must balance: a held event a caller is still writing is one for after it
     */
    private EngineStats stats(boolean countHeld) {
        long accepted = 0;
        long expired = 0;
        long cancelled = 0;
        long processed = 0;
        long filtered = 0;
        long pipelineDrops = 0;
        long failedEvents = 0;
        long lateOverflowed = 0;
        for (int i = 0; i < shards.length; i++) {
            // Read the worker's counters before the queue's and the waiting line's: an event can then
            // only look "in flight", never counted twice.
            processed += workers[i].processed();
            filtered += workers[i].filtered();
            pipelineDrops += workers[i].dropped();
            failedEvents += workers[i].failed();
            long lineExpired = lines[i].expired();
            long lineCancelled = lines[i].cancelled();
            expired += lineExpired + shards[i].expiredCount();  // the queue's were counted as accepted already
            cancelled += lineCancelled;
            // A waiting event counts once resolved, by outcome (taken, expired, cancelled),
            // each outcome read once and used on both sides.
            accepted += lines[i].taken() + lineExpired + lineCancelled;
        }
        // After the counters (an event drained and written since shows as in flight, not twice) and
        // the queue's expired count (one expired since is left out of the size, not counted twice);
        // before the accepted count (one accepted since shows as in flight).
        int size = queueSize();
        highWatermark.record(size);  // the worker observes it between batches: not while a sink holds it
        for (EventQueue shard : shards) {
            accepted += shard.acceptedCount();
        }
        Worker lateWriter = counted;
        if (lateWriter != null) {
            // Each late event ends in exactly one of these, so it counts as submitted too; each read
            // once and used on both sides, as late events may be written while this runs.
            long lateProcessed = lateWriter.processed();
            long lateFiltered = lateWriter.filtered();
            long lateDropped = lateWriter.dropped();
            long lateFailed = lateWriter.failed();
            lateOverflowed = lateWriter.overflowed();
            processed += lateProcessed;
            filtered += lateFiltered;
            pipelineDrops += lateDropped;
            failedEvents += lateFailed;
            accepted += lateProcessed + lateFiltered + lateDropped + lateFailed + lateOverflowed;
        }
        if (countHeld) {
            // After the late writer's counters: an event it writes meanwhile is then left out on both sides, not counted twice.
            accepted += heldDuringDrain.waiting();
        }
        long enqueueDrops = drops.total();
        var byReason = drops.byReason();
        byReason.merge(DropReason.REDACTION_FAILED, pipelineDrops, Long::sum);
        byReason.merge(DropReason.EVENT_FAILED, failedEvents, Long::sum);
        byReason.merge(DropReason.WAIT_TIMEOUT, expired, Long::sum);
        byReason.merge(DropReason.STOPPED, cancelled, Long::sum);
        byReason.merge(DropReason.QUEUE_FULL, lateOverflowed, Long::sum);
        long dropped = enqueueDrops + pipelineDrops + failedEvents + expired + cancelled + lateOverflowed;
        return new EngineStats(accepted + enqueueDrops, processed, dropped, byReason, filtered,
                size, settings.queueCapacity(), highWatermark.get(), trimmed.sum(), memory.held(), callerWaits.calls(),
                callerWaits.nanos());
    }

    /**
     * Stops intake and completes when every accepted event went through the pipeline and the sinks
     * were flushed and closed, however long that takes (a sink that never returns holds it for
     * good). Idempotent: later calls return the same future.
     */
    public CompletableFuture<DrainResult> stopAndDrain() {
        return stopAndDrain(Duration.ofSeconds(LATE_WAIT_SECONDS));
    }

    /**
     * As {@link #stopAndDrain()}; events logged while it runs wait for it (see {@link #awaitDrainIfLate})
     * at most until {@code patience} after its start, so that a drain a sink holds past its timeout
     * does not hold every later call too.
     */
    public CompletableFuture<DrainResult> stopAndDrain(Duration patience) {
        CompletableFuture<DrainResult> future = new CompletableFuture<>();
        if (!drain.compareAndSet(null, future)) {
            return drain.get();
        }
        long start = System.nanoTime();
        lateWaitEnds = start + patience.toNanos();
        start();
        for (SinkBinding binding : sinks) {
            if (binding.sink() instanceof HandOffSink handOff) {
                handOff.beginDrain(); // a slow sink's back-pressure ends in time too
            }
        }
        for (EventQueue shard : shards) {
            shard.close();
        }
        CompletableFuture<?>[] finished = new CompletableFuture<?>[workers.length];
        for (int i = 0; i < workers.length; i++) {
            workers[i].wake();
            finished[i] = workers[i].finished();
        }
        // On a thread of its own: closing the sinks may take long, and must not run on the thread
        // that called stopAndDrain (when the workers were done already), which waits with a timeout.
        CompletableFuture.allOf(finished).whenCompleteAsync((ignored, error) -> {
            try {
                awaitWaitersTold();
                closeSinks();
                host.dispose();
                if (holdsExpiryThread) {
                    ReactorSupport.releaseExpiryThread();
                }
                Worker lateWriter = lateWriter();
                counted = lateWriter; // before it writes the held events: counted as written the moment they are
                heldDuringDrain.release(lateWriter);  // first: no event written late may overtake a held one
                lateOffTheCaller = new LateWritesOffTheCaller(lateWriter, settings.queueCapacity());
                late = lateWriter;
                EngineStats stats = stats(false);
                dropNotices.atDrain();
                future.complete(new DrainResult(stats.submitted(), stats.processed(), stats.dropped(),
                        stats.filtered(), stats.highWatermark(), Duration.ofNanos(System.nanoTime() - start)));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, Engine::onDrainThread);
        return future;
    }

    /** Runs the end of a drain on a daemon thread named as fapilog's own, which never waits for the drain. */
    private static void onDrainThread(Runnable task) {
        Thread thread = FapilogThreads.newThread(task, "fapilog-drain");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Lets the telling tasks finish (bounded by {@link #TOLD_WITHIN_NANOS}), so that when the drain
     * completes, the {@code Mono}s of the events it wrote have completed too.
     */
    private void awaitWaitersTold() {
        long deadline = System.nanoTime() + TOLD_WITHIN_NANOS;
        for (WaitingLine line : lines) {
            line.acceptedWaiters().awaitTold(deadline);
        }
    }

    /** How long the end of a drain waits for the telling tasks (normally microseconds). */
    private static final long TOLD_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How long an event logged while the drain runs waits for it to finish, to be written synchronously then. */
    private static final long LATE_WAIT_SECONDS = 5;

    /** {@link System#nanoTime()} past which no event waits for the drain any more; set when it starts. */
    private volatile long lateWaitEnds;

    /**
     * An event logged on an ordinary thread while the drain runs (another shutdown hook, a
     * {@code @PreDestroy}) waits for the drain to finish, at most {@value #LATE_WAIT_SECONDS} s and
     * never past the drain's own patience, and is then written synchronously instead of being dropped. Fapilog's own threads (workers, sink hand-offs,
     * the shutdown hook) never wait, since the drain may be waiting for them.
     */
    private void awaitDrainIfLate(ExecutionMode mode, LogEvent event) {
        CompletableFuture<DrainResult> draining = drain.get();
        if (draining == null || late != null || mode != ExecutionMode.THREAD || ReactorSupport.isInNonBlockingThread()
                || FapilogThreads.isCurrent() || isClientLogger(event.loggerName())) {  // the drain may be waiting for that client
            return;
        }
        long patience = Math.min(TimeUnit.SECONDS.toNanos(LATE_WAIT_SECONDS), lateWaitEnds - System.nanoTime());
        if (patience <= 0) {
            return;  // the drain outlasted its timeout: the event is held, not its caller
        }
        try {
            draining.get(patience, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // not drained in time: the event is dropped and counted as stopped
        }
    }

    /**
     * The writer of events logged after the drain (a {@code @PreDestroy}, another shutdown hook):
     * the same pipeline and encoders, the sinks without their hand-off threads. A sink that no
     * longer takes writes (a closed file) sends them to its fallback, standard error by default.
     */
    private Worker lateWriter() {
        List<SinkBinding> direct = new ArrayList<>(sinks.size());
        for (SinkBinding binding : sinks) {
            direct.add(binding.sink() instanceof HandOffSink handOff
                    ? binding.withSink(handOff.lateSink()) : binding);
        }
        return new Worker(new EventQueue(1, 0), new WaitingLine(1, 0, null), pipeline, direct,
                new CopyOnWriteArrayList<>(), highWatermark, 1, settings.batchTimeout().toNanos(), () -> { });
    }

    /** Hand-offs stop together first, so that their close timeouts run at the same time, not one after another. */
    private void closeSinks() {
        for (SinkBinding binding : sinks) {
            if (binding.sink() instanceof HandOffSink handOff) {
                handOff.stopTaking();
            }
        }
        for (SinkBinding binding : sinks) {
            try {
                binding.sink().close();
            } catch (Exception e) {
                InternalErrors.report("sink " + binding.sink().name() + " failed to close", pipeline.describe(e));
            }
        }
    }
}
