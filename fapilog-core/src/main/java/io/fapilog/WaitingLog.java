package io.fapilog;

import io.fapilog.internal.engine.LineWaiter;
import io.fapilog.internal.engine.WaitingRoom;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The {@code Mono} of an ASYNC call whose event waits in the engine's waiting line or its queue's
 * waiting room: it completes when the event is resolved. Nobody subscribed yet (fire and forget,
 * or not yet): in the room, the worker does not look at it at all, and the first subscriber asks
 * the room to be told, or learns that the event was resolved already; in the line, the worker
 * resolves it in passing, one compare-and-set. Either way a subscriber after the resolution
 * completes at once on its own thread. Somebody subscribed: the engine tells it off the worker (on
 * Reactor's parallel threads when the event was accepted, on the {@code fapilog-expiry} thread when
 * it expired), so the caller's chain never runs on a worker and needs no thread hop of its own.
 * The subscribers wait in a stack of one small {@link Listener} each; a cancelled one stays there,
 * silent, until the event is resolved (at the latest at its wait timeout).
 */
final class WaitingLog extends Mono<Void> implements LineWaiter {

    private static final Object RESOLVED = new Object();

    /**
     * While waiting with no subscriber: null in the waiting line, the {@link WaitingRoom} in a
     * queue's waiting room (one field for both keeps this object small: there is one per waiting
     * event). Then the last {@link Listener} to subscribe; {@link #RESOLVED} at the end.
     */
    private volatile Object state;
    /** Its event's ring index in the waiting room; written before {@link #state} names the room. */
    private long index;

    Mono<Void> mono() {
        return this;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Void> actual) {
        Object current = state;
        if (current == RESOLVED) {
            Operators.complete(actual);
            return;
        }
        Listener listener = new Listener(actual);
        actual.onSubscribe(listener);  // before it can be told: a resolution may follow the swap at once
        while (true) {
            if (current == RESOLVED) {
                listener.complete();
                return;
            }
            listener.next = current instanceof Listener earlier ? earlier : null;
            if (STATE.compareAndSet(this, current, listener)) {
                if (current instanceof WaitingRoom room && !room.listen(index)) {
                    resolvedBeforeListening(actual);
                }
                return;
            }
            current = state;
        }
    }

    /**
     * The room resolved the event before anybody listened, so nobody will tell: told here, on the
     * subscriber's thread. Another subscriber's failure is not this one's to receive.
     */
    private void resolvedBeforeListening(CoreSubscriber<? super Void> actual) {
        try {
            resolved();
        } catch (Throwable e) {
            Operators.onErrorDropped(e, actual.currentContext());
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

    /**
     * Completes every subscriber that has not cancelled, in the order they subscribed; one that
     * throws keeps none of the others from hearing, and the first failure is rethrown after.
     */
    @Override
    public void resolved() {
        // A subscriber that finds the state swapped before its own swap completes on its own thread.
        Object last = STATE.getAndSet(this, RESOLVED);
        Throwable failure = null;
        for (Listener listener = last instanceof Listener l ? Listener.reversed(l) : null; listener != null;
                listener = listener.next) {
            try {
                listener.complete();
            } catch (Throwable e) {
                Exceptions.throwIfJvmFatal(e);
                if (failure == null) {
                    failure = e;
                } else if (failure != e) {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);  // a checked exception, thrown by a subscriber that hid it from javac
        }
    }

    /** One subscriber and its subscription: a {@code Mono<Void>} has nothing to request, only to cancel. */
    private static final class Listener implements Subscription {
        private final CoreSubscriber<? super Void> actual;
        /** The one who subscribed before, written before this listener is published. */
        private Listener next;
        private volatile boolean cancelled;

        Listener(CoreSubscriber<? super Void> actual) {
            this.actual = actual;
        }

        void complete() {
            if (!cancelled) {
                actual.onComplete();
            }
        }

        /** The stack from {@code last} turned around, first subscriber first; only once nobody else reads it. */
        static Listener reversed(Listener last) {
            Listener first = null;
            for (Listener current = last; current != null; ) {
                Listener next = current.next;
                current.next = first;
                first = current;
                current = next;
            }
            return first;
        }

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
            cancelled = true;
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
