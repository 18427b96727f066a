package io.fapilog.internal.engine;

import io.fapilog.config.FullPolicy;
import io.fapilog.Level;

import java.time.Duration;
import java.util.Set;

/**
 * What the engine itself needs to know; the rest of the configuration shapes the pipeline and sinks.
 *
 * @param queueMaxBytes the bytes the queue's heavy events may hold ({@code queue.max-bytes})
 * @param reactorWorkers run workers on a Reactor scheduler instead of dedicated daemon threads
 */
public record EngineSettings(int queueCapacity, int queueReserve, long queueMaxBytes, FullPolicy fullPolicy, Duration waitTimeout,
                             Set<Level> protectedLevels, int batchMaxSize, Duration batchTimeout, int workers,
                             boolean reactorWorkers) {

    public EngineSettings {
        protectedLevels = Set.copyOf(protectedLevels);
    }
}
