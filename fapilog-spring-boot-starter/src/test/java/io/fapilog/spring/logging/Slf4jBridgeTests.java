package io.fapilog.spring.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.logback.FapilogAppender;
import io.fapilog.logback.LogbackBridge;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.TestRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class Slf4jBridgeTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Logback writes either through its console again (no runtime connected; or fapilog disabled) or
     * through fapilog's appender, kept for the drained runtime of a closed context: never both.
     */
    @AfterEach
    void rootLoggerWritesThroughOneOfThem() {
        if (rootAppenders().stream().anyMatch(FapilogAppender.class::isInstance)) {
            assertThat(rootAppenders()).noneMatch(ConsoleAppender.class::isInstance);
        } else {
            assertThat(rootAppenders()).anyMatch(ConsoleAppender.class::isInstance);
        }
    }

    /**
     * After the context closed (fapilog drained, the bridge disconnected), what is still logged
     * through SLF4J (a bean destroyed late, a JVM shutdown hook) is written synchronously by the
     * drained runtime: JSON, redacted, counted; never a raw line from Logback's console appender.
     */
    @Test
    void eventsLoggedAfterTheContextClosedAreWrittenAsRedactedJson(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = application().run("--fapilog.preset=production",
                "--spring.application.name=closing");
        FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
        context.close();
        assertThat(runtime.isStopped()).isTrue();
        assertThat(LogbackBridge.isConnected(runtime)).isFalse();
        long processedAtClose = runtime.stats().processed();

        LoggerFactory.getLogger("com.acme.AfterClose").atWarn().addKeyValue("password", "hunter2")
                .log("After close {}", 1);
        Thread hook = new Thread(() -> LoggerFactory.getLogger("com.acme.ShutdownHook").atInfo()
                .addKeyValue("token", "abc123").log("From a shutdown hook"), "shutdown-hook");
        hook.start();
        hook.join();

        List<String> out = output.getOut().lines().toList();
        List<String> afterClose = out.stream().filter(line -> line.contains("After close")).toList();
        assertThat(afterClose).singleElement().satisfies(line -> assertThat(line).startsWith("{"));
        JsonNode late = JSON.readTree(afterClose.get(0));
        assertThat(late.get("level").asString()).isEqualTo("WARN");
        assertThat(late.get("logger").asString()).isEqualTo("com.acme.AfterClose");
        assertThat(late.get("message").asString()).isEqualTo("After close 1");
        assertThat(late.get("data")).isEqualTo(JSON.readTree("{\"password\":\"***\"}"));
        assertThat(late.get("diagnostics").get("service").asString()).isEqualTo("closing");

        List<String> fromHook = out.stream().filter(line -> line.contains("From a shutdown hook")).toList();
        assertThat(fromHook).singleElement().satisfies(line -> assertThat(line).startsWith("{"));
        JsonNode hooked = JSON.readTree(fromHook.get(0));
        assertThat(hooked.get("data")).isEqualTo(JSON.readTree("{\"token\":\"***\"}"));
        assertThat(hooked.get("diagnostics").get("thread").asString()).isEqualTo("shutdown-hook");

        assertThat(output.getAll()).doesNotContain("hunter2").doesNotContain("abc123");
        assertThat(runtime.stats().processed()).isEqualTo(processedAtClose + 2);
        assertThat(runtime.stats().submitted()).isEqualTo(
                runtime.stats().processed() + runtime.stats().dropped() + runtime.stats().filtered());
        assertThat(rootAppenders()).anyMatch(FapilogAppender.class::isInstance).noneMatch(ConsoleAppender.class::isInstance);
    }

    /**
     * Spring Boot's logging shutdown hook stops Logback at exit. An application run after another
     * in the JVM (a DevTools restart's, a test's) had Logback stopped once already, when Boot set
     * its logging up, and that stop took away what brought the bridge back after a stop: every
     * SLF4J event after the exit's stop was lost.
     */
    @Test
    void eventsLoggedAfterBootsLoggingShutdownOfASecondApplicationAreWritten(CapturedOutput output) throws Exception {
        application().run("--fapilog.preset=production", "--spring.application.name=first").close();
        ConfigurableApplicationContext second = application().run("--fapilog.preset=production",
                "--spring.application.name=second");
        second.close();

        LoggingSystem.get(getClass().getClassLoader()).getShutdownHandler().run();
        LoggerFactory.getLogger("com.acme.ShutdownHook").warn("After Boot's logging shutdown");

        List<String> late = output.getOut().lines().filter(line -> line.contains("After Boot's logging shutdown")).toList();
        assertThat(late).singleElement().satisfies(line -> assertThat(line).startsWith("{"));
        JsonNode event = JSON.readTree(late.get(0));
        assertThat(event.get("logger").asString()).isEqualTo("com.acme.ShutdownHook");
        assertThat(event.get("diagnostics").get("service").asString()).isEqualTo("second");
    }

    /**
     * Spring Boot's logging clean-up at the close takes its JUL bridge handler off: what libraries log
     * through {@code java.util.logging} or {@code System.Logger} after it (Tomcat stopping its service,
     * a bean destroyed late) was lost without a word, while SLF4J's lines were written.
     */
    @Test
    void julAndSystemLoggerLinesLoggedAfterTheContextClosedAreWritten(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = application().run("--fapilog.preset=production",
                "--spring.application.name=closing");
        FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
        assertThat(java.util.logging.Logger.getLogger("").getHandlers())
                .anyMatch(handler -> handler instanceof org.slf4j.bridge.SLF4JBridgeHandler);
        context.close();
        long processedAtClose = runtime.stats().processed();

        java.util.logging.Logger.getLogger("com.acme.Jul").warning("JUL after close");
        System.getLogger("com.acme.SystemLogger").log(System.Logger.Level.ERROR, "System.Logger after close");

        List<JsonNode> lines = jsonLines(output.getOut());
        assertThat(event(lines, "JUL after close").get("logger").asString()).isEqualTo("com.acme.Jul");
        assertThat(event(lines, "JUL after close").get("level").asString()).isEqualTo("WARN");
        assertThat(event(lines, "System.Logger after close").get("level").asString()).isEqualTo("ERROR");
        assertThat(runtime.stats().processed()).isEqualTo(processedAtClose + 2);
        assertThat(java.util.logging.Logger.getLogger("").getHandlers())
                .filteredOn(handler -> handler instanceof org.slf4j.bridge.SLF4JBridgeHandler).hasSize(1);
    }

    /**
     * A fapilog logger in a static field of the main class, made before {@code SpringApplication.run}
     * (as the migration guide suggests), writes in the application's layout, with its service name and
     * its levels, once the application's runtime is there.
     */
    @Test
    void aStaticLoggerMadeBeforeTheApplicationRunsWritesInItsLayout(CapturedOutput output) {
        io.fapilog.Logger early = Fapilog.getLogger("com.acme.Main");
        ConfigurableApplicationContext context = application().run("--fapilog.preset=production",
                "--logging.structured.format.console=ecs", "--spring.application.name=orders",
                "--logging.level.com.acme.Main=warn");
        try {
            early.info("below the level Boot set");
            early.warn("Started from main", "password", "hunter2");
        } finally {
            context.close();
        }
        List<String> lines = output.getOut().lines().filter(line -> line.contains("com.acme.Main")).toList();
        assertThat(lines).singleElement().satisfies(line -> {
            JsonNode event = JSON.readTree(line);
            assertThat(event.get("message").asString()).isEqualTo("Started from main");
            assertThat(event.at("/log/level").asString()).isEqualTo("WARN"); // ECS
            assertThat(event.at("/service/name").asString()).isEqualTo("orders");
            assertThat(event.get("password").asString()).isEqualTo("***");
        });
    }

    @Test
    void springAndApplicationLogLinesBecomeOneJsonStream(CapturedOutput output) {
        ConfigurableApplicationContext context = application().run("--fapilog.preset=production",
                "--spring.application.name=bridged", "--fapilog.levels.com.acme.noisy=warn");
        try {
            assertThat(rootAppenders()).anyMatch(FapilogAppender.class::isInstance)
                    .noneMatch(ConsoleAppender.class::isInstance);
            FapilogEarlyRuntime early = context.getBean(FapilogEarlyRuntime.class);
            assertThat(early.isAdopted()).isTrue();
            assertThat(context.getBean(FapilogRuntime.class)).isSameAs(early.runtime());

            MDC.put("request_id", "req-42");
            try {
                LoggerFactory.getLogger("com.acme.Bridged").atInfo().addKeyValue("order_id", 7)
                        .log("Hello {}", "bridge");
            } finally {
                MDC.clear();
            }
            LoggerFactory.getLogger("com.acme.noisy.Chatter").info("Below fapilog's threshold");
            LoggerFactory.getLogger("com.acme.Bridged").error("Failed", new IllegalStateException("boom"));
        } finally {
            context.close();
        }

        List<JsonNode> lines = jsonLines(output.getOut());
        JsonNode hello = event(lines, "Hello bridge");
        assertThat(hello.get("level").asString()).isEqualTo("INFO");
        assertThat(hello.get("logger").asString()).isEqualTo("com.acme.Bridged");
        assertThat(hello.get("context").get("request_id").asString()).isEqualTo("req-42");
        assertThat(hello.get("data").get("order_id").asInt()).isEqualTo(7);
        assertThat(hello.get("diagnostics").get("service").asString()).isEqualTo("bridged");
        assertThat(hello.get("diagnostics").get("thread").asString()).isEqualTo(Thread.currentThread().getName());

        JsonNode failed = event(lines, "Failed");
        assertThat(failed.get("level").asString()).isEqualTo("ERROR");
        assertThat(failed.get("diagnostics").get("exception").get("type").asString())
                .isEqualTo(IllegalStateException.class.getName());

        assertThat(lines).anySatisfy(line -> assertThat(line.get("message").asString()).startsWith("Started "));
        assertThat(lines).noneSatisfy(line -> assertThat(line.get("message").asString()).contains("Below fapilog's threshold"));
        assertThat(output.getOut()).doesNotContain(":: Spring Boot ::");
        assertThat(output.getOut()).doesNotContain("Below fapilog's threshold");
    }

    @Test
    void everyLineOnStandardOutputIsJsonUntilTheDrainReport(CapturedOutput output) {
        ConfigurableApplicationContext context = application().run("--fapilog.preset=production");
        LoggerFactory.getLogger("com.acme.Stream").info("Within the stream");
        context.close();
        List<String> lines = output.getOut().lines().filter(line -> !line.isBlank()).toList();
        int report = lines.stream().filter(line -> line.contains("\"message\":\"Fapilog drained\""))
                .findFirst().map(lines::indexOf).orElseThrow(() -> new AssertionError("no drain report in " + lines));
        assertThat(lines.subList(0, report + 1)).hasSizeGreaterThan(2).allSatisfy(line -> {
            assertThat(line).startsWith("{");
            assertThat(JSON.readTree(line).isObject()).isTrue();
        });
    }

    /** A value whose text waits (an object without properties is written as its text): it holds the worker that writes it. */
    private static final class Held {
        private final CountDownLatch release;

        Held(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public String toString() {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }
    }

    /**
     * A worker held by a value (a lazy entity's toString, a database behind a full pool): the close
     * gives up on the drain after {@code fapilog.shutdown.timeout}, once. Before, the close waited the
     * whole timeout a second time (SIGTERM to exit: 22 s with 10 s), once in the lifecycle's stop and
     * again when the bridge's runtime was destroyed.
     */
    @Test
    void aDrainThatRunsOutOfTimeIsWaitedForOnce() {
        CountDownLatch release = new CountDownLatch(1);
        ConfigurableApplicationContext context = application().run("--fapilog.preset=production", "--fapilog.shutdown.timeout=3s");
        try {
            Fapilog.getLogger("com.acme.Held").info("held", "order", new Held(release));
            long start = System.nanoTime();
            context.close();
            Duration closing = Duration.ofNanos(System.nanoTime() - start);
            assertThat(closing).as("the drain was waited for").isGreaterThanOrEqualTo(Duration.ofMillis(2_900));
            assertThat(closing).as("once").isLessThan(Duration.ofMillis(5_500));
        } finally {
            release.countDown();
        }
    }

    /** The banner is no JSON line: off with {@code stdout-json}, printed as Boot prints it when standard output is for people ({@code dev}). */
    @Test
    void theBannerIsPrintedUnlessStandardOutputIsJson(CapturedOutput output) {
        application().run("--fapilog.preset=dev").close();
        assertThat(output.getOut()).contains(":: Spring Boot ::");
        int printed = output.getOut().length();

        application().run("--fapilog.preset=production").close();
        assertThat(output.getOut().substring(printed)).doesNotContain(":: Spring Boot ::");
    }

    @Test
    void severalApplicationsInOneJvmEachKeepTheirRuntime() {
        ConfigurableApplicationContext first = application().run("--fapilog.preset=production", "--fapilog.sinks=in-memory");
        FapilogRuntime firstRuntime = first.getBean(FapilogRuntime.class);
        ConfigurableApplicationContext second = application().run("--fapilog.preset=production", "--fapilog.sinks=in-memory");
        FapilogRuntime secondRuntime = second.getBean(FapilogRuntime.class);
        try {
            assertThat(secondRuntime).isNotSameAs(firstRuntime);
            assertThat(rootAppenders()).filteredOn(FapilogAppender.class::isInstance).hasSize(1);

            assertThat(Fapilog.defaultRuntime()).as("static loggers: the newest").isSameAs(secondRuntime);
            long firstBefore = firstRuntime.stats().submitted();
            long secondBefore = secondRuntime.stats().submitted();
            LoggerFactory.getLogger("com.acme.Newest").warn("To the newest application");
            assertThat(secondRuntime.stats().submitted()).isEqualTo(secondBefore + 1);
            assertThat(firstRuntime.stats().submitted()).isEqualTo(firstBefore);

            second.close();
            assertThat(secondRuntime.isStopped()).isTrue();
            assertThat(rootAppenders()).anyMatch(FapilogAppender.class::isInstance);
            assertThat(Fapilog.defaultRuntime()).as("static loggers: back to the first").isSameAs(firstRuntime);
            firstBefore = firstRuntime.stats().submitted();
            LoggerFactory.getLogger("com.acme.Remaining").warn("Back to the first application");
            assertThat(firstRuntime.stats().submitted()).isEqualTo(firstBefore + 1);
        } finally {
            second.close();
            first.close();
        }
        assertThat(firstRuntime.isStopped()).isTrue();
    }

    @Test
    void aChildContextLeavesStaticLoggersOnTheParentsRuntime() {
        Fapilog.setDefaultRuntime(null); // a runtime an earlier test left running would be the default after the close
        ConfigurableApplicationContext child = new SpringApplicationBuilder(BridgedApplication.class).web(WebApplicationType.NONE)
                .child(ChildApplication.class).web(WebApplicationType.NONE)
                .run("--fapilog.preset=production", "--fapilog.sinks=in-memory");
        ConfigurableApplicationContext parent = (ConfigurableApplicationContext) child.getParent();
        FapilogRuntime parentRuntime = parent.getBean(FapilogRuntime.class);
        try {
            assertThat(child.getBean(FapilogRuntime.class)).isSameAs(parentRuntime);
            assertThat(Fapilog.defaultRuntime()).isSameAs(parentRuntime);
            long before = parentRuntime.stats().submitted();
            Fapilog.getLogger("com.acme.Static").info("Through the parent's runtime");
            assertThat(parentRuntime.stats().submitted()).isEqualTo(before + 1);

            child.close();
            assertThat(Fapilog.defaultRuntime()).isSameAs(parentRuntime);
        } finally {
            child.close();
            parent.close();
        }
        assertThat(parentRuntime.isStopped()).isTrue();
        assertThat(Fapilog.defaultRuntime()).as("drained, it writes synchronously, with the application's settings")
                .isSameAs(parentRuntime);
        long before = parentRuntime.stats().submitted();
        Fapilog.getLogger("com.acme.Static").info("After the close");
        assertThat(parentRuntime.stats().submitted()).isEqualTo(before + 1);
        assertThat(parentRuntime.stats().processed()).isEqualTo(before + 1);
    }

    @Configuration(proxyBeanMethods = false)
    static class ChildApplication {
    }

    /**
     * The child's application started an early runtime of its own from the same configuration: it
     * fought the parent's file for its lock (an error on standard error) and wrote the child's
     * start-up lines there instead of to the file.
     */
    @Test
    void aChildContextStartsNoRuntimeOfItsOwn(@TempDir Path directory, CapturedOutput output) throws Exception {
        Path file = directory.resolve("app.log");
        ConfigurableApplicationContext child = new SpringApplicationBuilder(BridgedApplication.class).web(WebApplicationType.NONE)
                .child(ChildApplication.class).web(WebApplicationType.NONE)
                .run("--fapilog.preset=production", "--fapilog.sinks=rotating-file", "--fapilog.file.path=" + file);
        ConfigurableApplicationContext parent = (ConfigurableApplicationContext) child.getParent();
        child.close();
        parent.close();

        assertThat(output.getErr()).doesNotContain("fapilog:");
        assertThat(Files.readAllLines(file)).filteredOn(line -> line.contains("No active profile set")).hasSize(2);
    }

    /**
     * A DevTools restart, or a test suite's next context, into an application without fapilog: static
     * loggers went on writing through the first application's drained runtime, to its closed file
     * (an error on standard error); they write through the default preset's runtime, as the docs say.
     */
    @Test
    void anApplicationWithoutFapilogAfterOneWithItLeavesItsDrainedRuntime(@TempDir Path directory, CapturedOutput output) {
        Fapilog.setDefaultRuntime(null);
        ConfigurableApplicationContext first = application().run("--fapilog.preset=production",
                "--fapilog.sinks=rotating-file", "--fapilog.file.path=" + directory.resolve("app.log"));
        FapilogRuntime firstRuntime = first.getBean(FapilogRuntime.class);
        first.close();
        assertThat(Fapilog.applicationRuntime()).isSameAs(firstRuntime);

        ConfigurableApplicationContext second = application().run("--fapilog.enabled=false");
        try {
            assertThat(Fapilog.applicationRuntime()).isNull();
            long before = firstRuntime.stats().submitted();
            Fapilog.getLogger("com.acme.Static").info("After the restart");
            assertThat(firstRuntime.stats().submitted()).isEqualTo(before);
            assertThat(output.getErr()).doesNotContain("fapilog: sink");
        } finally {
            second.close();
        }
    }

    /**
     * A DevTools restart into an application with fapilog: until its runtime is made (with the bridge
     * off, by the auto-configuration, after much of the start), static loggers keep writing through
     * the drained runtime before it, with its settings. They started the default preset's runtime,
     * without the application's redaction or format, whose worker stayed for the JVM's life.
     */
    @Test
    void staticLoggersKeepTheDrainedRuntimeUntilTheNextApplicationsRuntimeStarts() {
        Fapilog.setDefaultRuntime(null);
        ConfigurableApplicationContext first = application().run("--fapilog.preset=production", "--fapilog.sinks=in-memory",
                "--fapilog.bridge.slf4j=false");
        FapilogRuntime firstRuntime = first.getBean(FapilogRuntime.class);
        first.close();
        long before = firstRuntime.stats().submitted();

        List<FapilogRuntime> whileStarting = new ArrayList<>();
        ConfigurableApplicationContext second = new SpringApplicationBuilder(BridgedApplication.class)
                .web(WebApplicationType.NONE)
                .listeners((ApplicationListener<ApplicationPreparedEvent>) prepared -> {
                    whileStarting.add(Fapilog.defaultRuntime());
                    Fapilog.getLogger("com.acme.Starting").info("While the next application starts");
                })
                .run("--fapilog.preset=production", "--fapilog.sinks=in-memory", "--fapilog.bridge.slf4j=false");
        try {
            assertThat(whileStarting).singleElement().isSameAs(firstRuntime);
            assertThat(firstRuntime.stats().submitted()).isEqualTo(before + 1);
            assertThat(firstRuntime.stats().processed()).isEqualTo(before + 1);
            assertThat(Fapilog.applicationRuntime()).isSameAs(second.getBean(FapilogRuntime.class));
        } finally {
            second.close();
        }
    }

    /** The next application started without making a runtime of its own: the drained one before it is forgotten then. */
    @Test
    void aNextApplicationThatMakesNoRuntimeLeavesTheDrainedOneOnceStarted() {
        Fapilog.setDefaultRuntime(null);
        ConfigurableApplicationContext first = application().run("--fapilog.preset=production", "--fapilog.sinks=in-memory",
                "--fapilog.bridge.slf4j=false");
        FapilogRuntime firstRuntime = first.getBean(FapilogRuntime.class);
        first.close();
        assertThat(Fapilog.applicationRuntime()).isSameAs(firstRuntime);

        ConfigurableApplicationContext second = new SpringApplicationBuilder(ChildApplication.class)
                .web(WebApplicationType.NONE).run("--fapilog.bridge.slf4j=false");
        try {
            assertThat(Fapilog.applicationRuntime()).isNull();
        } finally {
            second.close();
        }
    }

    @Test
    void disabledFapilogInstallsNothing(CapturedOutput output) {
        ConfigurableApplicationContext context = application().run("--fapilog.enabled=false");
        try {
            assertThat(rootAppenders()).noneMatch(FapilogAppender.class::isInstance);
            assertThat(context.getBeanProvider(FapilogRuntime.class).getIfAvailable()).isNull();
            assertThat(context.getBeanProvider(FapilogEarlyRuntime.class).getIfAvailable()).isNull();
        } finally {
            context.close();
        }
        assertThat(output.getOut()).contains(":: Spring Boot ::");
    }

    @ParameterizedTest(name = "lazy initialization: {0}")
    @ValueSource(booleans = { false, true })
    void aUserDefinedRuntimeTakesOverAndTheEarlyOneIsRetired(boolean lazy) {
        InMemorySink sink = new InMemorySink();
        UserRuntime.runtime = TestRuntimes.inMemory(sink);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(UserRuntime.class)
                .web(WebApplicationType.NONE).run("--fapilog.preset=production", "--spring.main.lazy-initialization=" + lazy);
        try {
            FapilogEarlyRuntime early = context.getBean(FapilogEarlyRuntime.class);
            assertThat(early.isAdopted()).isFalse();
            assertThat(early.runtime().isStopped()).isTrue();
            assertThat(LogbackBridge.isConnected(UserRuntime.runtime)).isTrue();
            assertThat(LogbackBridge.isConnected(early.runtime())).isFalse();

            LoggerFactory.getLogger("com.acme.User").warn("To the user's runtime");
            awaitLine(sink, "\"message\":\"To the user's runtime\"");
        } finally {
            context.close();
        }
    }

    /**
     * An application whose configuration has a bean of its own (a redactor) replaces the early runtime
     * with its own, which writes the same log file: the early one hands the file over at once. Kept
     * until every singleton existed, it held the file, and what the application logged meanwhile
     * (a bean created after the runtime) went to standard error, each write refused as "in use".
     */
    @Test
    void theApplicationsOwnRuntimeTakesTheLogFileOverFromTheEarlyOneAtOnce(CapturedOutput output,
                                                                           @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("app.log");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WithARedactorBean.class)
                .web(WebApplicationType.NONE).run("--fapilog.preset=production", "--fapilog.sinks=rotating-file",
                        "--fapilog.file.path=" + file);
        try {
            FapilogEarlyRuntime early = context.getBean(FapilogEarlyRuntime.class);
            assertThat(early.isAdopted()).isFalse();
            assertThat(early.runtime().isStopped()).isTrue();
        } finally {
            context.close();
        }
        assertThat(java.nio.file.Files.readAllLines(file))
                .filteredOn(line -> line.contains("\"message\":\"Created while the context refreshes\"")).hasSize(1);
        assertThat(output.getErr()).doesNotContain("Created while the context refreshes").doesNotContain("in use");
    }

    @Test
    void bridgeOffLeavesLogbackAlone(CapturedOutput output) {
        ConfigurableApplicationContext context = application().run("--fapilog.preset=production",
                "--fapilog.bridge.slf4j=false", "--fapilog.sinks=in-memory");
        try {
            assertThat(context.getBeanProvider(FapilogEarlyRuntime.class).getIfAvailable()).isNull();
            assertThat(context.getBeanProvider(FapilogSlf4jBridge.class).getIfAvailable()).isNull();
            assertThat(rootAppenders()).noneMatch(FapilogAppender.class::isInstance);
        } finally {
            context.close();
        }
        assertThat(output.getOut()).contains(":: Spring Boot ::");
    }

    /**
     * When the application fails to start, Spring Boot's failure report is one more event of the JSON
     * stream, redacted as every other: the runtime is drained first and then writes synchronously.
     */
    @ParameterizedTest
    @ValueSource(classes = {FailingApplication.class, LateFailingApplication.class})
    void aFailedStartUpsReportIsWrittenAsRedactedJson(Class<?> failing, CapturedOutput output) {
        SpringApplication application = new SpringApplicationBuilder(failing)
                .web(WebApplicationType.NONE).build();
        assertThatThrownBy(() -> application.run("--fapilog.preset=production"))
                .satisfies(e -> assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e))
                        .hasMessage("cannot start password=hunter2"));
        assertThat(jsonLines(output.getOut())).anySatisfy(line ->
                assertThat(line.get("message").asString()).startsWith("Exception encountered during context initialization"));
        List<String> report = output.getOut().lines().filter(line -> line.contains("Application run failed")).toList();
        assertThat(report).singleElement().satisfies(line -> assertThat(line).startsWith("{"));
        JsonNode failure = JSON.readTree(report.get(0));
        assertThat(failure.get("level").asString()).isEqualTo("ERROR");
        assertThat(failure.get("logger").asString()).isEqualTo(SpringApplication.class.getName());
        assertThat(failure.toString()).contains("cannot start password=***");
        assertThat(output.getAll()).doesNotContain("hunter2");
        assertThat(FailingApplication.runtime.isStopped()).isTrue();
        assertThat(FailingApplication.runtime.stats().submitted()).isEqualTo(FailingApplication.runtime.stats().processed()
                + FailingApplication.runtime.stats().dropped() + FailingApplication.runtime.stats().filtered());
    }

    @Test
    void contextWithoutSpringApplicationInstallsTheBridgeLate() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class,
                        FapilogSlf4jBridgeAutoConfiguration.class))
                .withBean(FapilogRuntime.class, () -> runtime)
                .run(context -> {
                    assertThat(context.getBean(FapilogSlf4jBridge.class).isConnected()).isTrue();
                    assertThat(rootAppenders()).anyMatch(FapilogAppender.class::isInstance)
                            .noneMatch(ConsoleAppender.class::isInstance);
                    LoggerFactory.getLogger("com.acme.Late").info("Bridged late");
                    awaitLine(sink, "\"message\":\"Bridged late\"");
                });
    }

    @Test
    void applicationsWithoutLogbackOrLog4j2AreNotAffected() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class,
                        FapilogSlf4jBridgeAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(LoggerContext.class,
                        org.apache.logging.log4j.core.LoggerContext.class))
                .withPropertyValues("fapilog.preset=production", "fapilog.sinks=in-memory")
                .run(context -> {
                    assertThat(context).hasSingleBean(FapilogRuntime.class);
                    assertThat(context).doesNotHaveBean(FapilogSlf4jBridge.class);
                });
    }

    @Test
    void offWhenThePresetSaysSo() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class,
                        FapilogSlf4jBridgeAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=minimal", "fapilog.sinks=in-memory")
                .run(context -> assertThat(context).doesNotHaveBean(FapilogSlf4jBridge.class));
    }

    /**
     * What a sink's client logs through SLF4J on fapilog's own threads (a Kafka or HTTP client inside a
     * write) is written through the runtime, redacted and as JSON, not as plain lines on the console
     * appender the bridge replaced.
     */
    @Test
    void eventsOnFapilogsOwnThreadsAreWrittenThroughTheRuntimeNotToTheReplacedConsole(CapturedOutput output) {
        InMemorySink sink = new InMemorySink();
        java.util.concurrent.atomic.AtomicBoolean logged = new java.util.concurrent.atomic.AtomicBoolean();
        io.fapilog.spi.Sink logsWhileWriting = new io.fapilog.spi.Sink() {
            @Override
            public String name() {
                return "logs-while-writing";
            }

            @Override
            public void write(io.fapilog.spi.EncodedBatch batch) {
                if (logged.compareAndSet(false, true)) {
                    LoggerFactory.getLogger("com.acme.Client").info("From a fapilog thread, password=hunter2");
                }
            }
        };
        FapilogRuntime runtime = TestRuntimes.inMemory(sink, b -> b.sink(logsWhileWriting));
        LogbackBridge.connect(runtime);
        try {
            LoggerFactory.getLogger("com.acme.Caller").info("From the caller");
            awaitLine(sink, "From a fapilog thread");
        } finally {
            LogbackBridge.disconnect(runtime);
            runtime.stopAndDrain().join();
        }
        assertThat(output.getOut()).doesNotContain("From a fapilog thread");
        assertThat(sink.lines()).filteredOn(line -> line.contains("From a fapilog thread")).singleElement()
                .satisfies(line -> assertThat(line).contains("\"logger\":\"com.acme.Client\"").doesNotContain("hunter2"));
    }

    @Test
    void logbackReconfiguredAtRunTimeKeepsOneJsonStream(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext context = application().run("--fapilog.preset=production",
                "--spring.application.name=reconfigured");
        try {
            LoggerFactory.getLogger("com.acme.Before").info("Before reconfiguration");
            LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(logback);
            logback.reset();
            configurator.doConfigure(new java.io.ByteArrayInputStream("""
                    <configuration>
                      <appender name="PLAIN" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>RAW %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="PLAIN"/></root>
                    </configuration>
                    """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(rootAppenders()).anyMatch(FapilogAppender.class::isInstance)
                    .noneMatch(ConsoleAppender.class::isInstance);
            LoggerFactory.getLogger("com.acme.After").info("After reconfiguration");
        } finally {
            context.close();
        }
        List<JsonNode> lines = jsonLines(output.getOut());
        assertThat(event(lines, "Before reconfiguration").get("logger").asString()).isEqualTo("com.acme.Before");
        assertThat(event(lines, "After reconfiguration").get("logger").asString()).isEqualTo("com.acme.After");
        assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asString())
                .contains("reinstalled after a Logback reconfiguration").contains("[PLAIN]"));
        assertThat(output.getOut()).doesNotContain("RAW After reconfiguration");
    }

    private static SpringApplication application() {
        return new SpringApplicationBuilder(BridgedApplication.class).web(WebApplicationType.NONE).build();
    }

    private static List<Appender<?>> rootAppenders() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<?>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }

    private static void awaitLine(InMemorySink sink, String text) {
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.lines().stream().anyMatch(line -> line.contains(text)));
    }

    private static List<JsonNode> jsonLines(String text) {
        return text.lines().filter(line -> line.startsWith("{")).map(JSON::readTree).toList();
    }

    private static JsonNode event(List<JsonNode> lines, String message) {
        return lines.stream().filter(line -> message.equals(line.path("message").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no event '" + message + "' in " + lines));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ FapilogAutoConfiguration.class, FapilogSlf4jBridgeAutoConfiguration.class })
    static class BridgedApplication {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ FapilogAutoConfiguration.class, FapilogSlf4jBridgeAutoConfiguration.class })
    static class WithARedactorBean {

        @Bean
        io.fapilog.spi.Redactor ibanRedactor() {
            return event -> { };
        }

        @Bean
        Object logsWhenCreated(FapilogSlf4jBridge connected) { // created once the application's runtime takes SLF4J's events
            LoggerFactory.getLogger("com.acme.Startup").info("Created while the context refreshes");
            return new Object();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ FapilogAutoConfiguration.class, FapilogSlf4jBridgeAutoConfiguration.class })
    static class UserRuntime {

        static FapilogRuntime runtime;

        @Bean
        FapilogRuntime userRuntime() {
            return runtime;
        }
    }

    /**
     * Fails once every bean exists, the bridge's included: the lifecycle never started, so only the
     * context's destruction drains, and the bridge was destroyed first; it handed the console back, and
     * the report went there as text, its secret in clear.
     */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ FapilogAutoConfiguration.class, FapilogSlf4jBridgeAutoConfiguration.class })
    static class LateFailingApplication {

        @Bean
        org.springframework.beans.factory.SmartInitializingSingleton failingLate(FapilogRuntime runtime) {
            FailingApplication.runtime = runtime;
            return () -> {
                throw new IllegalStateException("cannot start password=hunter2");
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ FapilogAutoConfiguration.class, FapilogSlf4jBridgeAutoConfiguration.class })
    static class FailingApplication {

        static FapilogRuntime runtime;

        @Bean
        Object failing(FapilogRuntime runtime) {
            FailingApplication.runtime = runtime;
            throw new IllegalStateException("cannot start password=hunter2");
        }
    }
}
