package io.fapilog;

/**
 * A snapshot of a sink's health, as shown by the actuator endpoint and health indicator.
 *
 * @param name the sink's name
 * @param state its circuit state; the sink is unhealthy while {@link CircuitState#OPEN}
 * @param errors failed write attempts so far
 * @param lastError the last failure ({@code Type: message}), or {@code null} if none
 * @param droppedEvents events neither the sink nor its fallback could take
 * @param fallbackEvents events its fallback (standard error) wrote in its place: its failures, an
 *                       open circuit, a hand-off that could not wait for it
 */
public record SinkHealth(String name, CircuitState state, long errors, String lastError, long droppedEvents,
                         long fallbackEvents) {

    /** A sink's health without events sent to its fallback. */
    public SinkHealth(String name, CircuitState state, long errors, String lastError, long droppedEvents) {
        this(name, state, errors, lastError, droppedEvents, 0);
    }

    /** A sink's health without dropped events. */
    public SinkHealth(String name, CircuitState state, long errors, String lastError) {
        this(name, state, errors, lastError, 0);
    }

    public boolean healthy() {
        return state != CircuitState.OPEN;
    }
}
