package io.fapilog.spring.actuate;

import io.fapilog.FapilogRuntime;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SuppressWarnings("unchecked")
class FapilogHealthIndicatorTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class,
                    FapilogHealthContributorAutoConfiguration.class));

    @Test
    void upWhileEverySinkWrites() {
        runner.withPropertyValues("fapilog.sinks=in-memory").run(context -> {
            Health health = context.getBean("fapilogHealthIndicator", HealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(sinkDetails(health, "in-memory")).containsEntry("state", "CLOSED").containsEntry("errors", 0L);
        });
    }

    /**
     * By default an open circuit reports DEGRADED with details, and the aggregate /actuator/health
     * (Spring Boot's default status aggregation) stays UP, so probes keep the instance in service.
     */
    @Test
    void degradedNotDownByDefaultOnceAFailingSinksCircuitOpens() {
        FapilogRuntime runtime = runtimeWithFailingSink();
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            HealthIndicator indicator = context.getBean("fapilogHealthIndicator", HealthIndicator.class);
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

            runtime.getLogger("com.acme.Health").error("First failed batch");
            await().atMost(Duration.ofSeconds(5)).until(() -> runtime.sinkHealth().stream()
                    .anyMatch(sink -> sink.errors() == 1));
            assertThat(indicator.health().getStatus()).as("one failure does not open the circuit").isEqualTo(Status.UP);

            runtime.getLogger("com.acme.Health").error("Second failed batch");
            await().atMost(Duration.ofSeconds(5)).until(() -> !indicator.health().getStatus().equals(Status.UP));
            Health health = indicator.health();
            assertThat(health.getStatus()).isEqualTo(FapilogHealthIndicator.DEGRADED);
            assertThat(sinkDetails(health, "failing")).containsEntry("state", "OPEN").containsEntry("errors", 2L)
                    .containsEntry("droppedEvents", 2L)
                    .containsEntry("lastError", "java.lang.IllegalStateException: disk on fire");
            assertThat(sinkDetails(health, "in-memory")).containsEntry("state", "CLOSED");
            assertThat((Map<String, Object>) health.getDetails().get("workers")).containsEntry("alive", 1)
                    .containsEntry("restarts", 0L);

            StatusAggregator aggregator = StatusAggregator.getDefault();
            assertThat(aggregator.getAggregateStatus(Status.UP, health.getStatus()))
                    .as("the application stays in its load balancer").isEqualTo(Status.UP);
            assertThat(HttpCodeStatusMapper.DEFAULT.getStatusCode(health.getStatus())).isEqualTo(200);
        });
    }

    /**
     * A worker thread that ends on a failure its supervision could not contain is started again:
     * health stays UP with every worker alive and shows the restart, as does the endpoint.
     */
    @Test
    void aRestartedWorkerShowsInHealthAndTheEndpoint() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink);
        runner.withConfiguration(AutoConfigurations.of(FapilogEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=fapilog")
                .withBean(FapilogRuntime.class, () -> runtime).run(context -> {
                    WorkerFaults.endTheThreadAtTheNextBatch(runtime);
                    runtime.getLogger("com.acme.Health").info("Taken when the worker thread died");
                    assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
                    // The ended thread's error is uncaught by design: it must not fail the test through Awaitility.
                    await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5)).until(() -> runtime.workerHealth().alive() == 1);

                    Health health = context.getBean("fapilogHealthIndicator", HealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat((Map<String, Object>) health.getDetails().get("workers"))
                            .containsEntry("count", 1).containsEntry("alive", 1)
                            .containsEntry("restarts", 1L).containsEntry("faults", 0L);
                    assertThat(context.getBean(FapilogEndpoint.class).fapilog().workers())
                            .isEqualTo(new FapilogEndpoint.WorkersDescriptor(1, 1, 1, 0));
                    assertThat(runtime.stats().processed()).isEqualTo(1);
                    assertThat(runtime.stats().submitted()).isEqualTo(1);
                });
    }

    /**
     * A worker whose loop fails at every batch is being restarted most of the time: health is DEGRADED
     * then, as documented. It stayed UP with every worker alive while the restarts mounted.
     */
    @Test
    void aWorkerFailingAtEveryBatchIsDegradedUntilItRunsAgain() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink);
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            HealthIndicator indicator = context.getBean("fapilogHealthIndicator", HealthIndicator.class);
            java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean(true);
            WorkerFaults.failEveryBatchWhile(runtime, failing);
            io.fapilog.Logger log = runtime.getLogger("com.acme.Health");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                log.info("Keeps the loop failing");
                return indicator.health().getStatus().equals(FapilogHealthIndicator.DEGRADED);
            });
            assertThat(runtime.workerHealth().restarts()).isPositive();

            failing.set(false);
            log.info("After the fault");
            await().atMost(Duration.ofSeconds(5)).until(() -> indicator.health().getStatus().equals(Status.UP));
            assertThat((Map<String, Object>) indicator.health().getDetails().get("workers")).containsEntry("alive", 1);
            runtime.flush().join();
            assertThat(runtime.stats().submitted()).isEqualTo(runtime.stats().processed()); // the failed batches were written in recovery
        });
    }

    /**
     * A value whose toString() waits (a lazy entity behind a full connection pool) holds the only
     * worker: past fapilog.health.worker-held-after health is DEGRADED and says where; UP again once
     * the batch ends. It stayed UP, every worker alive, while the queue filled.
     */
    @Test
    void aWorkerHeldInOneBatchIsDegradedWithWhereUntilTheBatchEnds() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink);
        runner.withBean(FapilogRuntime.class, () -> runtime).withPropertyValues("fapilog.health.worker-held-after=1s")
                .run(context -> {
                    HealthIndicator indicator = context.getBean("fapilogHealthIndicator", HealthIndicator.class);
                    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
                    runtime.getLogger("com.acme.Orders").info("Order loaded", "order", new LazyOrder(release));
                    try {
                        await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus()
                                .equals(FapilogHealthIndicator.DEGRADED));
                        Map<String, Object> workers = (Map<String, Object>) indicator.health().getDetails().get("workers");
                        assertThat(workers).containsEntry("alive", 1).containsEntry("faults", 0L);
                        assertThat((Long) workers.get("heldForMs")).isGreaterThanOrEqualTo(1000L);
                        assertThat((String) workers.get("heldAt")).startsWith(LazyOrder.class.getName() + ".toString(");
                    } finally {
                        release.countDown();
                    }
                    await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
                    assertThat((Map<String, Object>) indicator.health().getDetails().get("workers")).doesNotContainKey("heldAt");
                    assertThat(sink.awaitSize(1, Duration.ofSeconds(10))).isTrue();
                });
    }

    private static final class LazyOrder {
        private final java.util.concurrent.CountDownLatch loaded;

        LazyOrder(java.util.concurrent.CountDownLatch loaded) {
            this.loaded = loaded;
        }

        @Override
        public String toString() {
            try {
                loaded.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "order 42";
        }
    }

    @Test
    void aWorkerHeldAfterThatIsNoDurationFailsTheStartNamingIt() {
        runner.withPropertyValues("fapilog.sinks=in-memory", "fapilog.health.worker-held-after=0s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("fapilog.health.worker-held-after"));
    }

    @Test
    void downOnSinkFailureWhenConfigured() {
        FapilogRuntime runtime = runtimeWithFailingSink();
        runner.withBean(FapilogRuntime.class, () -> runtime)
                .withPropertyValues("fapilog.health.down-on-sink-failure=true").run(context -> {
                    HealthIndicator indicator = context.getBean("fapilogHealthIndicator", HealthIndicator.class);
                    runtime.getLogger("com.acme.Health").error("First failed batch");
                    await().atMost(Duration.ofSeconds(5)).until(() -> runtime.sinkHealth().stream()
                            .anyMatch(sink -> sink.errors() == 1));
                    runtime.getLogger("com.acme.Health").error("Second failed batch");
                    await().atMost(Duration.ofSeconds(5)).until(() -> indicator.health().getStatus().equals(Status.DOWN));
                    assertThat(sinkDetails(indicator.health(), "failing")).containsEntry("state", "OPEN");
                });
    }

    private static FapilogRuntime runtimeWithFailingSink() {
        Sink failing = new Sink() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void write(EncodedBatch batch) {
                throw new IllegalStateException("disk on fire");
            }
        };
        return TestRuntimes.inMemory(new InMemorySink(), b -> b.sink(failing)
                .circuitBreaker(new CircuitBreakerSettings(0, Duration.ZERO, 2, Duration.ofHours(1), false)));
    }

    @Test
    void canBeSwitchedOff() {
        runner.withPropertyValues("fapilog.sinks=in-memory", "management.health.fapilog.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("fapilogHealthIndicator"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sinkDetails(Health health, String sink) {
        Map<String, Object> sinks = (Map<String, Object>) health.getDetails().get("sinks");
        return (Map<String, Object>) sinks.get(sink);
    }
}
