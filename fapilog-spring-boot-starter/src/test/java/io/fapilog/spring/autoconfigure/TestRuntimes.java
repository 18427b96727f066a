package io.fapilog.spring.autoconfigure;

import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.sinks.InMemorySink;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** Runtimes for tests: writing only to an {@link InMemorySink}, no shutdown hook, no SLF4J bridge. */
public final class TestRuntimes {

    private TestRuntimes() {
    }

    public static FapilogRuntime inMemory(InMemorySink sink) {
        return inMemory(sink, UnaryOperator.identity());
    }

    public static FapilogRuntime inMemory(InMemorySink sink, UnaryOperator<FapilogConfig.Builder> customizer) {
        FapilogConfig.Builder builder = Fapilog.builder()
                .sinks(List.of());
        if (sink != null) {
            builder.sink(sink);
        }
        builder.batchTimeout(Duration.ofMillis(20))
                .shutdownHook(false)
                .bridgeSlf4j(false);
        return Fapilog.runtime(customizer.apply(builder).build());
    }
}
