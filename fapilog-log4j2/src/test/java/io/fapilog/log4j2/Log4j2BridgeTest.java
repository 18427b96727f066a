package io.fapilog.log4j2;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge on a real Log4j2 configuration (src/test/resources/log4j2-test.xml), reconfigured at run time. */
class Log4j2BridgeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InMemorySink sink = new InMemorySink();
    private final FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
            .level(Level.DEBUG).shutdownHook(false).start();

    @AfterEach
    void stop() {
        Log4j2Bridge.disconnect(runtime);
        runtime.close();
        assertThat(context().getConfiguration().getRootLogger().getAppenders().values())
                .noneMatch(FapilogAppender.class::isInstance).anyMatch(ConsoleAppender.class::isInstance);
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }

    @Test
    void log4j2EventsGoThroughTheRuntimeInPlaceOfTheConsole() throws Exception {
        Log4j2Bridge.connect(runtime);
        assertThat(Log4j2Bridge.isConnected(runtime)).isTrue();
        assertThat(context().getConfiguration().getRootLogger().getAppenders().values())
                .anyMatch(FapilogAppender.class::isInstance).noneMatch(ConsoleAppender.class::isInstance);

        ThreadContext.put("request_id", "req-7");
        try {
            LogManager.getLogger("com.acme.Orders").warn("Order {} failed", 7, new IllegalStateException("boom"));
        } finally {
            ThreadContext.clearMap();
        }
        LogManager.getLogger("com.acme.Orders").fatal("Out of money");
        LogManager.getLogger("com.acme.Orders").debug("Below Log4j2's INFO");

        assertThat(sink.awaitSize(3, Duration.ofSeconds(5))).isTrue();
        List<JsonNode> lines = sink.lines().stream().map(JSON::readTree).toList();
        assertThat(lines.get(0).get("message").asString()).contains("Log4j2 bridge installed").contains("[Console]");
        JsonNode warn = lines.get(1);
        assertThat(warn.get("level").asString()).isEqualTo("WARN");
        assertThat(warn.get("logger").asString()).isEqualTo("com.acme.Orders");
        assertThat(warn.get("message").asString()).isEqualTo("Order 7 failed");
        assertThat(warn.get("context").get("request_id").asString()).isEqualTo("req-7");
        assertThat(warn.toString()).contains("IllegalStateException").contains("boom");
        assertThat(lines.get(2).get("level").asString()).isEqualTo("CRITICAL");
        runtime.flush().join();
        assertThat(sink.lines()).hasSize(3);
    }

    /**
     * An unnamed thread (every virtual thread of {@code newVirtualThreadPerTaskExecutor()}, here a
     * platform thread named "", as Java 17 has no virtual threads) is recorded by its id, as Logback
     * and fapilog's own loggers record it; Log4j2 gives its empty name, which was written as it was.
     */
    @Test
    void anUnnamedThreadIsRecordedByItsId() throws Exception {
        InMemorySink withThreads = new InMemorySink();
        try (FapilogRuntime production = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(withThreads)
                .shutdownHook(false).start()) {
            Log4j2Bridge.connect(production);
            Thread unnamed = new Thread(() -> LogManager.getLogger("com.acme.Jobs").info("from an unnamed thread"), "");
            try {
                unnamed.start();
                unnamed.join();
            } finally {
                Log4j2Bridge.disconnect(production);
            }
            production.stopAndDrain(Duration.ofSeconds(10));
            JsonNode event = withThreads.lines().stream().map(JSON::readTree)
                    .filter(line -> line.get("message").asString().equals("from an unnamed thread")).findFirst().orElseThrow();
            @SuppressWarnings("deprecation") String expected = "unnamed-" + unnamed.getId();
            assertThat(event.at("/diagnostics/thread").asString()).isEqualTo(expected);
        }
    }

    /** Micrometer's trace ids in the thread context are the event's trace_id and span_id, once, beside a context provider's. */
    @Test
    void micrometersTraceIdsInTheThreadContextAreWrittenOnce() throws Exception {
        Log4j2Bridge.connect(runtime);
        runtime.addContextProvider(() -> new Object[] {"trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "00f067aa0ba902b7"});
        ThreadContext.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        ThreadContext.put("spanId", "00f067aa0ba902b7");
        try {
            LogManager.getLogger("com.acme.Orders").info("Traced");
        } finally {
            ThreadContext.clearMap();
        }

        assertThat(sink.awaitSize(2, Duration.ofSeconds(5))).isTrue();
        JsonNode context = JSON.readTree(sink.lines().get(1)).get("context");
        assertThat(context.size()).as("%s", context).isEqualTo(2); // in the thread context's order
        assertThat(context.get("trace_id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.get("span_id").asString()).isEqualTo("00f067aa0ba902b7");
    }

    /** Disconnected after its drain (a context closing), the runtime writes what is logged later; never the console. */
    @Test
    void aRuntimeDisconnectedAfterItsDrainWritesTheEventsLoggedLater() {
        Log4j2Bridge.connect(runtime);
        runtime.stopAndDrain(Duration.ofSeconds(10));
        Log4j2Bridge.disconnect(runtime);
        int drained = sink.lines().size();
        assertThat(context().getConfiguration().getRootLogger().getAppenders().values())
                .anyMatch(FapilogAppender.class::isInstance).noneMatch(ConsoleAppender.class::isInstance);

        LogManager.getLogger("com.acme.Late").warn("after the disconnect");
        assertThat(sink.lines()).hasSize(drained + 1);
        assertThat(JSON.readTree(sink.lines().get(drained)).get("message").asString()).isEqualTo("after the disconnect");
        assertThat(runtime.stats().processed()).isEqualTo(drained + 1);

        // A runtime connected later takes over; disconnected while running, the console comes back.
        FapilogRuntime next = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(new InMemorySink())
                .shutdownHook(false).start();
        Log4j2Bridge.connect(next);
        Log4j2Bridge.disconnect(next);
        next.close();
    }

    /**
     * Spring Boot's logging shutdown hook stops Log4j2's context, which leaves its loggers off while
     * other shutdown hooks and threads may still log through loggers they obtained before: those
     * events were lost without a word.
     */
    @Test
    void eventsLoggedAfterLog4j2WasStoppedStillReachTheDrainedRuntime() {
        LoggerContext context = context();
        org.apache.logging.log4j.Logger early = LogManager.getLogger("com.acme.ShutdownHook"); // as a static field holds it
        Log4j2Bridge.connect(runtime);
        runtime.stopAndDrain(Duration.ofSeconds(10));
        Log4j2Bridge.disconnect(runtime);
        int drained = sink.lines().size();

        context.stop();
        early.warn("after Log4j2 stopped");
        early.debug("below the level Log4j2 had");

        assertThat(sink.lines()).hasSize(drained + 1);
        assertThat(JSON.readTree(sink.lines().get(drained)).get("message").asString()).isEqualTo("after Log4j2 stopped");
        assertThat(runtime.stats().submitted()).isEqualTo(runtime.stats().processed());
        context().reconfigure(); // the context that followed the stop has the bridge; log4j2-test.xml for the other tests
    }

    /** The ThreadContext stack (NDC) comes after the marker in the event's tags, as Log4j2's ECS template prints it. */
    @Test
    void theThreadContextStackBecomesTags() throws Exception {
        Log4j2Bridge.connect(runtime);
        ThreadContext.push("checkout");
        ThreadContext.push("payment");
        try {
            LogManager.getLogger("com.acme.Pay").info(org.apache.logging.log4j.MarkerManager.getMarker("AUDIT_TRAIL"), "charged");
        } finally {
            ThreadContext.clearStack();
        }
        assertThat(sink.awaitSize(2, Duration.ofSeconds(5))).isTrue();
        JsonNode event = JSON.readTree(sink.lines().get(1));
        assertThat(event.get("tags").toString()).isEqualTo("[\"AUDIT_TRAIL\",\"checkout\",\"payment\"]");
    }

    /** Spring's commons-logging bridge marks every event it forwards: plumbing, not a tag (as on Logback). */
    @Test
    void theCommonsLoggingMarkerIsNoTag() throws Exception {
        Log4j2Bridge.connect(runtime);
        LogManager.getLogger("org.springframework.Boot").info(org.apache.logging.log4j.MarkerManager.getMarker("COMMONS-LOGGING"),
                "Starting");

        assertThat(sink.awaitSize(2, Duration.ofSeconds(5))).isTrue();
        JsonNode event = JSON.readTree(sink.lines().get(1));
        assertThat(event.get("message").asString()).isEqualTo("Starting");
        assertThat(event.has("tags")).isFalse();
    }

    /**
     * Behind an async logger the appender gets events on the logger's own thread: it says so once (the
     * caller's scoped context cannot be read there), and an event logged on one of fapilog's threads
     * stays out of the engine although the appending thread is not fapilog's.
     */
    @Test
    void eventsAppendedOnAnotherThreadAreWrittenWithOneWarningAndFapilogsOwnStayOut() throws Exception {
        Log4j2Bridge.connect(runtime);
        FapilogAppender appender = (FapilogAppender) context().getConfiguration().getRootLogger().getAppenders()
                .values().stream().filter(FapilogAppender.class::isInstance).findFirst().orElseThrow();
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread own = io.fapilog.internal.FapilogThreads.newThread(() -> {
            running.countDown();
            try {
                release.await(); // a sink's thread, busy while its event is appended elsewhere
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fapilog-sink-kafka");
        own.start();
        running.await();
        try {
            for (String thread : List.of("http-exec-1", "http-exec-1", "fapilog-sink-kafka", "fapilog-importer")) {
                appender.append(org.apache.logging.log4j.core.impl.Log4jLogEvent.newBuilder().setLoggerName("com.acme.Orders")
                        .setLevel(org.apache.logging.log4j.Level.INFO)
                        .setMessage(new org.apache.logging.log4j.message.SimpleMessage("placed on " + thread))
                        .setThreadName(thread).setThreadId(Thread.currentThread().getId() + 1000).build());
            }
        } finally {
            release.countDown();
            own.join();
        }
        runtime.flush().join();
        List<JsonNode> lines = sink.lines().stream().map(JSON::readTree).toList();
        assertThat(lines).extracting(line -> line.get("message").asString()).hasSize(5)
                .contains("placed on http-exec-1", "placed on fapilog-importer").doesNotContain("placed on fapilog-sink-kafka");
        assertThat(lines).filteredOn(line -> line.get("level").asString().equals("WARN")).singleElement()
                .satisfies(warning -> assertThat(warning.get("message").asString())
                        .contains("'" + FapilogAppender.NAME + "'", "logged on 'http-exec-1'", "AsyncRoot"));
    }

    /**
     * What a library logs on one of fapilog's own threads (a Kafka client inside a sink's write) goes
     * into the engine, as JSON beside the application's events, not to the console the bridge replaced.
     */
    @Test
    void eventsLoggedOnFapilogsOwnThreadsAreWrittenThroughTheRuntime() throws Exception {
        Log4j2Bridge.connect(runtime);
        Thread own = io.fapilog.internal.FapilogThreads.newThread(
                () -> LogManager.getLogger("org.apache.kafka.clients.producer.KafkaProducer").info("Closing the Kafka producer"),
                "fapilog-sink-kafka");
        own.start();
        own.join();
        runtime.flush().join();
        List<JsonNode> lines = sink.lines().stream().map(JSON::readTree).toList();
        assertThat(lines).filteredOn(line -> line.get("message").asString().equals("Closing the Kafka producer")).singleElement()
                .satisfies(line -> assertThat(line.get("logger").asString()).isEqualTo("org.apache.kafka.clients.producer.KafkaProducer"));
    }

    /** A MapMessage's entries are fields of the event (so field-name redaction applies to them). */
    @Test
    void theEntriesOfAMapMessageAreFields() throws Exception {
        Log4j2Bridge.connect(runtime);
        LogManager.getLogger("com.acme.Api").info(new org.apache.logging.log4j.message.StringMapMessage()
                .with("order_id", "7").with("region", "eu"));

        assertThat(sink.awaitSize(2, Duration.ofSeconds(5))).isTrue();
        JsonNode event = JSON.readTree(sink.lines().get(1));
        assertThat(event.at("/data/order_id").asString()).isEqualTo("7");
        assertThat(event.at("/data/region").asString()).isEqualTo("eu");
    }

    /**
     * A test of an application context with fapilog off, run in a JVM where an earlier context connected
     * its runtime: the bridge stands aside, so the replaced appenders write, until a runtime connects again.
     */
    @Test
    void standingAsideSendsEventsToTheReplacedAppendersUntilTheNextConnect(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.log");
        org.apache.logging.log4j.core.config.Configuration configuration = context().getConfiguration();
        FileAppender file = FileAppender.newBuilder().setName("plain-file").withFileName(plain.toString())
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).setConfiguration(configuration).build();
        file.start();
        configuration.getRootLogger().addAppender(file, null, null);
        context().updateLoggers();
        try {
            Log4j2Bridge.connect(runtime);
            Log4j2Bridge.standAside();
            LogManager.getLogger("com.acme.Orders").info("while standing aside");
            Log4j2Bridge.connect(runtime);
            LogManager.getLogger("com.acme.Orders").info("connected again");
            runtime.flush().join();

            assertThat(Files.readAllLines(plain)).containsExactly("while standing aside");
            assertThat(sink.lines()).noneMatch(line -> line.contains("while standing aside"))
                    .filteredOn(line -> line.contains("connected again")).hasSize(1);
        } finally {
            Log4j2Bridge.disconnect(runtime);
            configuration.getRootLogger().removeAppender("plain-file");
            context().updateLoggers();
            file.stop();
        }
    }

    /** A console appender on a logger below the root would write raw, unredacted lines beside fapilog's. */
    @Test
    void consoleAppendersBelowTheRootAreReplacedTooAndGivenBack() throws Exception {
        org.apache.logging.log4j.core.config.Configuration configuration = context().getConfiguration();
        org.apache.logging.log4j.core.config.LoggerConfig security = new org.apache.logging.log4j.core.config.LoggerConfig(
                "com.acme.security", org.apache.logging.log4j.Level.INFO, false);
        security.addAppender(configuration.getAppender("Console"), null, null);
        configuration.addLogger("com.acme.security", security);
        context().updateLoggers();
        try {
            Log4j2Bridge.connect(runtime);
            assertThat(security.getAppenders().values())
                    .anyMatch(FapilogAppender.class::isInstance).noneMatch(ConsoleAppender.class::isInstance);
            LogManager.getLogger("com.acme.security").info("login");
            assertThat(sink.awaitSize(2, Duration.ofSeconds(5))).isTrue();
            assertThat(sink.lines().get(0)).contains("Console on com.acme.security");
            assertThat(sink.lines().get(1)).contains("\"message\":\"login\"");

            Log4j2Bridge.disconnect(runtime);
            assertThat(security.getAppenders().values())
                    .noneMatch(FapilogAppender.class::isInstance).anyMatch(ConsoleAppender.class::isInstance);
        } finally {
            configuration.removeLogger("com.acme.security");
            context().updateLoggers();
        }
    }

    /** An Async appender around a console is a console too: left in place it wrote every event twice, raw. */
    @Test
    void anAsyncAppenderAroundAConsoleIsReplacedAndGivenBack() throws Exception {
        org.apache.logging.log4j.core.config.Configuration configuration = context().getConfiguration();
        org.apache.logging.log4j.core.appender.AsyncAppender async = org.apache.logging.log4j.core.appender.AsyncAppender
                .newBuilder().setName("OrdersAsync").setConfiguration(configuration)
                .setAppenderRefs(new org.apache.logging.log4j.core.config.AppenderRef[] {
                        org.apache.logging.log4j.core.config.AppenderRef.createAppenderRef("Console", null, null)})
                .build();
        async.start();
        configuration.addAppender(async);
        org.apache.logging.log4j.core.config.LoggerConfig orders = new org.apache.logging.log4j.core.config.LoggerConfig(
                "com.acme.orders", org.apache.logging.log4j.Level.INFO, false);
        orders.addAppender(async, null, null);
        configuration.addLogger("com.acme.orders", orders);
        context().updateLoggers();
        try {
            Log4j2Bridge.connect(runtime);
            assertThat(orders.getAppenders().values())
                    .anyMatch(FapilogAppender.class::isInstance).noneMatch(org.apache.logging.log4j.core.appender.AsyncAppender.class::isInstance);
            LogManager.getLogger("com.acme.orders").info("order placed");
            assertThat(sink.awaitSize(2, Duration.ofSeconds(5))).isTrue();
            assertThat(sink.lines().get(0)).contains("OrdersAsync on com.acme.orders");

            Log4j2Bridge.disconnect(runtime);
            assertThat(orders.getAppenders().values()).containsExactly(async);
        } finally {
            configuration.removeLogger("com.acme.orders");
            context().updateLoggers();
            async.stop();
        }
    }

    /** A logger below a non-additive ancestor: its events never reached the root, so it gets fapilog's appender. */
    @Test
    void aLoggerBelowANonAdditiveAncestorKeepsItsEventsWhenItsConsoleIsReplaced() throws Exception {
        org.apache.logging.log4j.core.config.Configuration configuration = context().getConfiguration();
        org.apache.logging.log4j.core.config.LoggerConfig quiet = new org.apache.logging.log4j.core.config.LoggerConfig(
                "com.acme.quiet", org.apache.logging.log4j.Level.INFO, false);
        org.apache.logging.log4j.core.config.LoggerConfig child = new org.apache.logging.log4j.core.config.LoggerConfig(
                "com.acme.quiet.child", org.apache.logging.log4j.Level.INFO, true);
        child.addAppender(configuration.getAppender("Console"), null, null);
        configuration.addLogger("com.acme.quiet", quiet);
        configuration.addLogger("com.acme.quiet.child", child);
        context().updateLoggers();
        try {
            Log4j2Bridge.connect(runtime);
            LogManager.getLogger("com.acme.quiet.child").info("from below a quiet ancestor");
            assertThat(sink.awaitSize(2, Duration.ofSeconds(5))).isTrue();
            assertThat(sink.lines().get(1)).contains("from below a quiet ancestor");
        } finally {
            Log4j2Bridge.disconnect(runtime);
            configuration.removeLogger("com.acme.quiet.child");
            configuration.removeLogger("com.acme.quiet");
            context().updateLoggers();
        }
    }

    @Test
    void aReconfigurationAtRunTimeKeepsTheBridge() throws Exception {
        Log4j2Bridge.connect(runtime);
        URI config = Log4j2BridgeTest.class.getResource("/log4j2-test.xml").toURI();
        Configurator.reconfigure(config);

        assertThat(context().getConfiguration().getRootLogger().getAppenders().values())
                .anyMatch(FapilogAppender.class::isInstance).noneMatch(ConsoleAppender.class::isInstance);
        LogManager.getLogger("com.acme.After").info("After reconfiguration");
        assertThat(sink.awaitSize(3, Duration.ofSeconds(5))).isTrue();
        assertThat(sink.lines().get(1)).contains("reinstalled after a Log4j2 reconfiguration");
        assertThat(sink.lines().get(2)).contains("\"message\":\"After reconfiguration\"");
    }
}
