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

    /**
     * While waiting with no subscriber: null in the waiting line, the {@link WaitingRoom} in a
     * queue's waiting room (one field for both keeps this object small: there is one per waiting
     * event). Then the subscribers' {@link Sinks.Empty}; {@link #RESOLVED} at the end.
     */
    private volatile Object state;
    /** Its event's ring index in the waiting room; written before {@link #state} names the room. */
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
            if (current instanceof Sinks.Empty<?> listeners) {
                ((Sinks.Empty<Void>) listeners).asMono().subscribe(actual);
                return;
            }
            // Resolved exactly once, by resolved() below, so the unserialized sink is enough.
            Sinks.Empty<Void> listeners = Sinks.unsafe().empty();
            if (STATE.compareAndSet(this, current, listeners)) {
                listeners.asMono().subscribe(actual);
                if (current instanceof WaitingRoom room && !room.listen(index)) {
                    resolved();  // resolved before anybody listened: nobody may tell
                }
                return;
            }
        }
    }

    @Override
    public boolean seated(WaitingRoom room, long index) {
        this.index = index;
        this.state = room;
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

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WaitingLog.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
