package io.fapilog;

/**
 * A snapshot of a sink's health, as shown by the actuator endpoint and health indicator.
 *
 * @param name the sink's name
 * @param state its circuit state; the sink is unhealthy while {@link CircuitState#OPEN}
 * @param errors failed write attempts so far, and failures beside the writes that the sink reported:
 *               a file sink's roll, compression or deletion of old files (which fail no write)
 * @param lastError the last failure ({@code Type: message}), or {@code null} if none
 * @param droppedEvents events neither the sink nor its fallback could take
 * @param fallbackEvents events its fallback (standard error) wrote in its place: its failures, an
 *                       open circuit, a hand-off that could not wait for it
 * @param writtenEvents events the sink acknowledged: its write returned without failing them. For a
 *                      remote sink ({@code http}, Kafka, OTLP) that is once the collector or broker
 *                      answered, after the engine handed them over; the events handed to a sink are
 *                      these, its fallback's, its dropped ones and those still on their way
 */
public record SinkHealth(String name, CircuitState state, long errors, String lastError, long droppedEvents,
                         long fallbackEvents, long writtenEvents) {

    /** A sink's health without a count of acknowledged events. */
    public SinkHealth(String name, CircuitState state, long errors, String lastError, long droppedEvents,
                      long fallbackEvents) {
        this(name, state, errors, lastError, droppedEvents, fallbackEvents, 0);
    }

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
