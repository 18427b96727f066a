package io.fapilog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge on SLF4J's own Logback context: what happens to events once the last runtime is disconnected. */
class LogbackBridgeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRuntimeDisconnectedAfterItsDrainWritesTheEventsLoggedLater() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = runtime(sink);
        LogbackBridge.connect(runtime);
        LoggerFactory.getLogger("com.acme.Running").info("while running");
        runtime.stopAndDrain(Duration.ofSeconds(10));
        LogbackBridge.disconnect(runtime);
        int drained = sink.lines().size(); // the bridge's installation notice and "while running"
        assertThat(drained).isEqualTo(2);

        assertThat(rootAppenders()).anyMatch(FapilogAppender.class::isInstance).noneMatch(ConsoleAppender.class::isInstance);
        LoggerFactory.getLogger("com.acme.Late").warn("after the disconnect");
        assertThat(sink.lines()).hasSize(drained + 1);
        assertThat(JSON.readTree(sink.lines().get(drained)).get("message").asString()).isEqualTo("after the disconnect");
        assertThat(runtime.stats().processed()).isEqualTo(drained + 1);
        assertThat(runtime.stats().submitted()).isEqualTo(drained + 1);

        // A runtime connected later takes over; disconnected while running, the console comes back.
        InMemorySink nextSink = new InMemorySink();
        FapilogRuntime next = runtime(nextSink);
        LogbackBridge.connect(next);
        LogbackBridge.disconnect(next);
        next.stopAndDrain(Duration.ofSeconds(10));
        assertThat(rootAppenders()).noneMatch(FapilogAppender.class::isInstance).anyMatch(ConsoleAppender.class::isInstance);
        LoggerFactory.getLogger("com.acme.Console").info("to the console again");
        assertThat(sink.lines()).hasSize(drained + 1);
        assertThat(nextSink.lines()).isEmpty();
    }

    /**
     * Console appenders on loggers below the root would write the same events raw and unredacted
     * beside fapilog's: the bridge takes them off (a non-additive logger gets fapilog's appender
     * instead) and gives them back when it is disconnected.
     */
    @Test
    void consoleAppendersBelowTheRootAreReplacedTooAndGivenBack() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger security = context.getLogger("com.acme.security");
        Logger web = context.getLogger("com.acme.web");
        ConsoleAppender<ILoggingEvent> securityConsole = console(context, "SECURITY_CONSOLE");
        ConsoleAppender<ILoggingEvent> webConsole = console(context, "WEB_CONSOLE");
        security.addAppender(securityConsole);
        security.setAdditive(false);
        web.addAppender(webConsole);
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        try {
            LogbackBridge.connect(runtime);
            assertThat(appenders(security)).containsExactly(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .getAppender(FapilogAppender.NAME));
            assertThat(appenders(web)).isEmpty();

            security.info("login password=hunter2");
            web.info("web token=abc123secret");
            runtime.stopAndDrain(Duration.ofSeconds(10));
            LogbackBridge.disconnect(runtime); // drained first: the appender stays for late events
            assertThat(sink.lines()).filteredOn(line -> !line.contains("bridge installed")).hasSize(2)
                    .noneMatch(line -> line.contains("hunter2") || line.contains("abc123secret"));
            assertThat(sink.lines().get(0)).contains("SECURITY_CONSOLE on com.acme.security", "WEB_CONSOLE on com.acme.web");

            FapilogRuntime next = runtime(new InMemorySink());
            LogbackBridge.connect(next);
            LogbackBridge.disconnect(next); // disconnected while running: everything as it was
            next.stopAndDrain(Duration.ofSeconds(10));
            assertThat(appenders(security)).containsExactly(securityConsole);
            assertThat(appenders(web)).containsExactly(webConsole);
        } finally {
            security.detachAppender(securityConsole);
            web.detachAppender(webConsole);
            security.setAdditive(true);
            securityConsole.stop();
            webConsole.stop();
        }
    }

    /**
     * Spring Boot's default configuration turns Logback's packaging data on: each logged exception's
     * frames looked up in their jars on the caller's thread, which fapilog never writes. Off while
     * fapilog's appender is the only one, on again when it leaves; an appender of the application's,
     * which may print it, keeps it on.
     */
    @Test
    void packagingDataIsOffWhileFapilogsAppenderIsTheOnlyOne() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.setPackagingDataEnabled(true);
        FapilogRuntime runtime = runtime(new InMemorySink());
        LogbackBridge.connect(runtime);
        assertThat(context.isPackagingDataEnabled()).isFalse();
        LogbackBridge.disconnect(runtime); // while running: the console comes back, and what it prints
        runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(context.isPackagingDataEnabled()).isTrue();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        OpenTelemetryAppender audit = attached(root, new OpenTelemetryAppender(), "AUDIT");
        FapilogRuntime next = runtime(new InMemorySink());
        try {
            LogbackBridge.connect(next);
            assertThat(context.isPackagingDataEnabled()).isTrue();
        } finally {
            LogbackBridge.disconnect(next);
            next.stopAndDrain(Duration.ofSeconds(10));
            root.detachAppender(audit);
            audit.stop();
            context.setPackagingDataEnabled(false);
        }
    }

    /**
     * A {@code logback-spring.xml} that declares fapilog's appender on the root beside a console, or
     * on a logger below the root: the bridge replaces both, as it replaces the console, so each event
     * is written once (the root's was used, the console beside it left: each event written twice, once
     * raw), and gives them back at a disconnect.
     */
    @Test
    void fapilogAppendersTheConfigurationDeclaresAreReplacedSoEachEventIsWrittenOnce() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        withoutBridge();
        FapilogAppender declared = declaredAppender(context, "JSON");
        root.addAppender(declared);
        CountingConsole console = attached(root, new CountingConsole(), "CONSOLE_BESIDE");
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = runtime(sink);
        try {
            LogbackBridge.connect(runtime);
            assertThat(rootAppenders()).filteredOn(FapilogAppender.class::isInstance).singleElement().isNotSameAs(declared);
            assertThat(rootAppenders()).doesNotContain(console);
            context.getLogger("com.acme.declared").info("order placed");
            LogbackBridge.disconnect(runtime);
            assertThat(rootAppenders()).contains(declared, console);
            runtime.stopAndDrain(Duration.ofSeconds(10));
            assertThat(sink.lines()).filteredOn(line -> line.contains("order placed")).hasSize(1);
            assertThat(console.appended).hasValue(0);
        } finally {
            root.detachAppender(console);
            console.stop();
            root.detachAppender(declared);
            declared.stop();
        }

        Logger web = context.getLogger("com.acme.declared.web");
        FapilogAppender onChild = declaredAppender(context, "FAPILOG_WEB");
        web.addAppender(onChild);
        FapilogRuntime next = runtime(new InMemorySink());
        try {
            LogbackBridge.connect(next);
            assertThat(appenders(web)).isEmpty();
            LogbackBridge.disconnect(next); // while running: given back
            assertThat(appenders(web)).containsExactly(onChild);
        } finally {
            next.stopAndDrain(Duration.ofSeconds(10));
            web.detachAppender(onChild);
            onChild.stop();
        }
    }

    /** A file the team reads is no longer written by Logback: said at WARN, which a root at WARN still shows. */
    @Test
    void replacingAFileAppenderIsSaidAtWarn() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        withoutBridge();
        Logger audit = context.getLogger("com.acme.audit");
        ch.qos.logback.core.FileAppender<ILoggingEvent> file = new ch.qos.logback.core.FileAppender<>();
        file.setContext(context);
        file.setName("AUDIT_FILE");
        file.setFile(java.nio.file.Files.createTempFile("audit", ".log").toString());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        file.setEncoder(encoder);
        file.start();
        audit.addAppender(file);
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = runtime(sink);
        try {
            LogbackBridge.connect(runtime);
            LogbackBridge.disconnect(runtime);
            runtime.stopAndDrain(Duration.ofSeconds(10));
            assertThat(sink.lines()).hasSize(1);
            JsonNode notice = JSON.readTree(sink.lines().get(0));
            assertThat(notice.get("level").asString()).isEqualTo("WARN");
            assertThat(notice.get("message").asString()).contains("AUDIT_FILE on com.acme.audit", "Logback no longer writes their files");
        } finally {
            audit.detachAppender(file);
            file.stop();
        }
    }

    /** Takes off a bridge an earlier test left for late events: connected and disconnected while running, it leaves. */
    private static void withoutBridge() {
        FapilogRuntime passing = runtime(new InMemorySink());
        LogbackBridge.connect(passing);
        LogbackBridge.disconnect(passing);
        passing.stopAndDrain(Duration.ofSeconds(10));
    }

    /** {@code appender}, named, started and attached to {@code logger}. */
    private static <A extends Appender<ILoggingEvent>> A attached(Logger logger, A appender, String name) {
        appender.setContext(logger.getLoggerContext());
        appender.setName(name);
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    /** A console appender that counts what it is given instead of printing it. */
    static final class CountingConsole extends ch.qos.logback.core.ConsoleAppender<ILoggingEvent> {
        final java.util.concurrent.atomic.AtomicInteger appended = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void start() {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(getContext());
            encoder.setPattern("%msg%n");
            encoder.start();
            setEncoder(encoder);
            super.start();
        }

        @Override
        protected void append(ILoggingEvent event) {
            appended.incrementAndGet();
        }
    }

    private static FapilogAppender declaredAppender(LoggerContext context, String name) {
        FapilogAppender appender = new FapilogAppender();
        appender.setUseDefaultRuntime(false);
        appender.setContext(context);
        appender.setName(name);
        appender.start();
        return appender;
    }

    /** Stands for OpenTelemetry's Logback appender ({@code io.opentelemetry...OpenTelemetryAppender}), which exports what it gets. */
    static final class OpenTelemetryAppender extends ch.qos.logback.core.AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> exported = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            exported.add(event);
        }
    }

    /**
     * OpenTelemetry's appender left on the root exports every event itself, unredacted (and twice
     * with fapilog's otlp sink): the bridge leaves it (it is the application's) and says so, at WARN.
     */
    @Test
    void anOpenTelemetryAppenderLeftInPlaceIsWarnedOf() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        OpenTelemetryAppender otel = attached(root, new OpenTelemetryAppender(), "OTEL");
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        try {
            LogbackBridge.connect(runtime);
            runtime.flush().join();
            assertThat(sink.lines()).filteredOn(line -> line.contains("\"level\":\"WARN\"")).singleElement()
                    .satisfies(line -> assertThat(line).contains("Logback appender(s) [OTEL] export Logback's events to OpenTelemetry themselves"));
            assertThat(appenders(root)).contains(otel);
        } finally {
            LogbackBridge.disconnect(runtime);
            runtime.stopAndDrain(Duration.ofSeconds(10));
            root.detachAppender(otel);
            otel.stop();
        }
    }

    /**
     * An {@code AsyncAppender} around a console (docs/migration.md's own example) is a console too:
     * left in place it wrote every event a second time, raw and unredacted.
     */
    @Test
    void anAsyncAppenderAroundAConsoleIsReplacedAndGivenBack() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger orders = context.getLogger("com.acme.orders");
        ConsoleAppender<ILoggingEvent> console = console(context, "ORDERS_CONSOLE");
        ch.qos.logback.classic.AsyncAppender async = new ch.qos.logback.classic.AsyncAppender();
        async.setContext(context);
        async.setName("ORDERS_ASYNC");
        async.addAppender(console);
        async.start();
        orders.addAppender(async);
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        try {
            LogbackBridge.connect(runtime);
            assertThat(appenders(orders)).isEmpty();
            orders.info("order placed password=hunter2");
            runtime.stopAndDrain(Duration.ofSeconds(10));
            LogbackBridge.disconnect(runtime);
            assertThat(sink.lines()).filteredOn(line -> line.contains("order placed")).hasSize(1)
                    .allMatch(line -> line.contains("password=***"));
            assertThat(sink.lines().get(0)).contains("ORDERS_ASYNC on com.acme.orders");

            FapilogRuntime next = runtime(new InMemorySink());
            LogbackBridge.connect(next);
            LogbackBridge.disconnect(next);
            next.stopAndDrain(Duration.ofSeconds(10));
            assertThat(appenders(orders)).containsExactly(async);
        } finally {
            orders.detachAppender(async);
            async.stop();
        }
    }

    /**
     * A {@code logback-spring.xml} that wraps fapilog's appender in an {@code AsyncAppender}: left in
     * place beside the bridge's, it wrote every event twice, once without the caller's scoped context
     * (read on the async appender's thread). The wrapper is replaced, so each event is written once,
     * with the context read on the thread that logged.
     */
    @Test
    void anAsyncAppenderAroundFapilogsAppenderIsReplacedSoEachEventIsWrittenOnceWithItsContext() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        FapilogAppender inner = new FapilogAppender();
        inner.setContext(context);
        inner.setName("USER_FAPILOG");
        inner.start();
        ch.qos.logback.classic.AsyncAppender async = new ch.qos.logback.classic.AsyncAppender();
        async.setContext(context);
        async.setName("USER_ASYNC");
        async.addAppender(inner);
        async.start();
        root.addAppender(async);
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = runtime(sink);
        Fapilog.setDefaultRuntime(runtime); // what the user's appender writes to in a Spring application
        try {
            List<Appender<?>> whileConnected;
            try {
                LogbackBridge.connect(runtime);
                whileConnected = rootAppenders();
                try (var scope = Fapilog.withContext("request_id", "r-1")) {
                    LoggerFactory.getLogger("com.acme.Orders").info("order placed");
                }
            } finally {
                LogbackBridge.disconnect(runtime);
                runtime.stopAndDrain(Duration.ofSeconds(10));
            }
            assertThat(whileConnected).doesNotContain(async);
            List<String> lines = sink.lines().stream().filter(line -> line.contains("order placed")).toList();
            assertThat(lines).hasSize(1);
            assertThat(JSON.readTree(lines.get(0)).get("context").get("request_id").asString()).isEqualTo("r-1");
            assertThat(rootAppenders()).contains(async); // given back at the disconnect
        } finally {
            root.detachAppender(async);
            async.stop();
            inner.stop(); // an AsyncAppender leaves the appender it wraps running
            Fapilog.setDefaultRuntime(null);
        }
    }

    /** A logger below a non-additive ancestor: its events never reached the root, so it gets fapilog's appender. */
    @Test
    void aLoggerBelowANonAdditiveAncestorKeepsItsEventsWhenItsConsoleIsReplaced() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger quiet = context.getLogger("com.acme.quiet");
        Logger child = context.getLogger("com.acme.quiet.child");
        ConsoleAppender<ILoggingEvent> childConsole = console(context, "CHILD_CONSOLE");
        quiet.setAdditive(false);
        child.addAppender(childConsole);
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = runtime(sink);
        try {
            LogbackBridge.connect(runtime);
            child.info("from below a quiet ancestor");
            runtime.stopAndDrain(Duration.ofSeconds(10));
            assertThat(sink.lines()).filteredOn(line -> line.contains("from below a quiet ancestor")).hasSize(1);
            LogbackBridge.disconnect(runtime);
        } finally {
            child.detachAppender(childConsole);
            child.detachAppender(FapilogAppender.NAME);
            quiet.setAdditive(true);
            childConsole.stop();
        }
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(name);
        console.setEncoder(encoder);
        console.start();
        return console;
    }

    private static List<Appender<?>> appenders(Logger logger) {
        List<Appender<?>> appenders = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }

    /**
     * A bridged event's key/value fields are taken at the call, as a fapilog logger's are: changed
     * afterwards, while the worker has not yet encoded the event, the line still shows them as they were.
     */
    @Test
    void keyValuesOfABridgedEventAreTakenAtTheCall() throws Exception {
        HeldSink held = new HeldSink();
        InMemorySink sink = held.lines;
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(held).shutdownHook(false).start();
        LogbackBridge.connect(runtime);
        try {
            runtime.getLogger("com.acme.First").info("holds the worker");
            held.awaitHeld();
            List<String> items = new ArrayList<>(List.of("at-call"));
            java.util.Map<String, Object> order = new java.util.HashMap<>(java.util.Map.of("state", "at-call"));
            LoggerFactory.getLogger("com.acme.Orders").atInfo().addKeyValue("items", items).log("formatted");
            LoggerFactory.getLogger("com.acme.Orders").atInfo().addKeyValue("order", order).addArgument(new byte[] {1})
                    .log("unformatted {}");
            items.add("changed later");
            order.put("state", "changed later");
        } finally {
            held.open();
            LogbackBridge.disconnect(runtime); // while it runs: the console comes back for the other tests
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }
        List<String> lines = sink.lines().stream().filter(line -> line.contains("com.acme.Orders")).toList();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).get("data").get("items").toString()).isEqualTo("[\"at-call\"]");
        assertThat(JSON.readTree(lines.get(1)).get("data").get("order").toString()).isEqualTo("{\"state\":\"at-call\"}");
    }

    private static FapilogRuntime runtime(InMemorySink sink) {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
    }

    private static List<Appender<?>> rootAppenders() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<?>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }
}
