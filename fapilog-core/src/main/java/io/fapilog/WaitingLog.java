package io.fapilog;

import io.fapilog.internal.engine.LineWaiter;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The {@code Mono} of an ASYNC call whose event waits in the engine's waiting line: it completes
 * when the event is resolved. The engine tells it off the worker (on Reactor's parallel threads),
 * so the caller's chain never runs on a worker and needs no thread hop of its own. One Reactor sink
 * per waiting event, no future, no scheduled task.
 */
final class WaitingLog implements LineWaiter {

    // Resolved exactly once by the line, so the unserialized sink is enough.
    private final Sinks.Empty<Void> done = Sinks.unsafe().empty();

    Mono<Void> mono() {
        return done.asMono();
    }

    @Override
    public void resolved() {
        done.tryEmitEmpty();
    }
}
