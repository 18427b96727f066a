package io.fapilog;

import java.util.function.Function;

/**
 * The logger a logger of {@link Fapilog}'s static methods writes through: the one of the runtime that
 * is the default at the call, made again when the default changes. So a logger made before the
 * application's runtime started (a static field of the main class, created before
 * {@code SpringApplication.run}) writes with the application's format, sinks, levels and redaction
 * once it runs, and the preset's runtime is started only if something is logged before that.
 */
final class DefaultRuntimeTarget<T> {

    private record Resolved<T>(T logger, int generation) {
    }

    private final Function<FapilogRuntime, T> make;
    /** Racy on purpose: an immutable record, so a thread sees an old one or a whole new one. */
    private Resolved<T> resolved;

    DefaultRuntimeTarget(Function<FapilogRuntime, T> make) {
        this.make = make;
    }

    T current() {
        int generation = Fapilog.defaultGeneration(); // read before resolving: a change meanwhile resolves again
        Resolved<T> last = resolved;
        if (last != null && last.generation == generation) {
            return last.logger;
        }
        T logger = make.apply(Fapilog.defaultRuntime());
        resolved = new Resolved<>(logger, generation);
        return logger;
    }

    /** A target whose loggers are this one's, transformed (bound to more context, made synchronous). */
    <U> DefaultRuntimeTarget<U> then(Function<T, U> transform) {
        return new DefaultRuntimeTarget<>(make.andThen(transform));
    }
}
