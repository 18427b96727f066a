package io.fapilog;

import java.util.Map;

/**
 * A snapshot of the engine's counters. While events are in flight
 * {@code submitted == processed + dropped + filtered + queued + inFlight}; after a drain the last two are zero.
 *
 * @param submitted events handed to the engine
 * @param processed events written to the sinks
 * @param dropped events dropped, all reasons
 * @param droppedByReason dropped events by {@link DropReason}
 * @param filtered events removed by filters
 * @param queueSize events waiting in the queue
 * @param queueCapacity capacity for ordinary events
 * @param highWatermark largest queue size seen
 * @param trimmed events whose large values were cut further, as the queue's memory budget
 *                ({@code queue.max-bytes}) had no room for them: not an outcome of its own, each is
 *                also counted as processed, filtered or dropped
 * @param queueBytes bytes the queued events' large values hold now, against {@code queue.max-bytes}
 * @param callerWaits calls of thread-mode callers that waited for room in the queue (a slot, or memory
 *                    under {@code queue.max-bytes}) under the {@code wait} policy, whether they then got
 *                    it or not; calls that found room at once are not counted
 * @param callerWaitNanos how long those calls waited, in all
 */
public record EngineStats(long submitted, long processed, long dropped, Map<DropReason, Long> droppedByReason,
                          long filtered, int queueSize, int queueCapacity, int highWatermark, long trimmed,
                          long queueBytes, long callerWaits, long callerWaitNanos) {

    public int queueRemaining() {
        return Math.max(0, queueCapacity - queueSize);
    }
}
