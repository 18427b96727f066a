package io.fapilog.spring.actuate;

import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Logger;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FapilogEndpointTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=fapilog");

    @Test
    void describesModePresetQueueLevelsAndSinks() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink, b -> b.queueCapacity(256).level("com.acme", Level.WARN));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            runtime.getLogger("com.acme.Orders").error("Counted");
            runtime.getLogger("com.acme.Orders").info("Below the threshold");
            assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> runtime.sinkHealth().get(0).writtenEvents() == 1); // counted as the write returns

            FapilogEndpoint.FapilogDescriptor descriptor = context.getBean(FapilogEndpoint.class).fapilog();
            assertThat(descriptor.mode()).isEqualTo("thread");
            assertThat(descriptor.preset()).isEqualTo("production");
            assertThat(descriptor.stopped()).isFalse();
            assertThat(descriptor.queue().capacity()).isEqualTo(256);
            assertThat(descriptor.queue().remaining()).isEqualTo(256 - descriptor.queue().size());
            assertThat(descriptor.events().submitted()).isEqualTo(1);
            assertThat(descriptor.events().droppedByReason())
                    .containsOnlyKeys("queue_full", "wait_timeout", "stopped", "redaction_failed", "event_failed", "logging_loop",
                            "internal_error")
                    .allSatisfy((reason, count) -> assertThat(count).isZero());
            assertThat(descriptor.levels()).containsExactly(Map.entry("ROOT", Level.INFO), Map.entry("com.acme", Level.WARN));
            assertThat(descriptor.sinks()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("in-memory");
                assertThat(s.state()).isEqualTo("CLOSED");
                assertThat(s.healthy()).isTrue();
                assertThat(s.droppedEvents()).isZero();
                assertThat(s.fallbackEvents()).isZero();
                assertThat(s.writtenEvents()).isEqualTo(1);
            });
            assertThat(descriptor.workers()).isEqualTo(new FapilogEndpoint.WorkersDescriptor(1, 1, 0, 0));
        });
    }

    /** The redaction in force: the preset's rule sets with the application's fields added, or the list that replaced them. */
    @Test
    void showsTheRedactionInForce() {
        runner.withPropertyValues("fapilog.preset=hardened", "fapilog.sinks=in-memory", "fapilog.redaction.fields=iban, card_ref")
                .run(context -> assertThat(context.getBean(FapilogEndpoint.class).fapilog().redaction()).isEqualTo(
                        new FapilogEndpoint.RedactionDescriptor(java.util.List.of("credentials", "hipaa", "pci"),
                                java.util.List.of("card_ref", "iban"), 0, true, true)));
        runner.withPropertyValues("fapilog.preset=hardened", "fapilog.sinks=in-memory", "fapilog.redaction.presets=credentials")
                .run(context -> assertThat(context.getBean(FapilogEndpoint.class).fapilog().redaction().presets())
                        .containsExactly("credentials"));
    }

    /** What a sink's fallback wrote in its place shows per sink, as the {@code fapilog.sink.fallback} meter counts it. */
    @Test
    void eventsAFailingSinksFallbackWroteShowPerSink() {
        io.fapilog.spi.Sink failing = new io.fapilog.spi.Sink() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void write(io.fapilog.spi.EncodedBatch batch) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        FapilogRuntime runtime = TestRuntimes.inMemory(null, b -> b.sink(failing)
                .circuitBreaker(new io.fapilog.config.CircuitBreakerSettings(0, Duration.ZERO, 100, Duration.ofHours(1), true)));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            for (int i = 0; i < 3; i++) {
                runtime.getLogger("com.acme.Orders").info("To the fallback", "i", i);
            }
            runtime.stopAndDrain(Duration.ofSeconds(10));
            assertThat(context.getBean(FapilogEndpoint.class).fapilog().sinks()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("failing");
                assertThat(s.fallbackEvents()).isEqualTo(3);
                assertThat(s.writtenEvents()).isZero();
                assertThat(s.errors()).isEqualTo(runtime.sinkHealth().get(0).errors()).isPositive();
            });
        });
    }

    @Test
    void modeIsAsyncInAReactiveApplicationUnlessConfigured() {
        ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=fapilog", "fapilog.sinks=in-memory");
        reactive.run(context -> assertThat(context.getBean(FapilogEndpoint.class).fapilog().mode()).isEqualTo("async"));
        reactive.withPropertyValues("fapilog.mode=thread")
                .run(context -> assertThat(context.getBean(FapilogEndpoint.class).fapilog().mode()).isEqualTo("thread"));
    }

    @Test
    void onlyWhenTheEndpointIsAvailable() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogEndpointAutoConfiguration.class))
                .withPropertyValues("fapilog.sinks=in-memory")
                .run(context -> assertThat(context).doesNotHaveBean(FapilogEndpoint.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheEndpoint() {
        runner.withUserConfiguration(UserEndpoint.class).withPropertyValues("fapilog.sinks=in-memory").run(context -> {
            assertThat(context).hasSingleBean(FapilogEndpoint.class);
            assertThat(context.getBean(FapilogEndpoint.class)).isSameAs(context.getBean("userEndpoint"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEndpoint {

        @Bean
        FapilogEndpoint userEndpoint(FapilogRuntime runtime) {
            return new FapilogEndpoint(runtime, io.fapilog.ExecutionMode.ASYNC);
        }
    }
}
