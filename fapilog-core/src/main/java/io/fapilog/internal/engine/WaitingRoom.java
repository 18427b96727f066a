package io.fapilog.internal.engine;

/**
 * A queue's waiting room, as a {@link LineWaiter} that listens only once somebody listens to it
 * sees it (see {@link LineWaiter#seated}).
 */
public interface WaitingRoom {

    /**
     * Asks for the waiter of the event at {@code index} (as given to {@link LineWaiter#seated}) to
     * be told when the event is admitted or expires. Returns true if it will be told; false if the
     * event was resolved already, or is being resolved now: then the waiter resolves itself (it
     * may still be told as well, in a close race, so resolving must be idempotent). Decided by one
     * compare-and-set on the event's slot, against the worker's and the sweep's.
     */
    boolean listen(long index);
}
