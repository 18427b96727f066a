package io.fapilog.internal.engine;

/**
 * A caller that left its event in the {@link WaitingLine} without blocking and wants to know when
 * the event was resolved: taken by the worker, or dropped (expired, cancelled). Told exactly once,
 * never on a worker thread unless the engine runs without a timer. Must not block.
 */
@FunctionalInterface
public interface LineWaiter {

    void resolved();

    /**
     * Resolves now, on the worker, if that runs nobody's code (nobody listens yet), and returns
     * true; otherwise returns false and {@link #resolved()} follows off the worker. Lets a worker
     * resolve the waiters of fire-and-forget callers without a task on another thread.
     */
    default boolean resolvedQuietly() {
        return false;
    }

    /**
     * Whether {@link #resolvedQuietly()} may succeed now (nobody listens yet): a plain read, so a
     * worker can first look at all the waiters of a round, their cache misses overlapping, and
     * then resolve them one by one in a warm cache. A waiter that may resolve quietly says so
     * here: while no waiter of a round is unheard, the worker does not try.
     */
    default boolean unheard() {
        return false;
    }

    /**
     * Called once when its event waits in a queue's waiting room, at ring {@code index}, before the
     * caller gets the waiter back. A waiter that returns true is told only once it asked to be,
     * with {@link WaitingRoom#listen} (a {@code Mono} once somebody subscribes): the worker does
     * not touch the waiters of fire-and-forget callers. By default it is told in any case.
     */
    default boolean seated(WaitingRoom room, long index) {
        return false;
    }

    /** Tells {@code waiter}; a caller's code that throws is reported, and keeps no other waiter from hearing. */
    static void tell(LineWaiter waiter) {
        try {
            waiter.resolved();
        } catch (Throwable e) {
            InternalErrors.report("telling a waiting caller failed", e);
        }
    }
}
