package io.fapilog.internal.engine;

/**
 * A queue's waiting room, as a {@link LineWaiter} that listens only once somebody listens to it
 * sees it (see {@link LineWaiter#seated}).
 */
public interface WaitingRoom {

    /**
     * Asks for {@code waiter} to be told when its event, waiting in {@code slot} with
     * {@code deadline} (as given to {@link LineWaiter#seated}), is admitted or expires. Returns
     * true if it will be told; false if the event was resolved already: then nobody tells it,
     * and it resolves itself. One compare-and-set, with the worker's admission of the slot, so
     * exactly one of the two happens.
     */
    boolean listen(int slot, long deadline, LineWaiter waiter);
}
