package io.fapilog;

import java.util.Locale;

/**
 * How a logger hands events to the engine. See {@code docs/execution-modes.md}.
 */
public enum ExecutionMode {
    /** Sync API; a full queue blocks the caller up to {@code queue.wait-timeout}. Workers are daemon threads. */
    THREAD,
    /** Sync API on a Reactor non-blocking thread; never blocks it: a full queue drops and counts. */
    BOUND_LOOP,
    /** {@code Mono<Void>} API; a full queue is waited for without blocking any thread. */
    ASYNC;

    /** As written in properties, the actuator endpoint and the {@code mode} tag: {@code thread}, {@code bound-loop}, {@code async}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
