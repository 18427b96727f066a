package io.fapilog.spring.autoconfigure;

import io.fapilog.DrainResult;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class FapilogLifecycleTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class));

    @Test
    void drainsOnContextCloseSoThatEveryEventLoggedBeforeIsWritten(CapturedOutput output) {
        InMemorySink sink = new InMemorySink();
        // Batches wait up to a minute: only the drain at close can write them in time.
        FapilogRuntime runtime = TestRuntimes.inMemory(sink, b -> b.batchMaxSize(10_000).batchTimeout(Duration.ofMinutes(1)));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            Logger log = runtime.getLogger("com.acme.Shutdown");
            FapilogLifecycle lifecycle = context.getBean(FapilogLifecycle.class);
            for (int i = 0; i < 500; i++) {
                log.info("Before close", "i", i);
            }
            context.close();
            assertThat(sink.size()).isEqualTo(500);
            DrainResult result = lifecycle.getDrainResult();
            assertThat(result.submitted()).isEqualTo(500);
            assertThat(result.processed()).isEqualTo(500);
            assertThat(result.dropped()).isZero();
        });
        assertThat(runtime.isStopped()).isTrue();
        JsonNode report = reportLine(output.getErr());
        assertThat(report.get("level").asString()).isEqualTo("INFO");
        assertThat(report.get("message").asString()).isEqualTo("Fapilog drained");
        assertThat(report.get("logger").asString()).isEqualTo(FapilogLifecycle.class.getName());
        assertThat(report.get("data").get("submitted").asLong()).isEqualTo(500);
        assertThat(report.get("data").get("processed").asLong()).isEqualTo(500);
        assertThat(report.get("data").get("dropped").asLong()).isZero();
        assertThat(report.get("data").has("to_fallback")).isFalse();
    }

    /**
     * Standard output is a pipe nobody reads any more: the sink is blocked in a write, holding the
     * stream's lock, past the shutdown timeout. The drain still ends within its timeout and the report's
     * wait (before: the report's {@code println} waited for that lock, so the JVM could not exit until
     * somebody read the pipe), and the report, printed once the pipe drains, counts the event in flight.
     */
    /**
     * A context stopped and started again without a close ({@code ConfigurableApplicationContext.stop()},
     * CRaC's checkpoint and restore): the stop drained the engine for good, and every later event went
     * to a closed sink. It writes what was queued, keeps running, and only the close drains.
     */
    @Test
    void aStopWithoutACloseWritesWhatWasLoggedAndKeepsTheEngineRunning() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink, b -> b.batchMaxSize(10_000).batchTimeout(Duration.ofMinutes(1)));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            Logger log = runtime.getLogger("com.acme.Checkpoint");
            FapilogLifecycle lifecycle = context.getBean(FapilogLifecycle.class);
            log.info("before the stop");

            context.getSourceApplicationContext(org.springframework.context.ConfigurableApplicationContext.class).stop();

            assertThat(lifecycle.isRunning()).isFalse();
            assertThat(runtime.isStopped()).isFalse();
            assertThat(sink.lines()).hasSize(1);
            assertThat(lifecycle.getDrainResult()).isNull();
            log.info("while stopped");

            context.getSourceApplicationContext(org.springframework.context.ConfigurableApplicationContext.class).start();

            assertThat(lifecycle.isRunning()).isTrue();
            log.info("after the start");
            context.close();
            assertThat(runtime.isStopped()).isTrue();
            assertThat(lifecycle.getDrainResult().processed()).isEqualTo(3);
        });
        assertThat(sink.lines()).hasSize(3);
    }

    @Test
    void aDrainThatTimesOutOnABlockedStreamDoesNotWaitForTheStreamToPrintItsReport() throws Exception {
        CountDownLatch readerBack = new CountDownLatch(1);
        CountDownLatch sinkBlocked = new CountDownLatch(1);
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                sinkBlocked.countDown();
                try {
                    readerBack.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (written) {
                    written.write(bytes, offset, length);
                }
            }
        }, true);
        Sink toStdout = new Sink() {
            @Override
            public String name() {
                return "stdout";
            }

            @Override
            public void write(EncodedBatch batch) {
                stdout.write(batch.array(), 0, batch.length());
            }
        };
        FapilogRuntime runtime = TestRuntimes.inMemory(null, b -> b.sink(toStdout));
        FapilogLifecycle lifecycle = new FapilogLifecycle(runtime, Duration.ofMillis(200),
                new DrainReport(() -> stdout, "blocked"));
        lifecycle.start();
        runtime.getLogger("com.acme.Blocked").info("stuck in the pipe");
        assertThat(sinkBlocked.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopping = new Thread(lifecycle::stop, "stopping");
        stopping.start();
        stopping.join(TimeUnit.SECONDS.toMillis(30));
        boolean stopped = !stopping.isAlive();
        readerBack.countDown();
        assertThat(stopped).as("the lifecycle's stop returned while the pipe was still blocked").isTrue();

        String report = awaitLine(written, "Fapilog drain timed out");
        JsonNode data = JSON.readTree(report).get("data");
        assertThat(data.get("submitted").asLong()).isEqualTo(1);
        assertThat(data.get("in_flight").asLong()).isEqualTo(1);
        assertThat(data.get("timeout_ms").asLong()).isEqualTo(200);
    }

    /**
     * The JVM starts its shutdown hooks in no set order: when the lifecycle's own starts before
     * Spring's, its drain must still wait for Spring's to close the context, so that what the
     * context's shutdown logs (requests finishing gracefully, beans destroyed) is in the drain.
     */
    @Test
    void atJvmExitTheDrainWaitsForSpringsHookThatStartsAfterIt() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink);
        java.io.ByteArrayOutputStream reported = new java.io.ByteArrayOutputStream();
        FapilogLifecycle lifecycle = new FapilogLifecycle(runtime, Duration.ofSeconds(5),
                new DrainReport(() -> new java.io.PrintStream(reported, true), "exit"));
        lifecycle.expectSpringShutdownHook();
        lifecycle.start();

        Thread exitDrain = new Thread(lifecycle::drainAtJvmExit, "fapilog-context-shutdown");
        exitDrain.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (exitDrain.getState() != Thread.State.TIMED_WAITING && exitDrain.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        Thread springHook = new Thread(() -> {
            runtime.getLogger("com.acme.Shutdown").info("request finished during the graceful shutdown");
            lifecycle.stop();
        }, FapilogLifecycle.SPRING_SHUTDOWN_HOOK);
        springHook.start();
        springHook.join(TimeUnit.SECONDS.toMillis(30));
        exitDrain.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(lifecycle.getDrainResult()).isNotNull();
        assertThat(lifecycle.getDrainResult().processed()).as("the shutdown's event is in the drain").isEqualTo(1);
        assertThat(sink.lines()).hasSize(1);
    }

    @Test
    void theLifecycleKnowsWhetherSpringsShutdownHookClosesItsContext() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.bridge.slf4j=false")
                .run(context -> assertThat(context.getBean(FapilogLifecycle.class).expectsSpringShutdownHook()).isFalse());
        for (String hook : new String[] {"true", "false"}) {
            org.springframework.boot.SpringApplication application =
                    new org.springframework.boot.SpringApplication(FapilogConfigurationFailureAnalyzerTests.MinimalApplication.class);
            application.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
            try (var context = application.run("--fapilog.bridge.slf4j=false", "--spring.main.register-shutdown-hook=" + hook)) {
                assertThat(context.getBean(FapilogLifecycle.class).expectsSpringShutdownHook()).isEqualTo(Boolean.parseBoolean(hook));
            }
        }
    }

    private static String awaitLine(java.io.ByteArrayOutputStream written, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String text;
            synchronized (written) {
                text = written.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
            java.util.Optional<String> line = text.lines().filter(l -> l.contains(containing)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no line containing " + containing);
    }

    @Test
    void reportGoesToStandardOutputWhenTheEngineWritesThere(CapturedOutput output) {
        runner.withPropertyValues("fapilog.preset=minimal", "spring.application.name=reporting").run(context -> {
            context.getBean(FapilogRuntime.class).getLogger("com.acme.Out").info("One event");
            context.close();
        });
        JsonNode report = reportLine(output.getOut());
        assertThat(report.get("data").get("processed").asLong()).isEqualTo(1);
        assertThat(report.get("diagnostics").get("service").asString()).isEqualTo("reporting");
        assertThat(output.getOut()).contains("\"message\":\"One event\"");
    }

    /** The report carries the envelope of the events beside it (it had the service alone: queries on host or env missed it). */
    @Test
    void reportCarriesTheEventsProcessFields(CapturedOutput output) {
        runner.withPropertyValues("fapilog.preset=production", "spring.application.name=reporting", "fapilog.service.env=staging",
                "fapilog.service.version=1.2.3").run(context -> {
            context.getBean(FapilogRuntime.class).getLogger("com.acme.Out").info("One event");
            context.close();
        });
        JsonNode report = reportLine(output.getOut());
        JsonNode event = JSON.readTree(output.getOut().lines().filter(l -> l.contains("\"message\":\"One event\"")).findFirst().orElseThrow());
        java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>(JSON.convertValue(event.get("diagnostics"), java.util.Map.class));
        expected.remove("thread");
        assertThat(JSON.convertValue(report.get("diagnostics"), java.util.Map.class)).containsExactlyEntriesOf(expected)
                .containsKeys("service", "env", "version", "host", "pid");
    }

    @Test
    void reportUsesTheConfiguredLayout(CapturedOutput output) {
        runner.withPropertyValues("fapilog.preset=minimal", "fapilog.format=ecs", "spring.application.name=reporting")
                .run(context -> {
                    context.getBean(FapilogRuntime.class).getLogger("com.acme.Out").info("One event");
                    context.close();
                });
        JsonNode report = output.getOut().lines().filter(line -> line.contains("Fapilog drained"))
                .map(JSON::readTree).findFirst().orElseThrow();
        assertThat(report.at("/log/level").asString()).isEqualTo("INFO");
        assertThat(report.at("/log/logger").asString()).isEqualTo(FapilogLifecycle.class.getName());
        assertThat(report.at("/service/name").asString()).isEqualTo("reporting");
        assertThat(report.get("processed").asLong()).isEqualTo(1);
    }

    @Test
    void reportTakesTheMemberAdjustmentsOfTheEventLines(CapturedOutput output) {
        runner.withPropertyValues("fapilog.preset=minimal", "logging.structured.format.console=logstash",
                        "logging.structured.json.rename.logger_name=lg", "logging.structured.json.add.team=core",
                        "logging.structured.json.exclude=@version")
                .run(context -> {
                    context.getBean(FapilogRuntime.class).getLogger("com.acme.Out").info("One event");
                    context.close();
                });
        JsonNode report = output.getOut().lines().filter(line -> line.contains("Fapilog drained"))
                .map(JSON::readTree).findFirst().orElseThrow();
        JsonNode event = output.getOut().lines().filter(line -> line.contains("One event"))
                .map(JSON::readTree).findFirst().orElseThrow();
        assertThat(event.get("lg").asString()).isEqualTo("com.acme.Out");
        assertThat(report.get("lg").asString()).isEqualTo(FapilogLifecycle.class.getName());
        assertThat(report.get("team").asString()).isEqualTo("core");
        assertThat(report.has("@version")).isFalse();
        assertThat(report.has("logger_name")).isFalse();
    }

    @Test
    void reportFollowsTheLevelOfItsLogger(CapturedOutput output) {
        runner.withPropertyValues("fapilog.preset=minimal").run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            runtime.getLogger("com.acme.Out").info("One event");
            runtime.setLevel("io.fapilog", io.fapilog.Level.WARN); // logging.level.io.fapilog=WARN
            context.close();
        });
        assertThat(output.getOut()).contains("One event").doesNotContain("Fapilog drained");
        assertThat(output.getErr()).doesNotContain("Fapilog drained");
    }

    @Test
    void reportFollowsTheConsoleThreshold(CapturedOutput output) {
        runner.withPropertyValues("fapilog.preset=minimal", "fapilog.bridge.slf4j=true", "logging.threshold.console=warn")
                .run(context -> {
                    FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
                    runtime.getLogger("com.acme.Out").info("Below the threshold");
                    runtime.getLogger("com.acme.Out").warn("At the threshold");
                    context.close();
                });
        assertThat(output.getOut()).contains("At the threshold").doesNotContain("Below the threshold")
                .doesNotContain("Fapilog drained");
        assertThat(output.getErr()).doesNotContain("Fapilog drained");
    }

    @Test
    void reportIsAReadableLineWhenStandardOutputIsPretty(CapturedOutput output) {
        runner.withPropertyValues("fapilog.preset=dev", "fapilog.bridge.slf4j=false").run(context -> {
            context.getBean(FapilogRuntime.class).getLogger("com.acme.Out").info("One event");
            context.close();
        });
        String report = output.getOut().lines().filter(line -> line.contains("Fapilog drained")).findFirst().orElseThrow();
        assertThat(report).doesNotStartWith("{").contains("[" + FapilogLifecycle.class.getName() + "] Fapilog drained")
                .contains("processed=1").contains("dropped=0");
    }

    @Test
    void drainIsBoundedByTheShutdownTimeout(CapturedOutput output) {
        CountDownLatch release = new CountDownLatch(1);
        Sink stuck = new Sink() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public void write(EncodedBatch batch) throws InterruptedException {
                release.await(30, TimeUnit.SECONDS);
            }
        };
        // The only sink, a local one: the worker writes it directly, so the drain waits on it (a sink among
        // several, or a remote one, has a thread of its own, which a drain does not wait for past its timeout).
        FapilogRuntime runtime = TestRuntimes.inMemory(null, b -> b.sink(stuck)
                .shutdownTimeout(Duration.ofMillis(300))
                .circuitBreaker(new CircuitBreakerSettings(0, Duration.ZERO, 1, Duration.ofHours(1), false)));
        try {
            runner.withBean(FapilogRuntime.class, () -> runtime)
                    .withPropertyValues("fapilog.shutdown.timeout=300ms")
                    .run(context -> {
                        FapilogLifecycle lifecycle = context.getBean(FapilogLifecycle.class);
                        runtime.getLogger("com.acme.Stuck").info("Never written in time");
                        long start = System.nanoTime();
                        context.close();
                        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                        assertThat(lifecycle.getDrainResult()).isNull();
                    });
            JsonNode report = reportLine(output.getErr());
            assertThat(report.get("level").asString()).isEqualTo("WARN");
            assertThat(report.get("message").asString()).isEqualTo("Fapilog drain timed out");
            assertThat(report.get("data").get("timeout_ms").asLong()).isEqualTo(300);
        } finally {
            release.countDown();
        }
    }

    /** Kept, but not where the application sends its logs: the report says how many, as a warning. */
    @Test
    void eventsTheFallbackWroteInASinksPlaceMakeTheReportAWarning(CapturedOutput output) {
        Sink failing = new Sink() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void write(EncodedBatch batch) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        FapilogRuntime runtime = TestRuntimes.inMemory(null, b -> b.sink(failing)
                .circuitBreaker(new CircuitBreakerSettings(0, Duration.ZERO, 1, Duration.ofHours(1), true)));
        runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
            Logger log = runtime.getLogger("com.acme.Failing");
            for (int i = 0; i < 3; i++) {
                log.info("To the fallback", "i", i);
            }
            context.close();
        });
        JsonNode report = reportLine(output.getErr());
        assertThat(report.get("level").asString()).isEqualTo("WARN");
        assertThat(report.get("message").asString()).isEqualTo("Fapilog drained");
        assertThat(report.get("data").get("processed").asLong()).isEqualTo(3);
        assertThat(report.get("data").get("dropped").asLong()).isZero();
        assertThat(report.get("data").get("to_fallback").asLong()).isEqualTo(3);
        assertThat(output.getErr().lines().filter(line -> line.contains("\"message\":\"To the fallback\""))).hasSize(3);
    }

    @Test
    void phaseIsBetweenTheLoggingCleanupAndTheWebServer() {
        // Stop runs in descending phase order: the web server (graceful shutdown, then stop) first,
        // then the drain, then Spring Boot's logging cleanup (Integer.MIN_VALUE + 1).
        assertThat(FapilogLifecycle.DEFAULT_PHASE)
                .isGreaterThan(Integer.MIN_VALUE + 1)
                .isLessThan(org.springframework.boot.web.server.context.WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE)
                .isLessThan(org.springframework.boot.web.server.context.WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
                .isLessThan(0);
        assertThat(new FapilogLifecycle(TestRuntimes.inMemory(new InMemorySink()), Duration.ofSeconds(1)).isPauseable())
                .isFalse();
    }

    @Test
    void userRuntimeBecomesTheDefaultWhenTheLifecycleStarts() {
        runner.withUserConfiguration(UserRuntime.class).run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            io.fapilog.Fapilog.getLogger("com.acme.Default").info("To the user's runtime");
            assertThat(runtime.stats().submitted()).isEqualTo(1);
        });
    }

    /**
     * A bean destroyed after the drain (a {@code @PreDestroy}) that logs through {@code Fapilog.getLogger}
     * reaches the application's drained runtime, with its redaction, as its SLF4J events do: not a
     * runtime started from a preset, which knows nothing of the application's settings.
     */
    @Test
    void aStaticLoggerUsedAfterTheDrainWritesThroughTheApplicationsRuntime() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink, b -> b.redaction(new io.fapilog.config.RedactionSettings(
                java.util.Set.of("credentials"), java.util.Set.of("tax_ref"), java.util.List.of(), true, false)));
        try {
            runner.withBean(FapilogRuntime.class, () -> runtime)
                    .withBean(LogsWhenDestroyed.class, LogsWhenDestroyed::new)
                    .run(context -> assertThat(runtime.isStopped()).isFalse());

            assertThat(runtime.isStopped()).isTrue();
            assertThat(io.fapilog.Fapilog.defaultRuntime()).isSameAs(runtime);
            assertThat(runtime.stats().submitted()).isEqualTo(1);
            assertThat(runtime.stats().processed()).isEqualTo(1);
            assertThat(sink.lines()).singleElement().satisfies(line -> assertThat(JSON.readTree(line).at("/data/tax_ref")
                    .asString()).isEqualTo("***"));
        } finally {
            io.fapilog.Fapilog.setDefaultRuntime(null);
        }
    }

    /**
     * A logger kept in a static field of the main class, made before the context starts, writes
     * through the application's runtime once it runs: its redaction, its levels as changed at run time
     * (what {@code /actuator/loggers} does), not the preset's runtime it would have had then.
     */
    @Test
    void aStaticLoggerMadeBeforeTheContextWritesThroughTheApplicationsRuntime() {
        io.fapilog.Logger early = io.fapilog.Fapilog.getLogger("com.acme.Main");
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink, b -> b.redaction(new io.fapilog.config.RedactionSettings(
                java.util.Set.of("credentials"), java.util.Set.of("tax_ref"), java.util.List.of(), true, false)));
        try {
            runner.withBean(FapilogRuntime.class, () -> runtime).run(context -> {
                early.info("Started", "tax_ref", "TAXREF42");
                early.debug("not yet");
                runtime.setLevel("com.acme", io.fapilog.Level.DEBUG);
                early.debug("now at DEBUG");
            });

            assertThat(runtime.stats().submitted()).isEqualTo(2);
            assertThat(sink.lines()).hasSize(2);
            assertThat(JSON.readTree(sink.lines().get(0)).at("/data/tax_ref").asString()).isEqualTo("***");
            assertThat(JSON.readTree(sink.lines().get(1)).get("message").asString()).isEqualTo("now at DEBUG");
        } finally {
            io.fapilog.Fapilog.setDefaultRuntime(null);
        }
    }

    static class LogsWhenDestroyed implements org.springframework.beans.factory.DisposableBean {

        @Override
        public void destroy() {
            io.fapilog.Fapilog.getLogger("com.acme.Closer").info("Destroyed", "tax_ref", "TAXREF42");
        }
    }

    private static JsonNode reportLine(String text) {
        return text.lines()
                .filter(line -> line.contains("\"logger\":\"" + FapilogLifecycle.class.getName() + "\""))
                .map(JSON::readTree)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no drain report in:\n" + text));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserRuntime {

        @Bean
        FapilogRuntime userRuntime() {
            return TestRuntimes.inMemory(new InMemorySink());
        }
    }
}
