package io.fapilog.internal.engine;

/**
 * Runs a task once after a delay. With Reactor present the engine tells waiting callers on Reactor's
 * parallel scheduler and expires their events on its own {@code fapilog-expiry} thread. Must not block.
 */
@FunctionalInterface
public interface SweepTimer {

    void schedule(Runnable task, long delayNanos);
}
