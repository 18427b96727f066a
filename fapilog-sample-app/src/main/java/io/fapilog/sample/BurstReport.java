package io.fapilog.sample;

import io.fapilog.ExecutionMode;
import io.fapilog.DropReason;
import io.fapilog.EngineStats;
import io.fapilog.FapilogRuntime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of {@code GET /burst}: the engine's counters before and right after the burst. The
 * events logged last may still be queued when {@code after} is taken: {@code queueSize} shows them,
 * and {@code /actuator/fapilog} a moment later shows them written. With {@code fapilog.enabled=false}
 * there is no engine to count: {@code before} and {@code after} are null.
 *
 * @param loggedWith the execution mode of the logger the burst was logged with
 * @param count the events logged
 * @param elapsedMillis how long logging them took the caller
 * @param before the engine's counters before the burst, or null without an engine
 * @param after the engine's counters right after it, or null without an engine
 */
public record BurstReport(ExecutionMode loggedWith, int count, long elapsedMillis, Counters before, Counters after) {

    /** The largest burst one request may ask for. */
    public static final int MAX_COUNT = 1_000_000;

    /**
     * Starts timing a burst and takes the engine's counters.
     *
     * @param runtime the application's runtime, or null with {@code fapilog.enabled=false}
     */
    public static Start start(FapilogRuntime runtime) {
        return new Start(runtime, System.nanoTime(), stats(runtime));
    }

    private static EngineStats stats(FapilogRuntime runtime) {
        return runtime != null ? runtime.stats() : null;
    }

    /** A burst under way: when it started and the engine's counters then. */
    public record Start(FapilogRuntime runtime, long startNanos, EngineStats before) {

        /** The report of the burst, now that {@code count} events were logged with a logger of {@code loggedWith}. */
        public BurstReport finish(ExecutionMode loggedWith, int count) {
            long elapsed = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
            return new BurstReport(loggedWith, count, elapsed, Counters.of(before), Counters.of(stats(runtime)));
        }
    }

    /**
     * A snapshot of {@link EngineStats}, with the same names as {@code /actuator/fapilog}.
     *
     * @param submitted events handed to the engine
     * @param written events that went through the pipeline to the sinks
     * @param dropped events dropped, all reasons
     * @param droppedByReason events dropped by reason ({@code queue_full}, {@code wait_timeout}, ...)
     * @param filtered events removed by sampling or rate limiting
     * @param queueSize events waiting in the queue
     * @param queueCapacity events the queue holds for ordinary levels
     * @param queueHighWatermark the largest queue size seen since start
     */
    public record Counters(long submitted, long written, long dropped, Map<String, Long> droppedByReason,
                           long filtered, int queueSize, int queueCapacity, int queueHighWatermark) {

        static Counters of(EngineStats stats) {
            if (stats == null) {
                return null;
            }
            Map<String, Long> byReason = new LinkedHashMap<>();
            for (DropReason reason : DropReason.values()) {
                byReason.put(reason.tag(), stats.droppedByReason().getOrDefault(reason, 0L));
            }
            return new Counters(stats.submitted(), stats.processed(), stats.dropped(), byReason, stats.filtered(),
                    stats.queueSize(), stats.queueCapacity(), stats.highWatermark());
        }
    }
}
