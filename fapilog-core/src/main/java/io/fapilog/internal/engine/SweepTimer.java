package io.fapilog.internal.engine;

/** Runs a task once after a delay; ASYNC mode passes Reactor's parallel scheduler. Must not block. */
@FunctionalInterface
public interface SweepTimer {

    void schedule(Runnable task, long delayNanos);
}
