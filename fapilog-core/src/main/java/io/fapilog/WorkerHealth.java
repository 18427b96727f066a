package io.fapilog;

/**
 * A snapshot of the engine's workers, as shown by the actuator endpoint and health indicator.
 *
 * @param workers workers configured
 * @param alive workers whose thread runs their loop now; fewer than {@code workers} while one is
 *              being restarted, before the start and after the drain
 * @param restarts times a worker's loop or thread ended on a failure and was started again
 * @param faults failures the workers contained and went on after: an event that could not be
 *               processed (also counted as dropped, {@code event_failed}), a failing batch
 *               observer, a sink write or flush that threw past its circuit breaker
 * @param longestBatch how long the oldest batch still in progress has been running, zero when no
 *                     worker is in one: a batch takes microseconds to milliseconds, so seconds mean
 *                     a worker held up (a value's {@code toString()} waiting on a lock or a database,
 *                     a local sink's write hanging on its disk) while the queue fills behind it
 * @param longestBatchAt where that batch's worker is (the innermost frame of the application's
 *                       code, or else the innermost), when it has run for {@link #DESCRIBED_AFTER}
 *                       or longer; {@code null} otherwise
 */
public record WorkerHealth(int workers, int alive, long restarts, long faults, java.time.Duration longestBatch,
                           String longestBatchAt) {

    /** How long a batch runs before {@link #longestBatchAt()} says where its worker is. */
    public static final java.time.Duration DESCRIBED_AFTER = java.time.Duration.ofSeconds(1);

    /** No batch in progress. */
    public WorkerHealth(int workers, int alive, long restarts, long faults) {
        this(workers, alive, restarts, faults, java.time.Duration.ZERO, null);
    }

    /** Whether every worker runs (meaningful while the engine runs). */
    public boolean allAlive() {
        return alive == workers;
    }
}
