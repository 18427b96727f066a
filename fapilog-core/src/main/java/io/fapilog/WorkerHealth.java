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
 */
public record WorkerHealth(int workers, int alive, long restarts, long faults) {

    /** Whether every worker runs (meaningful while the engine runs). */
    public boolean allAlive() {
        return alive == workers;
    }
}
