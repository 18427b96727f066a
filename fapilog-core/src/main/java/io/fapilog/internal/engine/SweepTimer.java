package io.fapilog.internal.engine;

/** Runs a task once after a delay; the engine uses Reactor's parallel scheduler when Reactor is present. Must not block. */
@FunctionalInterface
public interface SweepTimer {

    void schedule(Runnable task, long delayNanos);
}
