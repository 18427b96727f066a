package io.fapilog.internal.engine;

/**
 * A caller that left its event in the {@link WaitingLine} without blocking and wants to know when
 * the event was resolved: moved into the queue, or dropped (expired, cancelled). Told exactly once,
 * never on a worker thread unless the engine runs without a timer. Must not block.
 */
@FunctionalInterface
public interface LineWaiter {

    void resolved();
}
