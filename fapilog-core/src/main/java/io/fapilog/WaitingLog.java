package io.fapilog;

import io.fapilog.internal.engine.LineWaiter;
import io.fapilog.internal.engine.WaitingRoom;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The {@code Mono} of an ASYNC call whose event waits in the engine's waiting line or its queue's
 * waiting room: it completes when the event is resolved. Nobody subscribed yet (fire and forget,
 * or not yet): in the room, the worker does not look at it at all, and the first subscriber asks
 * the room to be told, or learns that the event was resolved already; in the line, the worker
 * resolves it in passing, one compare-and-set. Either way a subscriber after the resolution
 * completes at once on its own thread. Somebody subscribed: the engine tells it off the worker (on
 * Reactor's parallel threads), so the caller's chain never runs on a worker and needs no thread
 * hop of its own. A Reactor sink for the subscribers is made only when the first one comes.
 */
final class WaitingLog extends Mono<Void> implements LineWaiter {

    private static final Object RESOLVED = new Object();

    /** Null while waiting with no subscriber; then the subscribers' {@link Sinks.Empty}; {@link #RESOLVED} at the end. */
    private volatile Object state;
    /**
     * The waiting room its event waits in, if it does (else the waiting line tells it in any case).
     * Released after {@link #index}: a subscriber that got this {@code Mono} through a data race
     * still listens.
     */
    private WaitingRoom room;
    private long index;

    Mono<Void> mono() {
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void subscribe(CoreSubscriber<? super Void> actual) {
        while (true) {
            Object current = state;
            if (current == RESOLVED) {
                Operators.complete(actual);
                return;
            }
            if (current != null) {
                ((Sinks.Empty<Void>) current).asMono().subscribe(actual);
                return;
            }
            // Resolved exactly once, by resolved() below, so the unserialized sink is enough.
            Sinks.Empty<Void> listeners = Sinks.unsafe().empty();
            if (STATE.compareAndSet(this, null, listeners)) {
                listeners.asMono().subscribe(actual);
                WaitingRoom seat = (WaitingRoom) ROOM.getAcquire(this);
                if (seat != null && !seat.listen(index)) {
                    resolved();  // resolved before anybody listened: nobody may tell
                }
                return;
            }
        }
    }

    @Override
    public boolean seated(WaitingRoom room, long index) {
        this.index = index;
        ROOM.setRelease(this, room);
        return true;
    }

    @Override
    public boolean unheard() {
        return state == null;
    }

    @Override
    public boolean resolvedQuietly() {
        return STATE.compareAndSet(this, null, RESOLVED);
    }

    @Override
    public void resolved() {
        // A subscriber that read the sink before this swap still completes: the sink tells late ones.
        if (STATE.getAndSet(this, RESOLVED) instanceof Sinks.Empty<?> listeners) {
            listeners.tryEmitEmpty();
        }
    }

    private static final VarHandle STATE;
    private static final VarHandle ROOM;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WaitingLog.class, "state", Object.class);
            ROOM = MethodHandles.lookup().findVarHandle(WaitingLog.class, "room", WaitingRoom.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
