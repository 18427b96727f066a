package io.fapilog;

import java.util.Locale;

/**
 * How a logger hands events to the engine. See {@code docs/execution-modes.md}.
 */
public enum ExecutionMode {
    /** Sync API; a full queue parks the caller in the waiting line, up to {@code queue.wait-timeout}. Workers are daemon threads. */
    THREAD,
    /** Sync API on a Reactor non-blocking thread; never blocks it: on a full queue the event waits in the line without the caller. */
    BOUND_LOOP,
    /** {@code Mono<Void>} API; on a full queue the event waits in the line and the {@code Mono} completes when it is in. */
    ASYNC;

    /** As written in properties, the actuator endpoint and the {@code mode} tag: {@code thread}, {@code bound-loop}, {@code async}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
