package io.fapilog.spring.metrics;

import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.DropReason;
import io.fapilog.EngineStats;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.TestRuntimes;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FapilogMetricsTests {

    private static final AutoConfigurations METRICS = AutoConfigurations.of(FapilogAutoConfiguration.class,
            FapilogMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(METRICS);

    @Test
    void countersEqualTheEngineAfterADrain() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink, b -> b.queueCapacity(512));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Logger log = runtime.getLogger("com.acme.Metrics");
            for (int i = 0; i < 10; i++) {
                log.info("Counted", "i", i);
            }
            runtime.stopAndDrain().join();
            EngineStats stats = runtime.stats();

            assertThat(sink.size()).isEqualTo(10);
            assertThat(counter(registry, "fapilog.events.submitted")).isEqualTo(10);
            assertThat(counter(registry, "fapilog.events.written")).isEqualTo(10);
            assertThat(counter(registry, "fapilog.events.filtered")).isZero();
            for (DropReason reason : DropReason.values()) {
                assertThat(registry.get("fapilog.events.dropped").tag("reason", reason.tag()).functionCounter().count())
                        .as(reason.tag()).isZero();
            }
            assertThat(registry.get("fapilog.queue.capacity").gauge().value()).isEqualTo(512);
            assertThat(registry.get("fapilog.queue.size").gauge().value()).isZero();
            assertThat(registry.get("fapilog.queue.remaining").gauge().value()).isEqualTo(512);
            assertThat(registry.get("fapilog.queue.high.watermark").gauge().value()).isEqualTo(stats.highWatermark());
            assertThat(registry.get("fapilog.sink.errors").tag("sink", "in-memory").functionCounter().count()).isZero();
            assertThat(registry.get("fapilog.sink.dropped").tag("sink", "in-memory").functionCounter().count()).isZero();
            assertThat(registry.get("fapilog.sink.fallback").tag("sink", "in-memory").functionCounter().count()).isZero();
            assertThat(registry.get("fapilog.sink.written").tag("sink", "in-memory").functionCounter().count()).isEqualTo(10);
            assertThat(registry.get("fapilog.workers.alive").gauge().value()).as("drained").isZero();
            assertThat(registry.get("fapilog.worker.restarts").functionCounter().count()).isZero();
            assertThat(registry.get("fapilog.batch.flush").timer().count()).isPositive();
            assertThat(counter(registry, "fapilog.events.written")).isEqualTo(stats.processed());
        });
    }

    /** A registry that outlives the runtime (a parent context's): the next runtime's meters, not the drained one's. */
    @Test
    void closingRemovesTheMetersSoThatTheNextRuntimeShowsInARegistryThatOutlivesIt() throws Exception {
        MeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        FapilogRuntime first = TestRuntimes.inMemory(new InMemorySink(), b -> b.queueCapacity(111));
        FapilogMetrics firstMetrics = new FapilogMetrics(first, io.fapilog.ExecutionMode.THREAD);
        firstMetrics.bindTo(registry);
        first.getLogger("com.acme.First").info("Counted");
        first.stopAndDrain().join();
        firstMetrics.close();
        assertThat(registry.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("fapilog."));

        FapilogRuntime second = TestRuntimes.inMemory(new InMemorySink(), b -> b.queueCapacity(222));
        try (FapilogMetrics secondMetrics = new FapilogMetrics(second, io.fapilog.ExecutionMode.THREAD)) {
            secondMetrics.bindTo(registry);
            for (int i = 0; i < 5; i++) {
                second.getLogger("com.acme.Second").info("Counted", "i", i);
            }
            assertThat(registry.get("fapilog.queue.capacity").gauge().value()).isEqualTo(222);
            assertThat(counter(registry, "fapilog.events.submitted")).isEqualTo(5);
            assertThat(registry.get("fapilog.workers.alive").gauge().value()).isEqualTo(1);
        } finally {
            second.stopAndDrain().join();
        }
    }

    /**
     * Two runtimes bound to one registry with the same tags (two contexts sharing a parent's registry):
     * Micrometer hands the second the first's meters; closing the second removed them, and the first
     * vanished from monitoring for the rest of its life.
     */
    @Test
    void aSecondRuntimeInTheSameRegistryLeavesTheFirstsMetersInPlaceAndSaysSo() throws Exception {
        MeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        InMemorySink secondSink = new InMemorySink();
        FapilogRuntime first = TestRuntimes.inMemory(new InMemorySink(), b -> b.queueCapacity(111));
        FapilogRuntime second = TestRuntimes.inMemory(secondSink, b -> b.queueCapacity(222));
        try (FapilogMetrics firstMetrics = new FapilogMetrics(first, io.fapilog.ExecutionMode.THREAD)) {
            firstMetrics.bindTo(registry);
            int meters = registry.getMeters().size();
            FapilogMetrics secondMetrics = new FapilogMetrics(second, io.fapilog.ExecutionMode.THREAD);
            secondMetrics.bindTo(registry);
            secondMetrics.close();

            assertThat(registry.getMeters()).hasSize(meters);
            assertThat(registry.get("fapilog.queue.capacity").gauge().value()).isEqualTo(111);
            first.getLogger("com.acme.First").info("Counted");
            assertThat(counter(registry, "fapilog.events.submitted")).isEqualTo(1);
            second.flush().join();
            assertThat(secondSink.lines()).anySatisfy(line -> assertThat(line)
                    .contains("\"level\":\"WARN\"").contains("Fapilog's meters are in this meter registry already")
                    .contains("fapilog.queue.capacity").contains("fapilog.events.dropped{reason=queue_full}"));
        } finally {
            first.stopAndDrain().join();
            second.stopAndDrain().join();
        }
    }

    /** Runtimes told apart by a tag of their own each show, and each close removes its own meters only. */
    @Test
    void runtimesWithTagsOfTheirOwnEachShowAndCloseTheirOwn() throws Exception {
        MeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        FapilogRuntime first = TestRuntimes.inMemory(new InMemorySink(), b -> b.queueCapacity(111));
        FapilogRuntime second = TestRuntimes.inMemory(new InMemorySink(), b -> b.queueCapacity(222));
        try (FapilogMetrics firstMetrics = new FapilogMetrics(first, io.fapilog.ExecutionMode.THREAD,
                io.micrometer.core.instrument.Tags.of("app", "first"))) {
            firstMetrics.bindTo(registry);
            int firstMeters = registry.getMeters().size();
            FapilogMetrics secondMetrics = new FapilogMetrics(second, io.fapilog.ExecutionMode.THREAD);
            secondMetrics.bindTo(registry);
            assertThat(registry.getMeters()).hasSize(2 * firstMeters);
            assertThat(registry.find("fapilog.queue.capacity").gauges()).extracting(g -> g.value())
                    .containsExactlyInAnyOrder(111.0, 222.0);

            secondMetrics.close();
            assertThat(registry.getMeters()).hasSize(firstMeters)
                    .allMatch(meter -> "first".equals(meter.getId().getTag("app")));
        } finally {
            first.stopAndDrain().join();
            second.stopAndDrain().join();
        }
    }

    @Test
    void eventsAFailingSinksFallbackWroteAreCountedPerSink() {
        Sink failing = failingSink();
        FapilogRuntime runtime = TestRuntimes.inMemory(null, b -> b.sink(failing)
                .circuitBreaker(new io.fapilog.config.CircuitBreakerSettings(0, Duration.ZERO, 100, Duration.ofHours(1), true)));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (int i = 0; i < 3; i++) {
                runtime.getLogger("com.acme.Metrics").info("To standard error", "i", i);
            }
            runtime.stopAndDrain().join();

            assertThat(registry.get("fapilog.sink.fallback").tag("sink", "failing").functionCounter().count()).isEqualTo(3);
            assertThat(registry.get("fapilog.sink.dropped").tag("sink", "failing").functionCounter().count()).isZero();
            assertThat(registry.get("fapilog.sink.written").tag("sink", "failing").functionCounter().count())
                    .as("handed over, never acknowledged").isZero();
            assertThat(counter(registry, "fapilog.events.written")).isEqualTo(3);
        });
    }

    /**
     * Events trimmed for the queue's memory budget are counted as the engine counts them, and the
     * bytes held are a gauge in bytes: with the worker held in the sink by a first event, the first
     * heavy event fits the one-byte budget (an empty queue takes any event) and the other 49 are trimmed.
     */
    @Test
    void trimmedEventsAndTheQueuesMemoryAreMeters() throws Exception {
        HeldSink held = new HeldSink();
        InMemorySink sink = held.target;
        FapilogRuntime runtime = TestRuntimes.inMemory(null, b -> b.sink(held).queueMaxBytes(1));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Logger log = runtime.getLogger("com.acme.Bodies");
            log.info("Holds the worker");
            held.awaitHeld();
            for (int i = 0; i < 50; i++) {
                log.info("Body", "body", "word ".repeat(1_000));
            }
            assertThat(registry.get("fapilog.queue.bytes").gauge().value()).isEqualTo(4 + 5_000);
            assertThat(registry.get("fapilog.queue.bytes").gauge().getId().getBaseUnit()).isEqualTo("bytes");
            held.open();
            runtime.stopAndDrain().join();

            assertThat(sink.size()).isEqualTo(51);
            assertThat(sink.lines().stream().filter(line -> line.contains("…[truncated 4485 chars]"))).hasSize(49);
            assertThat(counter(registry, "fapilog.events.trimmed")).isEqualTo(49);
            assertThat(registry.get("fapilog.queue.bytes").gauge().value()).isZero();
        });
    }

    /**
     * A thread-mode caller's wait for room is a function timer (count, total time), as the engine
     * counts it and the actuator shows it: behind a held worker and a full two-slot queue, three calls
     * each wait their 50 ms wait-timeout; the calls that found room are not counted.
     */
    @Test
    void callersWaitsForRoomAreAFunctionTimer() throws Exception {
        HeldSink held = new HeldSink();
        FapilogRuntime runtime = TestRuntimes.inMemory(null, b -> b.sink(held).queueCapacity(2).queueReserve(0)
                .batchMaxSize(1).fullPolicy(io.fapilog.config.FullPolicy.WAIT).waitTimeout(Duration.ofMillis(50)));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Logger log = runtime.getLogger("com.acme.Waits");
            log.info("Holds the worker");
            held.awaitHeld();
            for (int i = 0; i < 5; i++) {
                log.info("Waits", "i", i);
            }
            io.micrometer.core.instrument.FunctionTimer waits = registry.get("fapilog.queue.wait").functionTimer();
            assertThat(waits.count()).isEqualTo(3);
            assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(150);
            assertThat(runtime.stats().droppedByReason().get(io.fapilog.DropReason.WAIT_TIMEOUT)).isEqualTo(3);
            io.fapilog.spring.actuate.FapilogEndpoint.QueueDescriptor queue =
                    new io.fapilog.spring.actuate.FapilogEndpoint(runtime, io.fapilog.ExecutionMode.THREAD).fapilog().queue();
            assertThat(queue.callerWaits()).isEqualTo(3);
            assertThat(queue.callerWaitMillis()).isGreaterThanOrEqualTo(150);
            held.open();
            runtime.stopAndDrain().join();
        });
    }

    @Test
    void everyMeterIsTaggedWithTheMode() {
        runner.withBean(FapilogRuntime.class, () -> TestRuntimes.inMemory(new InMemorySink())).run(context -> {
            List<Meter> meters = fapilogMeters(context.getBean(MeterRegistry.class));
            assertThat(meters).extracting(meter -> meter.getId().getName()).contains("fapilog.queue.size",
                    "fapilog.queue.capacity", "fapilog.queue.remaining", "fapilog.queue.high.watermark", "fapilog.queue.bytes",
                    "fapilog.events.submitted", "fapilog.events.trimmed", "fapilog.events.written", "fapilog.events.dropped",
                    "fapilog.events.filtered", "fapilog.sink.errors", "fapilog.sink.dropped", "fapilog.sink.fallback", "fapilog.sink.written", "fapilog.batch.flush",
                    "fapilog.queue.wait",
                    "fapilog.worker.restarts", "fapilog.worker.faults", "fapilog.workers.alive");
            assertThat(meters).allSatisfy(meter -> assertThat(meter.getId().getTag("mode")).isEqualTo("thread"));
        });
    }

    @Test
    void reactiveApplicationsAreAsyncAndAConfiguredModeWins() {
        new ReactiveWebApplicationContextRunner().withConfiguration(METRICS)
                .withPropertyValues("fapilog.sinks=in-memory")
                .run(context -> assertThat(fapilogMeters(context.getBean(MeterRegistry.class)))
                        .allSatisfy(meter -> assertThat(meter.getId().getTag("mode")).isEqualTo("async")));
        runner.withPropertyValues("fapilog.sinks=in-memory", "fapilog.mode=bound-loop")
                .run(context -> assertThat(fapilogMeters(context.getBean(MeterRegistry.class)))
                        .allSatisfy(meter -> assertThat(meter.getId().getTag("mode")).isEqualTo("bound-loop")));
    }

    @Test
    void queueSizeIsServedByTheMetricsEndpoint() {
        runner.withConfiguration(AutoConfigurations.of(MetricsEndpointAutoConfiguration.class,
                        org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration.class))
                .withPropertyValues("fapilog.sinks=in-memory", "fapilog.queue.capacity=64",
                        "management.endpoints.web.exposure.include=metrics")
                .run(context -> {
                    MetricsEndpoint endpoint = context.getBean(MetricsEndpoint.class);
                    assertThat(endpoint.listNames().getNames()).contains("fapilog.queue.size", "fapilog.queue.capacity");
                    MetricsEndpoint.MetricDescriptor capacity = endpoint.metric("fapilog.queue.capacity", null);
                    assertThat(capacity.getMeasurements()).singleElement()
                            .satisfies(sample -> assertThat(sample.getValue()).isEqualTo(64.0));
                    assertThat(endpoint.metric("fapilog.queue.size", null).getBaseUnit()).isEqualTo("events");
                });
    }

    /**
     * A child context whose registry is its parent's: the child's runtime shows there while the child
     * runs, and leaves it when the child closes, so that the next child's shows instead (Boot binds
     * the binders of the registry's own context only: before, no child's meters ever showed).
     */
    @Test
    void aChildContextsMetersShowInItsParentsRegistryWhileItRuns() {
        ApplicationContextRunner parentRunner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class));
        parentRunner.run(parent -> {
            MeterRegistry registry = parent.getBean(MeterRegistry.class);
            for (int capacity : new int[] {123, 456}) {
                runner.withParent(parent).withPropertyValues("fapilog.sinks=in-memory", "fapilog.queue.capacity=" + capacity)
                        .run(child -> {
                            assertThat(child.getBean(MeterRegistry.class)).isSameAs(registry);
                            child.getBean(FapilogRuntime.class).getLogger("com.acme.Child").info("counted");
                            assertThat(registry.get("fapilog.queue.capacity").gauge().value()).isEqualTo(capacity);
                            assertThat(registry.get("fapilog.events.submitted").functionCounter().count()).isEqualTo(1);
                        });
                assertThat(registry.find("fapilog.queue.capacity").gauges()).isEmpty();
            }
        });
    }

    @Test
    void sinkErrorsCountFailedWrites() {
        InMemorySink healthy = new InMemorySink();
        Sink failing = failingSink();
        FapilogRuntime runtime = TestRuntimes.inMemory(healthy, b -> b.sink(failing).circuitBreaker(
                new io.fapilog.config.CircuitBreakerSettings(1, Duration.ZERO, 100, Duration.ofHours(1), false)));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            runtime.getLogger("com.acme.Errors").error("Cannot be written to one sink");
            runtime.stopAndDrain().join();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            // One failed attempt plus one retry.
            assertThat(registry.get("fapilog.sink.errors").tag("sink", "failing").functionCounter().count()).isEqualTo(2);
            assertThat(registry.get("fapilog.sink.errors").tag("sink", "in-memory").functionCounter().count()).isZero();
        });
    }

    @Test
    void backsOffWhenTheUserDefinesTheMetrics() {
        runner.withUserConfiguration(UserMetrics.class).withPropertyValues("fapilog.sinks=in-memory").run(context -> {
            assertThat(context).hasSingleBean(FapilogMetrics.class);
            assertThat(context.getBean(FapilogMetrics.class)).isSameAs(context.getBean("userMetrics"));
        });
    }

    @Test
    void noMetricsWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogMetricsAutoConfiguration.class))
                .withPropertyValues("fapilog.sinks=in-memory")
                .run(context -> assertThat(context).doesNotHaveBean(FapilogMetrics.class));
    }

    /** A sink named {@code failing} whose every write throws. */
    private static Sink failingSink() {
        return new Sink() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void write(EncodedBatch batch) {
                throw new IllegalStateException("disk on fire");
            }
        };
    }

    private static double counter(MeterRegistry registry, String name) {
        return registry.get(name).functionCounter().count();
    }

    private static List<Meter> fapilogMeters(MeterRegistry registry) {
        return registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("fapilog.")).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMetrics {

        @Bean
        FapilogMetrics userMetrics(FapilogRuntime runtime) {
            return new FapilogMetrics(runtime, io.fapilog.ExecutionMode.THREAD);
        }
    }


    /** A sink that holds the worker in its first write until {@link #open()}, then writes to {@link #target}. */
    private static final class HeldSink implements Sink {
        final InMemorySink target = new InMemorySink();
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public String name() {
            return "held";
        }

        @Override
        public void write(EncodedBatch batch) throws Exception {
            entered.countDown();
            gate.await();
            target.write(batch);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("the worker in the sink").isTrue();
        }

        void open() {
            gate.countDown();
        }
    }
}
