package io.fapilog.docs;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.config.FullPolicy;

import java.time.Duration;

/** The Java snippets of docs/configuration.md. */
final class ConfigurationSnippets {

    private ConfigurationSnippets() {
    }

    static FapilogRuntime builder() {
        // tag::builder[]
        FapilogRuntime runtime = Fapilog.builder()
                .preset(Preset.PRODUCTION)
                .level("com.acme.orders", Level.DEBUG)
                .queueCapacity(50_000)
                .fullPolicy(FullPolicy.WAIT)
                .waitTimeout(Duration.ofMillis(20))
                .batchMaxSize(512)
                .service("orders", "prod", "1.4.2")
                .start();
        // end::builder[]
        return runtime;
    }
}
