package io.fapilog.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Injects failures into an engine's workers where their per-event, per-sink and per-observer
 * containment does not reach, for tests outside this package.
 */
public final class EngineFaults {

    private EngineFaults() {
    }

    /** The longest pause one of the engine's workers is parked for now (0 when none is parked). */
    public static long longestParkNanos(Engine engine) {
        return engine.longestParkNanos();
    }

    /**
     * The next {@code times} batches each fail after they were taken out of the queue and before
     * they were processed, with an {@link Error}; with {@code threadEnds}, recovering from each
     * fails too, so the worker's thread ends and the engine must start another.
     */
    /**
     * As {@link #failBatches} with the thread ending, and no new thread to be had either (out of
     * memory, out of threads): the ending thread must run the worker again itself.
     */
    public static void failBatchesWithoutNewThreads(Engine engine, int times) {
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger recoveries = new AtomicInteger();
        AtomicInteger launches = new AtomicInteger();
        engine.injectFaults(point -> {
            if (point == Worker.FaultPoint.AFTER_DRAIN && batches.incrementAndGet() <= times) {
                throw new NoClassDefFoundError("injected: the loop fails");
            }
            if (point == Worker.FaultPoint.RECOVERY && recoveries.incrementAndGet() <= times) {
                throw new OutOfMemoryError("injected: recovering fails too, the thread ends");
            }
            if (point == Worker.FaultPoint.RELAUNCH && launches.incrementAndGet() <= times) {
                throw new OutOfMemoryError("injected: unable to create native thread");
            }
        });
    }

    public static void failBatches(Engine engine, int times, boolean threadEnds) {
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger recoveries = new AtomicInteger();
        engine.injectFaults(point -> {
            if (point == Worker.FaultPoint.AFTER_DRAIN && batches.incrementAndGet() <= times) {
                throw new NoClassDefFoundError("injected: the loop fails");
            }
            if (point == Worker.FaultPoint.RECOVERY && threadEnds && recoveries.incrementAndGet() <= times) {
                throw new OutOfMemoryError("injected: recovering fails too, the thread ends");
            }
        });
    }
}
