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
}
