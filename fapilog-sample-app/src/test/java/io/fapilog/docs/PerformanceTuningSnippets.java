package io.fapilog.docs;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.config.FullPolicy;

import java.time.Duration;
import java.util.EnumSet;

/** The Java snippets of docs/performance-tuning.md. */
final class PerformanceTuningSnippets {

    private PerformanceTuningSnippets() {
    }

    static FapilogRuntime highVolume() {
        // tag::high-volume[]
        FapilogRuntime runtime = Fapilog.builder()
                .preset(Preset.PRODUCTION)
                .workers(2)
                .batchMaxSize(1024)
                .queueCapacity(100_000)
                .fullPolicy(FullPolicy.DROP)
                .protectedLevels(EnumSet.range(Level.WARN, Level.SECURITY))
                .start();
        // end::high-volume[]
        return runtime;
    }

    static FapilogRuntime lowLatency() {
        // tag::low-latency[]
        FapilogRuntime runtime = Fapilog.builder()
                .preset(Preset.PRODUCTION)
                .batchMaxSize(64)
                .batchTimeout(Duration.ofMillis(20))
                .start();
        // end::low-latency[]
        return runtime;
    }
}
