package io.fapilog.spring.web.reactive;

import io.fapilog.spring.context.ScopedContextAccessor;
import reactor.core.publisher.Hooks;

/**
 * Turns on Reactor's automatic context propagation ({@code Hooks.enableAutomaticContextPropagation()},
 * as Boot's {@code spring.reactor.context-propagation=auto} does): thread-locals registered with
 * Micrometer's context-propagation library, fapilog's scoped context among them
 * ({@link ScopedContextAccessor}), are restored from the Reactor {@code Context} on every thread
 * that runs a request's chain. The hook is JVM-wide and stays on.
 */
public final class FapilogContextPropagation {

    public FapilogContextPropagation() {
        Hooks.enableAutomaticContextPropagation();
    }
}
