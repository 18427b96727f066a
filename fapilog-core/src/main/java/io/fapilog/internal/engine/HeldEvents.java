package io.fapilog.internal.engine;

import io.fapilog.internal.event.LogEvent;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events logged while the drain runs by callers that cannot wait for it (an event loop, an ASYNC
 * caller, fapilog's own threads) or waited for it in vain: held, up to {@code capacity} for the
 * engine's life, and written by the late writer once the drain ended, after its events, as a
 * THREAD caller's are once it waited. Past the capacity they are dropped (and counted by the caller).
 * Until written, a held event counts as submitted and in flight ({@link #waiting()}).
 */
final class HeldEvents {

    private final ConcurrentLinkedQueue<LogEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int capacity;
    private volatile Worker writer;
    /** The thread writing the held events now, else null. */
    private volatile Thread writingOn;

    HeldEvents(int capacity) {
        this.capacity = capacity;
    }

    /** Holds {@code event} until {@link #release}, or writes it at once after it; false when full. */
    boolean hold(LogEvent event) {
        if (held.get() >= capacity || held.incrementAndGet() > capacity) {
            return false;
        }
        waiting.incrementAndGet();
        events.add(event);
        // Released meanwhile: its pass may have missed this one. Held by that pass's own write (a sink that
        // logs), it is the pass's to write, in turn: a pass of its own would push the rest into that write.
        if (writer != null && writingOn != Thread.currentThread()) {
            writeHeld();
        }
        return true;
    }

    /**
     * Writes the events held so far, and from now on any held later, with {@code lateWriter}. Call it
     * before events go to the late writer directly, so that none overtakes an event held before it.
     */
    void release(Worker lateWriter) {
        writer = lateWriter;
        writeHeld();
    }

    /** One writer at a time, polling and writing under one lock: the events keep the order they were held in. */
    private synchronized void writeHeld() {
        Worker lateWriter = writer;
        writingOn = Thread.currentThread();
        try {
            LogEvent event;
            while ((event = events.poll()) != null) {
                lateWriter.writeNow(event);
                waiting.decrementAndGet();  // after the late writer counted it: read its counters first
            }
        } finally {
            writingOn = null;
        }
    }

    /** Events held and not yet written. */
    int waiting() {
        return waiting.get();
    }
}
