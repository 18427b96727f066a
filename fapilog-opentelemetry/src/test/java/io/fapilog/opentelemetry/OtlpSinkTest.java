package io.fapilog.opentelemetry;

import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.RedactionSettings;
import io.fapilog.config.TimestampPrecision;
import io.fapilog.internal.sinks.ResilientSink;
import io.fapilog.sinks.InMemorySink;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpSinkTest {

    private static final java.util.logging.Logger OTEL_LOGS = java.util.logging.Logger.getLogger("io.opentelemetry");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final RetryPolicy FAST_RETRY = RetryPolicy.builder().setMaxAttempts(4)
            .setInitialBackoff(Duration.ofMillis(5)).setMaxBackoff(Duration.ofMillis(20)).build();

    private OtlpReceiver receiver;
    private final InMemorySink fallback = new InMemorySink("fallback");

    @BeforeAll
    static void quietExporter() {
        // The exporter reports failed exports through java.util.logging; these tests cause them on purpose.
        OTEL_LOGS.setLevel(java.util.logging.Level.OFF);
    }

    @AfterAll
    static void restoreExporterLogs() {
        OTEL_LOGS.setLevel(null);
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new OtlpReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** The sink under test wrapped as the engine wraps it, with a fallback the test can read. */
    private record Setup(OtlpSink otlp, ResilientSink resilient, FapilogRuntime runtime) {
        Logger logger(String name) {
            return runtime.getLogger(name);
        }

        DrainResult drain() {
            return runtime.stopAndDrain(DRAIN_TIMEOUT);
        }
    }

    /** The shutdown timeout, and what {@link Setup#drain()} waits: the sink gets a quarter of it before its batches go to the fallback. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private Setup start(OtlpSink otlp, int failureThreshold) {
        return start(otlp, failureThreshold, DRAIN_TIMEOUT);
    }

    private Setup start(OtlpSink otlp, int failureThreshold, Duration shutdownTimeout) {
        ResilientSink resilient = ResilientSink.builder(otlp)
                .settings(new CircuitBreakerSettings(2, Duration.ofMillis(1), failureThreshold, Duration.ofSeconds(30), true))
                .fallback(fallback).build();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .runtimeEnricher(true).threadEnricher(true).service("orders", "prod", "1.4.2")
                .queueCapacity(20_000).batchMaxSize(100).batchTimeout(Duration.ofMillis(20))
                .shutdownTimeout(shutdownTimeout).sink(resilient, otlp.encoder()).start();
        return new Setup(otlp, resilient, runtime);
    }

    private OtlpSink.Builder sink() {
        return OtlpSink.builder().endpoint(receiver.endpoint()).retryPolicy(FAST_RETRY).timeout(Duration.ofSeconds(5));
    }

    private static Map<String, AnyValue> attributes(LogRecord record) {
        return attributes(record.getAttributesList());
    }

    private static Map<String, AnyValue> attributes(List<KeyValue> list) {
        return list.stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    private static String string(Map<String, AnyValue> attributes, String key) {
        return attributes.get(key).getStringValue();
    }

    private static void assertIdentity(DrainResult result, int events) {
        assertThat(result.submitted()).isEqualTo(events);
        assertThat(result.submitted()).isEqualTo(result.processed() + result.dropped() + result.filtered());
        assertThat(result.processed()).isEqualTo(events);
    }

    /** The {@code seq} attribute of every accepted record, each must appear once. */
    private void assertEverySequenceNumberOnce(int events) {
        List<Long> seqs = receiver.acceptedRecords().stream()
                .map(r -> attributes(r).get("seq").getIntValue()).sorted().toList();
        assertThat(seqs).hasSize(events);
        assertThat(seqs).doesNotHaveDuplicates();
        assertThat(seqs.get(0)).isZero();
        assertThat(seqs.get(events - 1)).isEqualTo(events - 1);
    }

    @Test
    void everyEventArrivesOnceAsAnOtlpRecordWithItsFields() throws Exception {
        Setup setup = start(sink().build(), 5);
        Logger log = setup.logger("orders.api");
        int plain = 2_000;
        Thread[] producers = new Thread[4];
        for (int t = 0; t < producers.length; t++) {
            int offset = t * plain / producers.length;
            producers[t] = new Thread(() -> {
                for (int i = offset; i < offset + plain / producers.length; i++) {
                    log.info("Processing item", "seq", i, "size", 10);
                }
            });
            producers[t].start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        log.bind("trace_id", TRACE_ID).bind("span_id", SPAN_ID).bind("request_id", "r-7")
                .warn("Charge slow", "seq", plain, "order", Map.of("id", 7, "lines", List.of("a", "b")), "ratio", 0.5, "paid", true);
        log.error("Charge failed", new IllegalStateException("card declined"), "seq", plain + 1);
        setup.runtime.getLogger("audit").info("AUDIT-like", "seq", plain + 2, "amounts", List.of(1, 2, 3));
        int events = plain + 3;

        DrainResult result = setup.drain();

        assertIdentity(result, events);
        assertEverySequenceNumberOnce(events);
        assertThat(setup.otlp.acknowledgedEvents()).isEqualTo(events);
        assertThat(setup.resilient.fallbackEventCount()).isZero();
        assertThat(setup.resilient.droppedEventCount()).isZero();
        assertThat(receiver.statuses()).allMatch(status -> status == 200);

        OtlpReceiver.Received first = receiver.accepted().get(0);
        Map<String, AnyValue> resource = attributes(first.resource().getAttributesList());
        assertThat(string(resource, "service.name")).isEqualTo("orders");
        assertThat(string(resource, "service.version")).isEqualTo("1.4.2");
        assertThat(string(resource, "deployment.environment.name")).isEqualTo("prod");
        assertThat(resource).containsKeys("host.name", "process.pid");

        Map<Long, OtlpReceiver.Received> bySeq = receiver.accepted().stream()
                .collect(Collectors.toMap(r -> attributes(r.record()).get("seq").getIntValue(), Function.identity()));
        LogRecord info = bySeq.get(0L).record();
        assertThat(bySeq.get(0L).scope()).isEqualTo("orders.api");
        assertThat(info.getBody().getStringValue()).isEqualTo("Processing item");
        assertThat(info.getSeverityNumberValue()).isEqualTo(9);
        assertThat(info.getSeverityText()).isEqualTo("INFO");
        assertThat(info.getTimeUnixNano()).isPositive().isLessThanOrEqualTo(info.getObservedTimeUnixNano());
        assertThat(info.getTimeUnixNano() % 1_000_000).isZero();
        assertThat(info.getTraceId().isEmpty()).isTrue();
        assertThat(attributes(info).get("size").getIntValue()).isEqualTo(10);
        assertThat(attributes(info)).containsKey("thread.name").doesNotContainKeys("service", "host", "pid");

        LogRecord warn = bySeq.get((long) plain).record();
        Map<String, AnyValue> warnAttributes = attributes(warn);
        assertThat(warn.getSeverityNumberValue()).isEqualTo(13);
        assertThat(HexFormat.of().formatHex(warn.getTraceId().toByteArray())).isEqualTo(TRACE_ID);
        assertThat(HexFormat.of().formatHex(warn.getSpanId().toByteArray())).isEqualTo(SPAN_ID);
        assertThat(warn.getFlags()).as("no sampling decision is known: not claimed sampled").isZero();
        assertThat(warnAttributes).doesNotContainKeys("trace_id", "span_id");
        assertThat(string(warnAttributes, "request_id")).isEqualTo("r-7");
        assertThat(warnAttributes.get("order.id").getIntValue()).isEqualTo(7);
        assertThat(warnAttributes.get("order.lines").getArrayValue().getValuesList())
                .extracting(AnyValue::getStringValue).containsExactly("a", "b");
        assertThat(warnAttributes.get("ratio").getDoubleValue()).isEqualTo(0.5);
        assertThat(warnAttributes.get("paid").getBoolValue()).isTrue();

        LogRecord error = bySeq.get((long) plain + 1).record();
        Map<String, AnyValue> errorAttributes = attributes(error);
        assertThat(error.getSeverityNumberValue()).isEqualTo(17);
        assertThat(string(errorAttributes, "exception.type")).isEqualTo("java.lang.IllegalStateException");
        assertThat(string(errorAttributes, "exception.message")).isEqualTo("card declined");
        assertThat(string(errorAttributes, "exception.stacktrace"))
                .startsWith("java.lang.IllegalStateException: card declined")
                .contains("at io.fapilog.opentelemetry.OtlpSinkTest.everyEventArrivesOnceAsAnOtlpRecordWithItsFields");

        assertThat(attributes(bySeq.get((long) plain + 2).record()).get("amounts").getArrayValue().getValuesList())
                .extracting(AnyValue::getIntValue).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aReceiverThatIsDownCostsTheCallerNothingAndEveryEventReachesTheFallback() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OtlpSink otlp = OtlpSink.builder().endpoint("http://127.0.0.1:" + closedPort + "/v1/logs")
                .retryPolicy(FAST_RETRY).timeout(Duration.ofSeconds(2)).build();
        Setup setup = start(otlp, 1_000);
        Logger log = setup.logger("orders.api");
        int events = 500;
        for (int i = 0; i < events; i++) {
            log.info("Processing item", "seq", i);
        }

        DrainResult result = setup.drain();

        assertIdentity(result, events);
        assertThat(fallback.size()).isEqualTo(events);
        assertThat(fallback.lines()).allSatisfy(line -> assertThat(line).contains("\"message\":\"Processing item\""));
        assertThat(setup.resilient.fallbackEventCount()).isEqualTo(events);
        assertThat(setup.resilient.droppedEventCount()).isZero();
        assertThat(otlp.acknowledgedEvents()).isZero();
        assertThat(otlp.failedEvents()).isEqualTo(events);
        assertThat(setup.resilient.errorCount()).isPositive();
    }

    /**
     * An event logged after the drain (a bean destroyed late) meets the sink the drain closed: it
     * goes to the fallback at once, counted, and is not tried on the shut-down exporter, so that it
     * is no failure of the sink's (every shutdown told of one, for the server's last lines).
     */
    @Test
    void anEventLoggedAfterTheDrainGoesToTheFallbackWithoutAFailureOfTheSink() throws Exception {
        Setup setup = start(sink().build(), 1_000);
        Logger log = setup.logger("orders.api");
        log.info("Before the drain");
        assertIdentity(setup.drain(), 1);
        int accepted = receiver.acceptedRecords().size();

        log.info("Destroying the order cache");

        assertThat(receiver.acceptedRecords()).hasSize(accepted);
        assertThat(fallback.lines()).singleElement().satisfies(line -> assertThat(line).contains("Destroying the order cache"));
        assertThat(setup.otlp.failedEvents()).as("not tried: its exporter is shut down").isZero();
        assertThat(setup.resilient.health().errors()).as("no failure of the sink's").isZero();
        assertThat(setup.resilient.health().fallbackEvents()).isEqualTo(1);
        assertThat(setup.runtime.stats().submitted()).isEqualTo(setup.runtime.stats().processed());
    }

    @Test
    void aSlowReceiverNeverBlocksTheCallerAndStillGetsEveryEventOnce() throws Exception {
        CountDownLatch callerDone = new CountDownLatch(1);
        CountDownLatch receiverHeld = new CountDownLatch(1);
        boolean[] releasedByCaller = new boolean[1];
        receiver.script(request -> request == 1
                ? new OtlpReceiver.Answer(200, null, () -> {
                    receiverHeld.countDown();
                    try {
                        releasedByCaller[0] = callerDone.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                : OtlpReceiver.Answer.OK);
        Setup setup = start(sink().timeout(Duration.ofSeconds(30)).build(), 5);
        Logger log = setup.logger("orders.api");

        log.info("first", "seq", 0);
        assertThat(receiverHeld.await(10, TimeUnit.SECONDS)).isTrue();
        // write() waits for the receiver's answer on the sink's own thread: the held batch is not yet written.
        assertThat(setup.otlp.acknowledgedEvents()).isZero();
        int events = 5_000;
        for (int i = 1; i < events; i++) {
            log.info("while the receiver hangs", "seq", i);
        }
        callerDone.countDown();
        DrainResult result = setup.drain();

        assertThat(releasedByCaller[0]).as("the caller finished while the first export was held").isTrue();
        assertIdentity(result, events);
        assertEverySequenceNumberOnce(events);
        assertThat(setup.otlp.acknowledgedEvents()).isEqualTo(events);
        assertThat(fallback.size()).isZero();
    }

    @Test
    void aReceiverThatNeverAnswersCostsTheDrainItsShutdownTimeoutAndItsEventsGoToTheFallback() throws Exception {
        CountDownLatch receiverHeld = new CountDownLatch(1);
        CountDownLatch testOver = new CountDownLatch(1);
        receiver.script(request -> new OtlpReceiver.Answer(200, null, () -> {
            receiverHeld.countDown();
            try {
                testOver.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Duration shutdownTimeout = Duration.ofSeconds(2);
        Setup setup = start(sink().timeout(Duration.ofSeconds(60)).build(), 5, shutdownTimeout);
        Logger log = setup.logger("orders.api");
        int events = 10;
        for (int i = 0; i < events; i++) {
            log.info("never answered", "seq", i);
        }
        assertThat(receiverHeld.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            DrainResult result = setup.runtime.stopAndDrain(shutdownTimeout.multipliedBy(3));

            assertThat(result).as("drained within the shutdown timeout").isNotNull();
            assertIdentity(result, events);
            assertThat(result.dropped()).isZero();
            assertThat(fallback.lines()).hasSize(events);
            assertThat(setup.otlp.acknowledgedEvents()).isZero();
        } finally {
            testOver.countDown();
        }
    }

    @Test
    void answers503WithRetryAfterAreRetriedAndEveryEventArrivesOnce() throws Exception {
        receiver.script(request -> request <= 2 ? new OtlpReceiver.Answer(503, "0", () -> { }) : OtlpReceiver.Answer.OK);
        Setup setup = start(sink().build(), 5);
        Logger log = setup.logger("orders.api");
        int events = 300;
        for (int i = 0; i < events; i++) {
            log.info("Processing item", "seq", i);
        }

        DrainResult result = setup.drain();

        assertIdentity(result, events);
        assertEverySequenceNumberOnce(events);
        assertThat(receiver.statuses().subList(0, 2)).containsExactly(503, 503);
        assertThat(receiver.statuses().subList(2, receiver.statuses().size())).allMatch(status -> status == 200);
        assertThat(setup.otlp.acknowledgedEvents()).isEqualTo(events);
        assertThat(setup.resilient.errorCount()).isZero();
        assertThat(fallback.size()).isZero();
    }

    @Test
    void answers400AreNotRetriedAndTheirEventsGoToTheFallbackOnce() throws Exception {
        receiver.script(request -> OtlpReceiver.Answer.status(400));
        Setup setup = start(sink().build(), 1_000);
        Logger log = setup.logger("orders.api");
        int events = 300;
        for (int i = 0; i < events; i++) {
            log.info("Processing item", "seq", i);
        }

        DrainResult result = setup.drain();

        assertIdentity(result, events);
        assertThat(receiver.rejectedRecords()).as("each event sent once, never retried").isEqualTo(events);
        assertThat(receiver.acceptedRecords()).isEmpty();
        assertThat(fallback.size()).isEqualTo(events);
        assertThat(setup.resilient.fallbackEventCount()).isEqualTo(events);
        assertThat(setup.resilient.errorCount()).isEqualTo(receiver.statuses().size());
        assertThat(setup.otlp.failedEvents()).isEqualTo(events);
    }

    /**
     * A refused export says what the collector answered, where, and what to check: before, every
     * status read "OTLP export failed: ...HttpExportException", a wrong token as a missing path.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "404|answered HTTP 404|an OTLP/HTTP endpoint ends in /v1/logs",
            "401|answered HTTP 401|the collector refused the credentials sent",
            "400|answered HTTP 400|"})
    void aRefusedExportSaysTheCollectorsAnswerAndWhatToCheck(int status, String answer, String hint) throws Exception {
        receiver.script(request -> OtlpReceiver.Answer.status(status));
        Setup setup = start(sink().build(), 1_000);
        setup.logger("orders.api").info("Processing item");

        setup.drain();

        String lastError = setup.resilient.health().lastError();
        assertThat(lastError).contains("OTLP export to " + receiver.endpoint() + " " + answer)
                .doesNotContain("HttpExportException");
        if (hint != null) {
            assertThat(lastError).contains(hint);
        }
    }

    @Test
    void redactionHappensBeforeTheRecordIsBuilt() throws Exception {
        OtlpSink otlp = sink().build();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .redaction(new RedactionSettings(Set.of("credentials"), Set.of(), List.of(), true, false))
                .sink(otlp).start();
        runtime.getLogger("orders.api").bind("api_key", "k-123")
                .info("Signed in", "password", "hunter2", "login", Map.of("token", "t-9", "user", "ada"),
                        "callback", "https://ada:s3cret@example.com/hook");

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));

        assertIdentity(result, 1);
        Map<String, AnyValue> attributes = attributes(receiver.acceptedRecords().get(0));
        assertThat(string(attributes, "password")).isEqualTo("***");
        assertThat(string(attributes, "api_key")).isEqualTo("***");
        assertThat(string(attributes, "login.token")).isEqualTo("***");
        assertThat(string(attributes, "login.user")).isEqualTo("ada");
        assertThat(string(attributes, "callback")).doesNotContain("s3cret");
    }

    /**
     * Flattening joins names: {@code private} and {@code key} make {@code private.key}, a name the
     * redactor never saw. An attribute whose joined name is a sensitive name of the runtime is masked,
     * whole (a map under it is not flattened further), in data, context and diagnostics alike.
     */
    @Test
    void aFlattenedNameThatIsSensitiveIsMasked() throws Exception {
        OtlpSink otlp = sink().build();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().shutdownHook(false)
                .enricher(event -> event.diagnostics().put("vault", Map.of("api", Map.of("key", "AK-SECRET-5"))))
                .sink(otlp).start();
        Logger log = runtime.getLogger("orders.api");
        log.info("nested", "private", Map.of("key", "PK-SECRET-1"), "api", Map.of("key", "AK-SECRET-2"),
                "private.key", "PK-SECRET-3", "api.key", "AK-SECRET-4");
        log.bind("client", Map.of("private", Map.of("key", Map.of("pem", "PK-SECRET-6", "bits", 2048))))
                .info("deeper", "private", Map.of("keys", "kept"), "order", Map.of("id", 7));

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));

        assertIdentity(result, 2);
        Map<String, AnyValue> nested = attributes(receiver.acceptedRecords().get(0));
        assertThat(string(nested, "private.key")).isEqualTo("***");
        assertThat(string(nested, "api.key")).isEqualTo("***");
        assertThat(string(nested, "data.private.key")).isEqualTo("***");
        assertThat(string(nested, "data.api.key")).isEqualTo("***");
        assertThat(string(nested, "vault.api.key")).isEqualTo("***");
        Map<String, AnyValue> deeper = attributes(receiver.acceptedRecords().get(1));
        assertThat(string(deeper, "client.private.key")).isEqualTo("***");
        assertThat(deeper.keySet()).noneMatch(key -> key.startsWith("client.private.key."));
        assertThat(string(deeper, "private.keys")).isEqualTo("kept");
        assertThat(deeper.get("order.id").getIntValue()).isEqualTo(7);
        assertThat(string(deeper, "vault.api.key")).isEqualTo("***");
        assertThat(receiver.acceptedRecords()).flatExtracting(LogRecord::getAttributesList)
                .extracting(attribute -> attribute.getValue().toString()).noneMatch(value -> value.contains("SECRET"));
    }

    /**
     * The joined names are matched against the runtime's own names ({@code fapilog.redaction.*}), no
     * others: with only {@code account_number} and {@code data_id}, {@code private.key} is kept, while
     * {@code account.number} and a data field written under its section's name, {@code data.id}, are masked.
     */
    @Test
    void flattenedNamesAreMatchedAgainstTheRuntimesRedactionNames() throws Exception {
        OtlpSink otlp = sink().build();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .redaction(new RedactionSettings(Set.of(), Set.of("account_number", "data_id"), List.of(), false, false))
                .sink(otlp).start();
        runtime.getLogger("orders.api").bind("id", "ctx-1")
                .info("paid", "account", Map.of("number", "DE-0001"), "private", Map.of("key", "pk-1"), "id", "data-1");
        assertIdentity(runtime.stopAndDrain(Duration.ofSeconds(30)), 1);
        // Drained first: both send to one receiver, and the records must arrive in this order.
        FapilogRuntime unredacted = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .sink(sink().build()).start();
        unredacted.getLogger("orders.api").info("paid", "account", Map.of("number", "DE-0001"));
        assertIdentity(unredacted.stopAndDrain(Duration.ofSeconds(30)), 1);

        Map<String, AnyValue> attributes = attributes(receiver.acceptedRecords().get(0));
        assertThat(string(attributes, "account.number")).isEqualTo("***");
        assertThat(string(attributes, "private.key")).isEqualTo("pk-1");
        assertThat(string(attributes, "id")).isEqualTo("ctx-1");
        assertThat(string(attributes, "data.id")).isEqualTo("***");
        assertThat(string(attributes(receiver.acceptedRecords().get(1)), "account.number")).isEqualTo("DE-0001");
    }

    /** With {@code timestamp-precision=micros} the record's time is the event's, to the microsecond, as its JSON line. */
    @Test
    void theRecordsTimeIsTheEventsTimeToTheMicrosecond() throws Exception {
        OtlpSink otlp = sink().build();
        InMemorySink lines = new InMemorySink("lines");
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .timestampPrecision(TimestampPrecision.MICROS).sink(otlp).sink(lines).start();
        Logger log = runtime.getLogger("orders.api");
        int events = 20;
        for (int i = 0; i < events; i++) {
            log.info("tick", "seq", i);
        }

        assertIdentity(runtime.stopAndDrain(Duration.ofSeconds(30)), events);

        Pattern timestamp = Pattern.compile("\"timestamp\":\"([^\"]+)\".*\"seq\":(\\d+)");
        Map<Long, Long> lineNanos = lines.lines().stream().map(timestamp::matcher).filter(Matcher::find)
                .collect(Collectors.toMap(m -> Long.parseLong(m.group(2)), m -> {
                    assertThat(m.group(1)).matches(".*\\.\\d{6}Z");
                    Instant instant = Instant.parse(m.group(1));
                    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
                }));
        Map<Long, Long> recordNanos = receiver.acceptedRecords().stream()
                .collect(Collectors.toMap(r -> attributes(r).get("seq").getIntValue(), LogRecord::getTimeUnixNano));
        assertThat(lineNanos).hasSize(events);
        assertThat(recordNanos).isEqualTo(lineNanos);
    }

    /**
     * A record keeps every field, as the JSON line does: a context and a data field of one name, a
     * flattened map and a dotted key, each under its own key (the later one under its section's name),
     * none counted as dropped; the message is cut at the string limit like any value; tags are an attribute.
     */
    @Test
    void clashingFieldsKeepTheirValuesTheMessageIsCutAndTagsArrive() throws Exception {
        OtlpSink otlp = sink().build();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false).sink(otlp).start();
        Logger log = runtime.getLogger("orders.api");
        log.bind("user", "ctx-user").info("x".repeat(3_000_000), "user", "data-user", "order", Map.of("id", 7), "order.id", 8);
        log.atInfo().tag("AUDIT_TRAIL").log("tagged");

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));

        assertIdentity(result, 2);
        LogRecord clashing = receiver.acceptedRecords().get(0);
        Map<String, AnyValue> attributes = attributes(clashing);
        assertThat(string(attributes, "user")).isEqualTo("ctx-user");
        assertThat(string(attributes, "data.user")).isEqualTo("data-user");
        assertThat(attributes.get("order.id").getIntValue()).isEqualTo(7);
        assertThat(attributes.get("data.order.id").getIntValue()).isEqualTo(8);
        assertThat(clashing.getDroppedAttributesCount()).isZero();
        assertThat(clashing.getBody().getStringValue()).hasSizeLessThan(EncodingLimits.DEFAULT.maxStringLength() + 32)
                .startsWith("xxxx").endsWith("(truncated)");
        LogRecord tagged = receiver.acceptedRecords().get(1);
        assertThat(attributes(tagged).get("tags").getArrayValue().getValuesList())
                .extracting(AnyValue::getStringValue).containsExactly("AUDIT_TRAIL");
    }

    /**
     * The names fapilog sets itself (the exception's, the tags, the thread's) hold the event's real
     * values: an event's field of that name (request data in an MDC entry or a key) is the one
     * renamed. Before, the field came first and took the name, and the real exception moved to
     * {@code event.exception.type}; and past 128 fields the exception and thread were the ones cut.
     */
    @Test
    void fapilogsOwnAttributesHoldTheRealValuesWhateverTheEventsFieldsAreNamed() throws Exception {
        Setup setup = start(sink().build(), 5);
        Logger log = setup.runtime().getLogger("orders.api");
        log.bind("thread.name", "FORGED-context").atError().cause(new IllegalStateException("db down")).tag("real-tag")
                .add("exception.type", "NotReally.Exception").add("exception.message", "all fine").add("tags", "forged")
                .log("payment failed");
        Object[] flood = new Object[2 * 200];
        for (int i = 0; i < 200; i++) {
            flood[2 * i] = "hdr_" + i;
            flood[2 * i + 1] = "v" + i;
        }
        log.error("flooded", new IllegalStateException("real exception"), flood);

        assertIdentity(setup.drain(), 2);
        Map<String, AnyValue> forged = attributes(receiver.acceptedRecords().get(0));
        assertThat(string(forged, "exception.type")).isEqualTo(IllegalStateException.class.getName());
        assertThat(string(forged, "exception.message")).isEqualTo("db down");
        assertThat(forged.get("tags").getArrayValue().getValuesList()).extracting(AnyValue::getStringValue).containsExactly("real-tag");
        assertThat(string(forged, "thread.name")).isEqualTo(Thread.currentThread().getName());
        assertThat(string(forged, "data.exception.type")).isEqualTo("NotReally.Exception");
        assertThat(string(forged, "data.exception.message")).isEqualTo("all fine");
        assertThat(string(forged, "data.tags")).isEqualTo("forged");
        assertThat(string(forged, "context.thread.name")).isEqualTo("FORGED-context");
        LogRecord flooded = receiver.acceptedRecords().get(1);
        Map<String, AnyValue> kept = attributes(flooded);
        assertThat(string(kept, "exception.message")).isEqualTo("real exception");
        assertThat(kept).containsKeys("exception.type", "exception.stacktrace", "thread.name");
        assertThat(flooded.getDroppedAttributesCount()).isEqualTo(4 + 200 - 128);
    }

    /** A string cut at the limit is never cut inside a surrogate pair (its half arrived as {@code ?}). */
    @Test
    void aCutStringKeepsWholeCharacters() throws Exception {
        Setup setup = start(sink().build(), 5);
        int max = EncodingLimits.DEFAULT.maxStringLength();
        setup.runtime().getLogger("orders.api").info("x".repeat(max - 1) + "\uD83D\uDE00 tail");

        assertIdentity(setup.drain(), 1);
        assertThat(receiver.acceptedRecords().get(0).getBody().getStringValue()).isEqualTo("x".repeat(max - 1) + "...(truncated)");
    }

    /**
     * A record keeps within the JSON line's budget (1 MiB here): an event of twenty lists of 256
     * strings of 8,192 three-byte characters (each list bounded, together 126 MB) exports its first
     * field, as much of the first list as fits and a count of the rest, and the small events of its
     * batch are written with it (before: one 126 MB request, which a collector's limit refused with the batch).
     */
    @Test
    void aRecordKeepsWithinTheLineBudgetSoThatOneHugeEventCannotTakeItsBatchDown() throws Exception {
        OtlpSink otlp = sink().build();
        Setup setup = start(otlp, 5);
        Logger log = setup.runtime().getLogger("orders.api");
        List<String> huge = java.util.Collections.nCopies(256, "中".repeat(8192));
        Object[] fields = new Object[42];
        fields[0] = "small";
        fields[1] = "first";
        for (int i = 1; i <= 20; i++) {
            fields[2 * i] = "list" + i;
            fields[2 * i + 1] = huge;
        }
        log.info("before");
        log.info("huge", fields);
        log.info("after");

        assertIdentity(setup.drain(), 3);
        List<LogRecord> records = receiver.acceptedRecords();
        assertThat(records).extracting(r -> r.getBody().getStringValue()).containsExactly("before", "huge", "after");
        Map<String, AnyValue> attributes = attributes(records.get(1));
        assertThat(string(attributes, "small")).isEqualTo("first");
        List<AnyValue> kept = attributes.get("list1").getArrayValue().getValuesList();
        assertThat(kept).hasSize(43); // 42 strings of 24 KiB in the 1 MiB, then the marker
        assertThat(kept.get(42).getStringValue()).isEqualTo("…[+214 more]");
        assertThat(attributes).doesNotContainKey("list2");
        assertThat(string(attributes, "…")).isEqualTo("…[+19 more]");
        // 22 attributes, of which small, list1 and the marker arrived
        assertThat(records.get(1).getDroppedAttributesCount()).isEqualTo(19);
        assertThat(records.get(1).getSerializedSize()).isLessThan(EncodingLimits.DEFAULT.maxLineBytes() + 64 * 1024);
        assertThat(setup.resilient().fallbackEventCount()).isZero();
    }

    /**
     * A batch of large events is sent in requests of at most about 4 MiB: one request of 55 MB, which a
     * collector refuses whole (its default limit is 20 MiB), sent every event of the batch to the fallback.
     */
    @Test
    void aBatchOfLargeEventsIsSentInRequestsACollectorTakes() throws Exception {
        Setup setup = start(sink().build(), 5);
        Logger log = setup.runtime().getLogger("orders.api");
        List<String> large = java.util.Collections.nCopies(100, "x".repeat(8192)); // about 800 KiB an event
        int events = 30;
        for (int i = 0; i < events; i++) {
            log.info("large", "seq", i, "lines", large);
        }

        assertIdentity(setup.drain(), events);
        assertEverySequenceNumberOnce(events);
        assertThat(receiver.statuses()).hasSizeGreaterThanOrEqualTo(6).allMatch(status -> status == 200);
        assertThat(receiver.requestSizes()).allMatch(bytes -> bytes <= OtlpSink.REQUEST_BYTES + 1024 * 1024);
        assertThat(setup.resilient().fallbackEventCount()).isZero();
    }

    /** A request of a batch the collector refuses sends its events and those after it to the fallback, once; those before were written. */
    @Test
    void aRefusedRequestOfABatchSendsOnlyItsEventsAndLaterOnesToTheFallback() throws Exception {
        receiver.script(request -> request == 2 ? OtlpReceiver.Answer.status(400) : OtlpReceiver.Answer.OK);
        Setup setup = start(sink().build(), 5);
        Logger log = setup.runtime().getLogger("orders.api");
        List<String> large = java.util.Collections.nCopies(100, "x".repeat(8192));
        int events = 12;
        for (int i = 0; i < events; i++) {
            log.info("large", "seq", i, "lines", large);
        }

        assertIdentity(setup.drain(), events);
        long written = setup.otlp().acknowledgedEvents();
        assertThat(written).isPositive().isLessThan(events);
        assertThat(receiver.acceptedRecords()).hasSize((int) written);
        assertThat(setup.resilient().fallbackEventCount()).isEqualTo(events - written);
        assertThat(receiver.statuses()).filteredOn(status -> status == 400).hasSize(1);
    }

    /** Outside Spring, the OpenTelemetry span current at the call gives the record its ids once its provider is registered. */
    @Test
    void theCurrentOpenTelemetrySpanGivesTheRecordItsIds() throws Exception {
        Setup setup = start(sink().build(), 5);
        setup.runtime().addContextProvider(OpenTelemetrySpans.CURRENT);
        io.opentelemetry.api.trace.Span span = io.opentelemetry.api.trace.Span.wrap(io.opentelemetry.api.trace.SpanContext.create(
                TRACE_ID, SPAN_ID, io.opentelemetry.api.trace.TraceFlags.getSampled(), io.opentelemetry.api.trace.TraceState.getDefault()));
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            setup.logger("orders.api").info("in the span");
        }
        setup.logger("orders.api").info("after it");

        assertIdentity(setup.drain(), 2);
        List<LogRecord> records = receiver.acceptedRecords();
        assertThat(HexFormat.of().formatHex(records.get(0).getTraceId().toByteArray())).isEqualTo(TRACE_ID);
        assertThat(HexFormat.of().formatHex(records.get(0).getSpanId().toByteArray())).isEqualTo(SPAN_ID);
        assertThat(records.get(1).getTraceId().isEmpty()).isTrue();
    }

    /** Values whose JSON is a string arrive as that string, floats as the decimal they print as, bytes as base64 text. */
    @Test
    void valuesArriveAsTheirTextNotTheirJson() throws Exception {
        Setup setup = start(sink().build(), 5);
        java.util.UUID id = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        setup.logger("orders.api").info("typed", "uuid", id, "instant", java.time.Instant.parse("2024-01-02T03:04:05Z"),
                "ratio", 0.1f, "ratios", List.of(0.1f, 0.25f), "bytes", new byte[] {(byte) 0xff, 1}, "order", Map.of("id", 7));

        assertIdentity(setup.drain(), 1);
        Map<String, AnyValue> attributes = attributes(receiver.acceptedRecords().get(0));
        assertThat(string(attributes, "uuid")).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(string(attributes, "instant")).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(attributes.get("ratio").getDoubleValue()).isEqualTo(0.1);
        assertThat(attributes.get("ratios").getArrayValue().getValuesList()).extracting(AnyValue::getDoubleValue)
                .containsExactly(0.1, 0.25);
        assertThat(string(attributes, "bytes")).isEqualTo(java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 1}));
        assertThat(attributes.get("order.id").getIntValue()).isEqualTo(7);
    }

    /** The stack trace is printed with the messages redaction checked, not getLocalizedMessage(), which may say more. */
    @Test
    void theStackTraceShowsTheRedactedMessagesOnly() throws Exception {
        OtlpSink otlp = sink().build();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .redaction(new RedactionSettings(Set.of("credentials"), Set.of(), List.of(), true, false))
                .sink(otlp).start();
        IllegalStateException localized = new IllegalStateException("login failed") {
            @Override
            public String getLocalizedMessage() {
                return "login failed for password=hunter2";
            }
        };
        runtime.getLogger("orders.api").error("Sign-in failed", new RuntimeException("wrapped", localized));

        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));

        assertIdentity(result, 1);
        String trace = string(attributes(receiver.acceptedRecords().get(0)), "exception.stacktrace");
        assertThat(trace).startsWith("java.lang.RuntimeException: wrapped\n\tat ")
                .contains("Caused by: ").contains(": login failed\n").doesNotContain("hunter2");
    }

    /** A redacted copy of an exception is exported under the original's type; a message that throws costs nothing. */
    @Test
    void exceptionsAreExportedUnderTheirOwnTypeEvenWhenRedactedOrBroken() throws Exception {
        OtlpSink otlp = sink().build();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .redaction(new RedactionSettings(Set.of("credentials"), Set.of(), List.of(), true, false))
                .sink(otlp).start();
        IllegalStateException broken = new IllegalStateException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("boom");
            }
        };
        runtime.getLogger("orders.api").error("Login failed", new IllegalStateException("password=hunter2"));
        assertIdentity(runtime.stopAndDrain(Duration.ofSeconds(30)), 1);
        FapilogRuntime unredacted = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .sink(sink().build()).start();
        unredacted.getLogger("orders.api").error("Broken", broken);
        assertIdentity(unredacted.stopAndDrain(Duration.ofSeconds(30)), 1);

        Map<String, AnyValue> redacted = attributes(receiver.acceptedRecords().get(0));
        assertThat(string(redacted, "exception.type")).isEqualTo("java.lang.IllegalStateException");
        assertThat(string(redacted, "exception.message")).isEqualTo("password=***");
        Map<String, AnyValue> unreadable = attributes(receiver.acceptedRecords().get(1));
        assertThat(string(unreadable, "exception.message")).isEqualTo("[message unavailable: java.lang.UnsupportedOperationException]");
        assertThat(string(unreadable, "exception.type")).isEqualTo(broken.getClass().getName());
    }

    @Test
    void theExportersOwnLogsAreNeverExported() throws Exception {
        Setup setup = start(sink().build(), 5);
        setup.logger("io.opentelemetry.exporter.internal.http.HttpExporter").warn("Failed to export logs", "seq", 0);
        setup.logger("okhttp3.OkHttpClient").warn("A connection leaked", "seq", 1);
        setup.logger("orders.api").info("kept", "seq", 2);

        DrainResult result = setup.drain();

        assertIdentity(result, 3);
        assertThat(receiver.acceptedRecords()).extracting(r -> r.getBody().getStringValue()).containsExactly("kept");
        assertThat(setup.otlp.excludedEvents()).isEqualTo(2);
        assertThat(setup.otlp.clientLoggers()).as("nor do they wait for room in the queue")
                .containsExactly("io.opentelemetry.", "okhttp3.", "okio.");
    }

    @Test
    void buildsTheGrpcExporterForTheGrpcProtocol() throws Exception {
        OtlpSink otlp = OtlpSink.builder().protocol(OtlpProtocol.GRPC).endpoint("http://127.0.0.1:4317").build();
        try {
            assertThat(otlp.exporter()).isInstanceOf(OtlpGrpcLogRecordExporter.class);
            assertThat(otlp.exporter().toString()).contains("endpoint=http://127.0.0.1:4317");
        } finally {
            otlp.close();
        }
        assertThat(OtlpProtocol.parse("HTTP_PROTOBUF")).isEqualTo(OtlpProtocol.HTTP_PROTOBUF);
        assertThat(OtlpProtocol.parse("grpc")).isEqualTo(OtlpProtocol.GRPC);
    }
}
