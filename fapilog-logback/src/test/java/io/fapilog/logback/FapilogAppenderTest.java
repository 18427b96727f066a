package io.fapilog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.context.ContextScope;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class FapilogAppenderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoggerContext loggerContext = new LoggerContext();
    private final InMemorySink sink = new InMemorySink();
    private final FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
            .level(Level.DEBUG).shutdownHook(false).start();

    FapilogAppenderTest() {
        loggerContext.setMDCAdapter(MDC.getMDCAdapter()); // as SLF4J's Logback provider does
    }

    @AfterEach
    void stop() {
        Fapilog.setDefaultRuntime(null);
        runtime.close();
        loggerContext.stop();
    }

    @Test
    void logbackEventBecomesAFapilogEvent() {
        FapilogAppender appender = started(new FapilogAppender());
        appender.connect(runtime);
        IllegalStateException failure = new IllegalStateException("boom");
        LoggingEvent logback = new LoggingEvent(FapilogAppenderTest.class.getName(),
                loggerContext.getLogger("com.acme.Orders"), ch.qos.logback.classic.Level.WARN, "Order {} failed",
                failure, new Object[] { 7 });
        logback.setTimeStamp(1_700_000_000_123L);
        logback.setThreadName("http-nio-1");
        logback.setMDCPropertyMap(Map.of("request_id", "abc"));
        logback.addKeyValuePair(new KeyValuePair("order_id", 7));

        appender.doAppend(logback);

        JsonNode line = onlyLine();
        assertThat(line.get("timestamp").asString()).isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(line.get("level").asString()).isEqualTo("WARN");
        assertThat(line.get("logger").asString()).isEqualTo("com.acme.Orders");
        assertThat(line.get("message").asString()).isEqualTo("Order 7 failed");
        assertThat(line.at("/context/request_id").asString()).isEqualTo("abc");
        assertThat(line.at("/data/order_id").asInt()).isEqualTo(7);
        assertThat(line.at("/diagnostics/exception/type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.at("/diagnostics/exception/message").asString()).isEqualTo("boom");
    }

    /** Logback formatted the message already: a {@code {}} left in it takes none of the key/value pairs. */
    @Test
    void aBridgedMessageIsNotFormattedAgainWithItsKeyValuePairs() {
        FapilogAppender appender = started(new FapilogAppender());
        appender.connect(runtime);
        LoggingEvent logback = new LoggingEvent(FapilogAppenderTest.class.getName(),
                loggerContext.getLogger("com.acme.Payloads"), ch.qos.logback.classic.Level.INFO, "payload {} for {}",
                null, new Object[] {"\\{}"});
        logback.addKeyValuePair(new KeyValuePair("user", "ann"));

        appender.doAppend(logback);

        JsonNode line = onlyLine();
        assertThat(line.get("message").asString()).isEqualTo("payload \\{} for {}");
        assertThat(line.at("/data/user").asString()).isEqualTo("ann");
        assertThat(line.has("diagnostics") && line.get("diagnostics").has("argument_error")).isFalse();
    }

    private static FapilogRuntime production(InMemorySink sink) {
        return Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
    }

    private FapilogAppender connectedTo(FapilogRuntime runtime) {
        FapilogAppender appender = started(new FapilogAppender());
        appender.connect(runtime);
        return appender;
    }

    /**
     * A byte[] or char[] a placeholder takes, which Logback writes element by element, is masked as
     * fapilog's own logger masks it (it was spelled out in the message, past every text rule); the
     * caller's array is read as it was at the call.
     */
    @Test
    void bytesAndCharsAPlaceholderTakesAreMaskedAsFapilogsOwnLoggerMasksThem() throws Exception {
        InMemorySink redacted = new InMemorySink();
        FapilogRuntime production = production(redacted);
        FapilogAppender appender = connectedTo(production);
        char[] chars = "user=ann password=CH-SECRET".toCharArray();
        byte[] bytes = "user=ann password=BY-SECRET".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        appender.doAppend(new LoggingEvent(FapilogAppenderTest.class.getName(), loggerContext.getLogger("com.acme.Creds"),
                ch.qos.logback.classic.Level.INFO, "chars {} bytes {} and {} {}", null, new Object[] {chars, bytes, "ann"}));
        java.util.Arrays.fill(chars, 'x');
        production.stopAndDrain(Duration.ofSeconds(10));
        production.close();

        List<String> lines = redacted.lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("SECRET");
        String expected = "chars " + java.util.Arrays.toString("user=ann password=***".toCharArray())
                + " bytes " + java.util.Arrays.toString("user=ann password=***".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                + " and ann {}";
        assertThat(JSON.readTree(lines.get(0)).get("message").asString()).isEqualTo(expected);
    }

    /**
     * A Kafka record or its headers a placeholder takes: Logback writes them with their {@code toString()},
     * which spells a header's value out as decimal bytes under the name {@code value}, so a
     * {@code token} header's secret passed every rule. They are written as fapilog's own logger writes them.
     */
    @Test
    void aKafkaRecordAPlaceholderTakesHasItsHeadersMasked() throws Exception {
        InMemorySink redacted = new InMemorySink();
        FapilogRuntime production = production(redacted);
        FapilogAppender appender = connectedTo(production);
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add("token", "tok-SECRET".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        headers.add("traceparent", "00-4bf9".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record =
                new org.apache.kafka.clients.consumer.ConsumerRecord<>("orders", 0, 7L, "k0", "v0");
        record.headers().add("token", "tok-SECRET".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        appender.doAppend(new LoggingEvent(FapilogAppenderTest.class.getName(), loggerContext.getLogger("com.acme.Orders"),
                ch.qos.logback.classic.Level.INFO, "received {} with {}", null, new Object[] {record, headers}));
        production.stopAndDrain(Duration.ofSeconds(10));
        production.close();

        List<String> lines = redacted.lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).doesNotContain("SECRET").doesNotContain("116, 111, 107");
        assertThat(JSON.readTree(lines.get(0)).get("message").asString()).isEqualTo("received {topic=orders, partition=0, "
                + "offset=7, timestamp=-1, key=k0, value=v0, headers={token=***}} with {token=***, traceparent=00-4bf9}");
    }

    /**
     * A cookie a placeholder takes: Logback writes Spring's with its {@code toString()}, its value
     * in clear ({@code remember-me=...; Path=/}). Written as fapilog's own logger writes it, its value masked.
     */
    @Test
    void aCookieAPlaceholderTakesHasItsValueMasked() throws Exception {
        InMemorySink redacted = new InMemorySink();
        FapilogRuntime production = production(redacted);
        FapilogAppender appender = connectedTo(production);
        org.springframework.http.ResponseCookie cookie = org.springframework.http.ResponseCookie.from("remember-me", "rm-SECRET")
                .path("/").maxAge(Duration.ofDays(14)).build();
        org.springframework.http.HttpCookie session = new org.springframework.http.HttpCookie("SESSION", "s-SECRET");
        Object[] selfContaining = new Object[1];
        selfContaining[0] = selfContaining;
        appender.doAppend(new LoggingEvent(FapilogAppenderTest.class.getName(), loggerContext.getLogger("com.acme.Login"),
                ch.qos.logback.classic.Level.INFO, "set {} for {}", null, new Object[] {cookie, session}));
        appender.doAppend(new LoggingEvent(FapilogAppenderTest.class.getName(), loggerContext.getLogger("com.acme.Login"),
                ch.qos.logback.classic.Level.INFO, "cookies {} by name {}", null,
                new Object[] {List.of("first", cookie), java.util.Map.of("browser", List.of(session))}));
        appender.doAppend(new LoggingEvent(FapilogAppenderTest.class.getName(), loggerContext.getLogger("com.acme.Login"),
                ch.qos.logback.classic.Level.INFO, "itself {}", null, new Object[] {selfContaining}));
        production.stopAndDrain(Duration.ofSeconds(10));
        production.close();

        List<String> lines = redacted.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.toString()).doesNotContain("SECRET");
        assertThat(JSON.readTree(lines.get(0)).get("message").asString())
                .isEqualTo("set {name=remember-me, value=***} for {name=SESSION, value=***}");
        assertThat(JSON.readTree(lines.get(1)).get("message").asString())
                .isEqualTo("cookies [first, {name=remember-me, value=***}] by name {browser=[{name=SESSION, value=***}]}");
        assertThat(JSON.readTree(lines.get(2)).get("message").asString()).isEqualTo("itself [[...]]");
    }

    /**
     * A bearer token not yet checked is its authentication's principal, and Spring Security's text of
     * an authentication names its principal ({@code BearerTokenAuthenticationToken [Principal=eyJ...]}),
     * so Logback wrote the token into the message. An authentication is written as its parts, the
     * token masked as its credentials, the principal that is them said to be; as a value too.
     */
    @Test
    void anAuthenticationAPlaceholderTakesHasItsBearerTokenMasked() throws Exception {
        InMemorySink redacted = new InMemorySink();
        FapilogRuntime production = production(redacted);
        FapilogAppender appender = connectedTo(production);
        var bearer = new org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken("opaque-SECRET-token");
        appender.doAppend(new LoggingEvent(FapilogAppenderTest.class.getName(), loggerContext.getLogger("com.acme.Auth"),
                ch.qos.logback.classic.Level.INFO, "authenticating {}", null, new Object[] {bearer}));
        production.getLogger("com.acme.Auth").info("authenticating", "authentication", bearer);
        var jwt = org.springframework.security.oauth2.jwt.Jwt.withTokenValue("jwt-SECRET-value").header("alg", "none")
                .subject("ann").claim("iss", "acme-issuer").build();
        production.getLogger("com.acme.Auth").info("authenticated", "authentication",
                new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken(jwt));
        production.stopAndDrain(Duration.ofSeconds(10));
        production.close();

        List<String> lines = redacted.lines();
        assertThat(lines).hasSize(3).noneMatch(line -> line.contains("SECRET"));
        assertThat(JSON.readTree(lines.get(0)).get("message").asString()).isEqualTo("authenticating {type=BearerTokenAuthenticationToken, "
                + "name=[credentials], principal=[credentials], credentials=***, authenticated=false, authorities=[], details=null}");
        assertThat(JSON.readTree(lines.get(1)).at("/data/authentication").toString()).isEqualTo("{\"type\":\"BearerTokenAuthenticationToken\","
                + "\"name\":\"[credentials]\",\"principal\":\"[credentials]\",\"credentials\":\"***\",\"authenticated\":false,\"authorities\":[],\"details\":null}");
        JsonNode jwtAuthentication = JSON.readTree(lines.get(2)).at("/data/authentication");
        assertThat(jwtAuthentication.get("name").asString()).isEqualTo("ann");
        assertThat(jwtAuthentication.at("/principal/tokenValue").asString()).isEqualTo("***");
        assertThat(jwtAuthentication.at("/principal/claims/sub").asString()).isEqualTo("ann");
        assertThat(jwtAuthentication.at("/principal/claims/iss").asString()).as("no URL: its getter throws, its claim is text")
                .isEqualTo("acme-issuer");
        assertThat(jwtAuthentication.at("/principal/headers/alg").asString()).isEqualTo("none");
        assertThat(jwtAuthentication.get("credentials").asString()).isEqualTo("***");
    }

    /**
     * An event that reaches the appender serialised (a {@code LoggingEventVO}, as Logback's socket
     * receivers deliver it) keeps its exception: its type, message, frames and cause (it was dropped).
     */
    @Test
    void theExceptionOfASerialisedEventIsWrittenFromItsProxy() {
        FapilogAppender appender = started(new FapilogAppender());
        appender.connect(runtime);
        IllegalStateException failure = new IllegalStateException("remote failure", new java.io.IOException("disk gone"));
        LoggingEvent live = new LoggingEvent(FapilogAppenderTest.class.getName(), loggerContext.getLogger("com.acme.Remote"),
                ch.qos.logback.classic.Level.ERROR, "remote failure {}", failure, new Object[] {7});

        appender.doAppend(ch.qos.logback.classic.spi.LoggingEventVO.build(live));

        JsonNode line = onlyLine();
        assertThat(line.get("message").asString()).isEqualTo("remote failure 7");
        JsonNode exception = line.at("/diagnostics/exception");
        assertThat(exception.get("type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(exception.get("message").asString()).isEqualTo("remote failure");
        assertThat(exception.get("stack").get(0).asString()).startsWith(FapilogAppenderTest.class.getName()
                + ".theExceptionOfASerialisedEventIsWrittenFromItsProxy(");
        assertThat(exception.at("/cause/type").asString()).isEqualTo("java.io.IOException");
        assertThat(exception.at("/cause/message").asString()).isEqualTo("disk gone");
    }

    @Test
    void theRuntimesLevelsApplyOnTopOfLogbacks() {
        runtime.setLevel("com.acme.noisy", Level.WARN);
        FapilogAppender appender = started(new FapilogAppender());
        appender.connect(runtime);
        appender.doAppend(event("com.acme.noisy.Poller", ch.qos.logback.classic.Level.INFO, "skipped"));
        appender.doAppend(event("com.acme.noisy.Poller", ch.qos.logback.classic.Level.ERROR, "kept"));

        assertThat(onlyLine().get("message").asString()).isEqualTo("kept");
    }

    @Test
    void namedInLogbackXmlItWritesToTheDefaultRuntimeWithoutSpring() throws Exception {
        Fapilog.setDefaultRuntime(runtime);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(loggerContext);
        configurator.doConfigure(FapilogAppenderTest.class.getResource("/fapilog-logback-test.xml"));

        MDC.put("job_id", "nightly");
        try {
            loggerContext.getLogger("com.acme.Batch").atInfo().addKeyValue("items", 1200).log("Batch complete");
        } finally {
            MDC.remove("job_id");
        }

        JsonNode line = onlyLine();
        assertThat(line.get("message").asString()).isEqualTo("Batch complete");
        assertThat(line.get("logger").asString()).isEqualTo("com.acme.Batch");
        assertThat(line.at("/context/job_id").asString()).isEqualTo("nightly");
        assertThat(line.at("/data/items").asInt()).isEqualTo(1200);
        assertThat(fallback().list).isEmpty();
    }

    @Test
    void beforeAnyRuntimeEventsGoToTheAttachedAppendersAndAfterTheDrainToTheDrainedRuntime() throws Exception {
        FapilogAppender appender = new FapilogAppender();
        appender.setUseDefaultRuntime(false);
        ListAppender<ILoggingEvent> list = startedList();
        appender.addAppender(list);
        started(appender);

        appender.doAppend(event("com.acme", ch.qos.logback.classic.Level.INFO, "no runtime yet"));
        appender.connect(runtime);
        appender.doAppend(event("com.acme", ch.qos.logback.classic.Level.INFO, "to the runtime"));
        DrainResult drained = runtime.stopAndDrain(Duration.ofSeconds(10));
        appender.doAppend(event("com.acme", ch.qos.logback.classic.Level.INFO, "after the drain"));

        assertThat(list.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("no runtime yet");
        assertThat(drained.submitted()).isEqualTo(1);
        assertThat(sink.lines()).hasSize(2); // the late event written synchronously, as JSON
        assertThat(JSON.readTree(sink.lines().get(1)).get("message").asString()).isEqualTo("after the drain");
        assertThat(runtime.stats().processed()).isEqualTo(2);
    }

    /**
     * A sink's client library logs through Logback on the sink's own thread (a Kafka or HTTP client
     * inside its write): its events are written as JSON with the application's, not as the console's
     * plain lines, and what it logs while it writes them is dropped as a logging loop.
     */
    @Test
    void eventsOfFapilogsOwnThreadsAreWrittenAndCannotFeedThemselves() throws Exception {
        FapilogAppender appender = new FapilogAppender();
        ListAppender<ILoggingEvent> list = startedList();
        appender.addAppender(list);
        started(appender);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        InMemorySink written = new InMemorySink("logs-while-writing");
        io.fapilog.spi.Sink logsWhileWriting = new io.fapilog.spi.Sink() {
            @Override
            public String name() {
                return "logs-while-writing";
            }

            @Override
            public boolean remote() {
                return true;
            }

            @Override
            public void write(io.fapilog.spi.EncodedBatch batch) {
                written.write(batch);
                try {
                    appender.doAppend(event("org.apache.http", ch.qos.logback.classic.Level.WARN, "retrying"));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }
        };
        FapilogRuntime own = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(logsWhileWriting).shutdownHook(false).start();
        appender.connect(own);
        own.getLogger("com.acme.Orders").info("one event");
        own.flush().get(10, java.util.concurrent.TimeUnit.SECONDS); // written, and the client's warning logged
        own.flush().get(10, java.util.concurrent.TimeUnit.SECONDS); // the warning written, and the next one dropped
        DrainResult drained = own.stopAndDrain(Duration.ofSeconds(10));
        own.close();

        assertThat(failure.get()).isNull();
        assertThat(list.list).isEmpty();
        List<JsonNode> lines = written.lines().stream().map(JSON::readTree).toList();
        assertThat(lines).extracting(line -> line.get("message").asString()).containsExactly("one event", "retrying");
        assertThat(lines.get(1).get("logger").asString()).isEqualTo("org.apache.http");
        assertThat(own.stats().droppedByReason().get(io.fapilog.DropReason.LOGGING_LOOP)).isEqualTo(1);
        assertThat(drained.submitted()).isEqualTo(3);
    }

    /**
     * After the drain, an event is written on the caller's thread before the log call returns; what a
     * sink logs through Logback while it writes that event is written after it, and what it logs while
     * writing that one is a logging loop.
     */
    @Test
    void whatASinkLogsWhileALateEventIsWrittenIsWrittenToo() throws Exception {
        FapilogAppender appender = started(new FapilogAppender());
        InMemorySink written = new InMemorySink("logs-while-writing");
        io.fapilog.spi.Sink logsWhileWriting = new io.fapilog.spi.Sink() {
            @Override
            public String name() {
                return "logs-while-writing";
            }

            @Override
            public void write(io.fapilog.spi.EncodedBatch batch) {
                written.write(batch);
                appender.doAppend(event("com.acme.Client", ch.qos.logback.classic.Level.INFO, "wrote a line"));
            }
        };
        FapilogRuntime own = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(logsWhileWriting).shutdownHook(false).start();
        appender.connect(own);
        own.stopAndDrain(Duration.ofSeconds(10));

        appender.doAppend(event("com.acme.Orders", ch.qos.logback.classic.Level.INFO, "after the drain"));

        assertThat(written.lines()).extracting(line -> JSON.readTree(line).get("message").asString())
                .containsExactly("after the drain", "wrote a line");
        assertThat(own.stats().droppedByReason().get(io.fapilog.DropReason.LOGGING_LOOP)).isEqualTo(1);
        assertThat(own.stats().submitted()).isEqualTo(3);
        own.close();
    }

    /** Fapilog's threads are known by the work they run: an application thread named like one is the application's. */
    @Test
    void anApplicationThreadNamedLikeFapilogsIsTheApplications() throws Exception {
        FapilogAppender appender = new FapilogAppender();
        ListAppender<ILoggingEvent> list = startedList();
        appender.addAppender(list);
        started(appender);
        appender.connect(runtime);

        Thread importer = new Thread(() -> appender.doAppend(event("com.acme.Import", ch.qos.logback.classic.Level.INFO,
                "imported")), "fapilog-importer");
        importer.start();
        importer.join();

        assertThat(list.list).isEmpty();
        assertThat(onlyLine().get("message").asString()).isEqualTo("imported");
    }

    @Test
    void bridgedEventsCarryTheScopedContextAfterTheirMdcAndTheirMarkersAsTags() {
        FapilogAppender appender = started(new FapilogAppender());
        appender.connect(runtime);
        Marker audit = MarkerFactory.getDetachedMarker("audit");
        audit.add(MarkerFactory.getDetachedMarker("pci"));
        LoggingEvent logback = event("com.acme.Payments", ch.qos.logback.classic.Level.INFO, "Charged");
        logback.setMDCPropertyMap(Map.of("request_id", "from-mdc", "tenant", "acme"));
        logback.addMarker(audit);
        logback.addMarker(MarkerFactory.getDetachedMarker("billing"));
        logback.addMarker(MarkerFactory.getDetachedMarker("COMMONS-LOGGING")); // Spring's JCL bridge: not a tag
        try (ContextScope scope = Fapilog.withContext("job_id", "j1", "tenant", "scoped")) {
            appender.doAppend(logback);
        }

        JsonNode line = onlyLine();
        assertThat(line.at("/context/request_id").asString()).isEqualTo("from-mdc");
        assertThat(line.at("/context/job_id").asString()).isEqualTo("j1");
        assertThat(line.at("/context/tenant").asString()).isEqualTo("scoped");
        assertThat(line.get("tags").toString()).isEqualTo("[\"audit\",\"pci\",\"billing\"]");
    }

    @Test
    void levelsMapOneToOne() {
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.TRACE)).isEqualTo(Level.TRACE);
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.DEBUG)).isEqualTo(Level.DEBUG);
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.INFO)).isEqualTo(Level.INFO);
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.WARN)).isEqualTo(Level.WARN);
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.ERROR)).isEqualTo(Level.ERROR);
    }

    /**
     * With a {@code <preset>}, an application that made its runtime the default (with DEBUG for a
     * logger, as the migration guide says) has its events there: the preset's shared runtime took
     * them, dropped DEBUG and ignored the application's sinks and redaction.
     */
    @Test
    void aPresetGivesWayToTheRuntimeTheApplicationMadeTheDefault() {
        FapilogAppender appender = new FapilogAppender();
        appender.setPreset("production");
        started(appender);
        Fapilog.setDefaultRuntime(runtime);

        appender.doAppend(event("com.acme.Orders", ch.qos.logback.classic.Level.DEBUG, "Order details"));

        assertThat(onlyLine().get("message").asString()).isEqualTo("Order details");
    }

    @Test
    void noDefaultRuntimeAndNoAppenderRefIsSaidAtStart() {
        FapilogAppender appender = new FapilogAppender();
        appender.setUseDefaultRuntime(false);
        started(appender);

        assertThat(loggerContext.getStatusManager().getCopyOfStatusList())
                .anySatisfy(status -> assertThat(status.getMessage()).contains("useDefaultRuntime=false and no appender-ref"));
    }

    /**
     * SLF4J's errors through the bridge weigh against the queue's memory budget by their stacks'
     * frames, which Logback read at the call (64 bytes a frame, and the message): behind a held
     * worker, those past a 20 KB budget are trimmed to their stacks' first 16 frames and written.
     */
    @Test
    void bridgedErrorsPastTheMemoryBudgetAreTrimmedAndWritten() throws Exception {
        HeldSink sink = new HeldSink();
        InMemorySink lines = sink.lines;
        FapilogRuntime held = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .queueMaxBytes(20_000).batchMaxSize(1).fullPolicy(io.fapilog.config.FullPolicy.DROP).shutdownHook(false).start();
        try {
            FapilogAppender appender = started(new FapilogAppender());
            appender.connect(held);
            ch.qos.logback.classic.Logger logger = loggerContext.getLogger("com.acme.Payments");
            logger.addAppender(appender);
            logger.info("blocker");
            sink.awaitHeld();
            for (int i = 0; i < 10; i++) {
                logger.error("payment {} failed", i, new IllegalStateException("declined"));
            }
            int frames = new IllegalStateException().getStackTrace().length;
            long read = "payment 0 failed".length() + 64 + 64L * frames + "declined".length();
            int fits = (int) (20_000 / read);
            assertThat(held.stats().trimmed()).isEqualTo(10 - fits);
            assertThat(held.stats().queueBytes()).isEqualTo(fits * read
                    + (10 - fits) * ("payment 0 failed".length() + 64 + 16 * 64 + "declined".length()));
            sink.open();
            DrainResult result = held.stopAndDrain().get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(result.processed()).isEqualTo(result.submitted()).isEqualTo(11);
            List<JsonNode> stacks = lines.lines().stream().map(JSON::readTree).filter(line -> line.at("/level").asString().equals("ERROR"))
                    .map(line -> line.at("/diagnostics/exception/stack")).toList();
            assertThat(stacks).hasSize(10);
            assertThat(stacks.subList(0, fits)).allSatisfy(stack -> assertThat(stack).hasSize(Math.min(frames, 64) + (frames > 64 ? 1 : 0)));
            assertThat(stacks.subList(fits, 10)).allSatisfy(stack -> {
                assertThat(stack).hasSize(17);
                assertThat(stack.get(16).asString()).endsWith(" frames truncated");
            });
        } finally {
            sink.open();
            held.close();
        }
    }

    private JsonNode onlyLine() {
        runtime.stopAndDrain(Duration.ofSeconds(10));
        List<String> lines = sink.lines();
        assertThat(lines).hasSize(1);
        return JSON.readTree(lines.get(0));
    }

    @SuppressWarnings("unchecked")
    private ListAppender<ILoggingEvent> fallback() {
        FapilogAppender appender = (FapilogAppender) loggerContext.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .getAppender("FAPILOG");
        return (ListAppender<ILoggingEvent>) appender.getAppender("LIST");
    }

    private LoggingEvent event(String logger, ch.qos.logback.classic.Level level, String message) {
        return new LoggingEvent(FapilogAppenderTest.class.getName(), loggerContext.getLogger(logger), level,
                message, null, null);
    }

    private ListAppender<ILoggingEvent> startedList() {
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.setContext(loggerContext);
        list.start();
        return list;
    }

    private FapilogAppender started(FapilogAppender appender) {
        appender.setContext(loggerContext);
        appender.start();
        return appender;
    }
}
