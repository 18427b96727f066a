package io.fapilog.internal.event;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recycles events, so that once the engine runs warm a log call allocates no event of its own.
 *
 * <p>Workers give back the events they wrote ({@link Recycler}), cleared, in chunks of
 * {@value #CHUNK}; a logging thread takes a whole chunk when its own runs out and then takes events
 * from it with no synchronisation at all. So the threads meet once per chunk (a lock-free queue
 * offer and poll), never per event. The pool holds at most {@value #MAX_CHUNKS} chunks (a full
 * queue of the production preset and some); a worker drops what is beyond, and a thread finding
 * the pool empty allocates.
 *
 * <p>An event is given back only by the worker that wrote it, after its sinks had its batch: the
 * queue's slots and the waiting line no longer hold it then, and the sinks get bytes, not events.
 * Events dropped before they reach a worker are left to the garbage collector. Virtual threads
 * allocate, as they keep no thread-local chunk worth having.
 */
public final class EventPool {

    static final int CHUNK = 256;
    static final int MAX_CHUNKS = 64;

    private static final ConcurrentLinkedQueue<LogEvent[]> FULL = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<LogEvent[]> EMPTY = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger FULL_CHUNKS = new AtomicInteger();
    private static final AtomicInteger EMPTY_CHUNKS = new AtomicInteger();
    private static final ThreadLocal<Chunk> CHUNKS = ThreadLocal.withInitial(Chunk::new);

    private EventPool() {
    }

    /** A cleared event for the calling thread to fill, or null when the pool has none to lend it. */
    static LogEvent take() {
        if (ThreadNames.isVirtual(Thread.currentThread())) {
            return null;
        }
        Chunk chunk = CHUNKS.get();
        if (chunk.size == 0 && !chunk.refill()) {
            return null;
        }
        LogEvent[] events = chunk.events;
        int last = --chunk.size;
        LogEvent event = events[last];
        events[last] = null;
        return event;
    }

    /** Full chunks in the pool, for tests. */
    static int pooledChunks() {
        return FULL_CHUNKS.get();
    }

    /** A logging thread's chunk of events to take from. */
    private static final class Chunk {
        LogEvent[] events;
        int size;

        /** Swaps this thread's empty chunk for a full one from the pool; false if there is none. */
        boolean refill() {
            LogEvent[] full = FULL.poll();
            if (full == null) {
                return false;
            }
            FULL_CHUNKS.decrementAndGet();
            giveBackEmpty(events);
            events = full;
            size = full.length;
            return true;
        }
    }

    private static void giveBackEmpty(LogEvent[] events) {
        if (events != null && EMPTY_CHUNKS.get() < MAX_CHUNKS) {
            EMPTY_CHUNKS.incrementAndGet();
            EMPTY.offer(events);
        }
    }

    /** Where a worker gives back the events it is done with. Not thread-safe: one per worker. */
    public static final class Recycler {

        private LogEvent[] events;
        private int size;

        /** Gives {@code event} back; nothing may read or hold it afterwards. */
        public void recycle(LogEvent event) {
            event.clear();
            if (events == null) {
                events = emptyChunk();
            }
            events[size++] = event;
            if (size == CHUNK) {
                if (FULL_CHUNKS.get() < MAX_CHUNKS) {
                    FULL_CHUNKS.incrementAndGet();
                    FULL.offer(events);
                }
                events = null;
                size = 0;
            }
        }

        private static LogEvent[] emptyChunk() {
            LogEvent[] empty = EMPTY.poll();
            if (empty == null) {
                return new LogEvent[CHUNK];
            }
            EMPTY_CHUNKS.decrementAndGet();
            return empty;
        }
    }
}
