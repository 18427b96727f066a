package io.fapilog;

import java.time.Duration;

/**
 * What the engine did between start and drain. {@code submitted == processed + dropped + filtered}
 * always holds.
 *
 * @param submitted events handed to the engine (level-disabled calls are not events)
 * @param processed events that went through the pipeline to the sinks
 * @param dropped events lost to a full queue, a wait timeout, a stopped engine or a fail-closed redactor
 * @param filtered events removed by a sampling or rate-limit filter, or below every sink's threshold
 * @param queueHighWatermark the largest queue size seen
 * @param duration how long the drain took
 */
public record DrainResult(long submitted, long processed, long dropped, long filtered,
                          int queueHighWatermark, Duration duration) {

    public DrainResult {
        if (submitted != processed + dropped + filtered) {
            throw new IllegalStateException("accounting identity broken: submitted=" + submitted
                    + " processed=" + processed + " dropped=" + dropped + " filtered=" + filtered);
        }
    }
}
