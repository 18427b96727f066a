package io.fapilog.kafka;

import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.config.EncodingLimits;
import io.fapilog.internal.sinks.ResilientSink;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.SinkWriteException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSinkTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.shared();
    }

    /** The shutdown timeout, and what {@link Setup#drain()} waits: a remote sink gets a quarter of it before its batches go to the fallback. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

    /** The sink wrapped as the engine wraps it, with a fallback the test can read. */
    record Setup(KafkaSink kafka, ResilientSink resilient, InMemorySink fallback, FapilogRuntime runtime) {

        static Setup start(KafkaSink kafka, int failureThreshold) {
            return start(kafka, failureThreshold, DRAIN_TIMEOUT);
        }

        static Setup start(KafkaSink kafka, int failureThreshold, Duration shutdownTimeout) {
            return start(kafka, new CircuitBreakerSettings(2, Duration.ofMillis(1), failureThreshold, Duration.ofSeconds(30), true),
                    shutdownTimeout);
        }

        static Setup start(KafkaSink kafka, CircuitBreakerSettings breaker, Duration shutdownTimeout) {
            InMemorySink fallback = new InMemorySink("fallback");
            ResilientSink resilient = ResilientSink.builder(kafka).settings(breaker).fallback(fallback).build();
            FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                    .runtimeEnricher(true).service("orders", "test", "1.0.0")
                    .queueCapacity(20_000).batchMaxSize(200).batchTimeout(Duration.ofMillis(20))
                    .shutdownTimeout(shutdownTimeout).sink(resilient, kafka.encoder()).start();
            return new Setup(kafka, resilient, fallback, runtime);
        }

        DrainResult drain() {
            return runtime.stopAndDrain(DRAIN_TIMEOUT);
        }
    }

    static void assertIdentity(DrainResult result, int events) {
        assertThat(result.submitted()).isEqualTo(events);
        assertThat(result.submitted()).isEqualTo(result.processed() + result.dropped() + result.filtered());
        assertThat(result.processed()).isEqualTo(events);
    }

    /** A producer property the producer would refuse fails the build naming it, before any producer exists. */
    @Test
    void aBadProducerPropertyFailsTheBuildNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KafkaSink.builder().bootstrapServers("127.0.0.1:9")
                        .property("batch.size", "abc").build())
                .isInstanceOfSatisfying(io.fapilog.config.InvalidSettingException.class, e -> {
                    assertThat(e.property()).isEqualTo("batch.size");
                    assertThat(e.value()).isEqualTo("abc");
                    assertThat(e.allowed()).isEqualTo("a value of type int, [0,...]");
                });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KafkaSink.builder().bootstrapServers("127.0.0.1:9")
                        .property("max.in.flight.requests.per.connection", "0").build())
                .isInstanceOfSatisfying(io.fapilog.config.InvalidSettingException.class,
                        e -> assertThat(e.property()).isEqualTo("max.in.flight.requests.per.connection"));
    }

    /**
     * Settings the sink fixes for its accounting, and those the idempotent producer refuses, fail the
     * build naming them: acks=1 was overridden without a word, a transactional.id sent every event to
     * the fallback, retries=0 failed deep in the producer's constructor.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}={1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "acks|1|all (the sink counts",
            "enable.idempotence|false|true (the sink's retries",
            "transactional.id|tx-1|unset (the sink sends outside transactions",
            "transactional.id|unset|unset (the sink sends outside transactions",
            "key.serializer|org.apache.kafka.common.serialization.StringSerializer|unset or org.apache.kafka.common.serialization.ByteArraySerializer",
            "retries|0|at least 1, as the idempotent producer requires",
            "max.in.flight.requests.per.connection|10|at most 5, as the idempotent producer requires"})
    void aSettingTheSinkFixesOrTheIdempotentProducerRefusesFailsTheBuild(String property, String value, String allowed) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KafkaSink.builder().bootstrapServers("127.0.0.1:9")
                        .property(property, value).build())
                .isInstanceOfSatisfying(io.fapilog.config.InvalidSettingException.class, e -> {
                    assertThat(e.property()).isEqualTo(property);
                    assertThat(e.allowed()).startsWith(allowed);
                });
    }

    @Test
    void aCompressionTheProducerDoesNotKnowFailsNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KafkaSink.builder().compression("brotli"))
                .isInstanceOfSatisfying(io.fapilog.config.InvalidSettingException.class, e -> {
                    assertThat(e.property()).isEqualTo("compression");
                    assertThat(e.allowed()).isEqualTo("one of none, gzip, snappy, lz4, zstd");
                });
    }

    @Test
    void theValuesTheSinkFixesAreTakenWhenGivenAsIs() throws Exception {
        KafkaSink.Builder builder = KafkaSink.builder().bootstrapServers("127.0.0.1:9").property("acks", "-1")
                .property("enable.idempotence", "true")
                .property("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        builder.build().close();
        assertThat(builder.producerConfig()).containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }

    @Test
    void everyEventArrivesOnceAndEventsOfOneKeyStayInOrderInOnePartition() throws Exception {
        String topic = "orders-logs";
        broker.createTopic(topic, 3);
        KafkaSink kafka = KafkaSink.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
                .key("trace_id").build();
        Setup setup = Setup.start(kafka, 5);
        Logger log = setup.runtime.getLogger("orders.api");
        int threads = 4;
        int perThread = 1_000;
        Thread[] producers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int first = t * perThread;
            Logger traced = log.bind("trace_id", "trace-" + t);
            producers[t] = new Thread(() -> {
                for (int i = first; i < first + perThread; i++) {
                    traced.info("Processing item", "seq", i);
                }
            });
            producers[t].start();
        }
        int untraced = 200;
        for (int i = 0; i < untraced; i++) {
            log.info("No trace", "seq", threads * perThread + i);
        }
        for (Thread producer : producers) {
            producer.join();
        }
        setup.runtime.getLogger("org.apache.kafka.clients.NetworkClient").warn("Kafka's own log line", "seq", -1);
        int events = threads * perThread + untraced;

        DrainResult result = setup.drain();

        assertIdentity(result, events + 1);
        assertThat(kafka.acknowledgedEvents()).isEqualTo(events);
        assertThat(kafka.excludedEvents()).isEqualTo(1);
        assertThat(kafka.clientLoggers()).as("nor do they wait for room in the queue").containsExactly("org.apache.kafka.");
        assertThat(setup.fallback.size()).isZero();
        assertThat(setup.resilient.errorCount()).isZero();

        List<TopicReader.Consumed> consumed = TopicReader.read(broker.bootstrapServers(), topic, events);
        List<Long> seqs = consumed.stream().map(TopicReader.Consumed::seq).sorted().toList();
        assertThat(seqs).hasSize(events).doesNotHaveDuplicates();
        assertThat(seqs.get(0)).isZero();
        assertThat(seqs.get(events - 1)).isEqualTo(events - 1);

        Map<String, List<TopicReader.Consumed>> byKey = consumed.stream().filter(c -> c.key() != null)
                .collect(Collectors.groupingBy(TopicReader.Consumed::key));
        assertThat(byKey).hasSize(threads);
        byKey.forEach((key, records) -> {
            assertThat(records).hasSize(perThread);
            assertThat(records).allSatisfy(c -> assertThat(c.event().get("context").get("trace_id").asString()).isEqualTo(key));
            assertThat(records.stream().map(TopicReader.Consumed::partition).distinct()).hasSize(1);
            List<Long> inOffsetOrder = records.stream().sorted(Comparator.comparingLong(TopicReader.Consumed::offset))
                    .map(TopicReader.Consumed::seq).toList();
            assertThat(inOffsetOrder).isSorted();
        });
        assertThat(consumed.stream().filter(c -> c.key() == null)).hasSize(untraced);
        // the record's time is the event's, not the send's
        assertThat(consumed).allSatisfy(c -> assertThat(c.timestamp())
                .isEqualTo(java.time.Instant.parse(c.event().get("timestamp").asString()).toEpochMilli()));
        assertThat(consumed.get(0).event().get("diagnostics").get("service").asString()).isEqualTo("orders");
    }

    /** The key field is looked up in fapilog's own fields first: a request's field of that name picked the partition. */
    @Test
    void theKeyIsFapilogsOwnFieldWhenTheEventHasOneOfTheSameName() throws Exception {
        TopicReader.Consumed forged = sentBetweenTwo("service-keyed", KafkaSink.builder().key("service"),
                log -> log.info("Forged", "seq", 1, "service", "FORGED-svc"));
        assertThat(forged.key()).isEqualTo("orders");
    }

    @Test
    void aHugeEventArrivesCutWithinTheProducersRequestSizeRatherThanNotAtAll() throws Exception {
        // 300 strings of 8,000 control characters, each escaped to 6 bytes: 14 MB of JSON before any cut
        List<String> rows = java.util.Collections.nCopies(300, "\u0001".repeat(8_000));
        String hugeKey = "t".repeat(5_000);
        TopicReader.Consumed huge = sentBetweenTwo("huge-logs", KafkaSink.builder().key("tenant"),
                log -> log.info("Export", "seq", 1, "tenant", hugeKey, "rows", rows));
        assertThat(huge.key()).hasSize(KafkaEncoder.MAX_KEY_CHARS);
        assertThat(huge.valueBytes()).isGreaterThan(KafkaSink.recordLimits(EncodingLimits.DEFAULT, Map.of()).maxLineBytes())
                .isLessThan(1024 * 1024 - 3 * KafkaEncoder.MAX_KEY_CHARS);
        assertThat(huge.event().get("message").asString()).isEqualTo("Export");
        assertThat(huge.event().get("data").get("rows").size()).as("cut, with the marker last").isBetween(2, 300);
    }

    @Test
    void noBrokerAtStartUpBlocksNeitherStartUpNorCallersAndEveryEventIsCounted() throws Exception {
        int closedPort = KafkaBroker.freePort();
        KafkaSink kafka = KafkaSink.builder().bootstrapServers("127.0.0.1:" + closedPort).topic("nowhere")
                .maxBlock(Duration.ofMillis(200)).deliveryTimeout(Duration.ofSeconds(1))
                .property(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200).build();
        Setup setup = Setup.start(kafka, 1_000);
        Logger log = setup.runtime.getLogger("orders.api");
        int events = 1_000;
        for (int i = 0; i < events; i++) {
            log.info("Processing item", "seq", i);
        }

        DrainResult result = setup.drain();

        assertIdentity(result, events);
        assertThat(kafka.acknowledgedEvents()).isZero();
        assertThat(kafka.failedEvents()).isEqualTo(events);
        assertThat(setup.resilient.fallbackEventCount()).isEqualTo(events);
        assertThat(setup.resilient.droppedEventCount()).isZero();
        assertThat(setup.resilient.health().lastError()).as("says why, with Kafka's own error")
                .contains("not acknowledged by Kafka: org.apache.kafka.common.errors.TimeoutException")
                .contains("(no broker answered at fapilog.kafka.bootstrap-servers=127.0.0.1:" + closedPort
                        + ", or topic 'nowhere' does not exist and the brokers do not create topics)");
        assertThat(setup.fallback.lines()).hasSize(events)
                .allSatisfy(line -> assertThat(line).contains("\"message\":\"Processing item\""));
    }

    /**
     * A broker name that does not resolve yet (a service created after the application) neither stops
     * the start nor loses an event: the writes fail, naming the setting, their events go to the
     * fallback, and the sink makes its producer once the name resolves. Before, the build threw and
     * the application did not start.
     */
    @Test
    void aBrokerNameThatDoesNotResolveYetNeitherStopsTheStartNorLosesEvents() throws Exception {
        KafkaSink unresolved = KafkaSink.builder().bootstrapServers("kafka.invalid:9092").topic("logs").build();
        Setup setup = Setup.start(unresolved, 1_000);
        Logger log = setup.runtime.getLogger("orders.api");
        for (int i = 0; i < 10; i++) {
            log.info("Processing item", "seq", i);
        }

        DrainResult result = setup.drain();

        assertIdentity(result, 10);
        assertThat(setup.fallback.lines()).hasSize(10);
        assertThat(setup.resilient.health().lastError())
                .contains("no broker name in fapilog.kafka.bootstrap-servers=kafka.invalid:9092 resolves (yet)");
    }

    @Test
    void theSinkMakesItsProducerOnceABrokerNameResolves() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        AtomicInteger attempts = new AtomicInteger();
        KafkaSink kafka = KafkaSink.builder().topic("logs").build(() -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new KafkaException("Failed to construct kafka producer",
                        new ConfigException("No resolvable bootstrap urls given in bootstrap.servers"));
            }
            return producer;
        });

        assertThatThrownBy(() -> kafka.write(batchOf("first"))).isInstanceOf(SinkWriteException.class)
                .hasMessageContaining("resolves (yet): No resolvable bootstrap urls");
        kafka.write(batchOf("second"));
        kafka.close();

        assertThat(attempts).hasValue(3); // at the build, then at each write until one is made
        assertThat(producer.history()).hasSize(1);
        assertThat(new String(producer.history().get(0).value(), java.nio.charset.StandardCharsets.UTF_8)).contains("second");
        assertThat(producer.closed()).isTrue();
    }

    /**
     * A producer made at a later write is made on one of fapilog's threads, whose context class loader
     * is fapilog's: Kafka loads class-typed settings (a partitioner, an interceptor) through the one the
     * sink was built with, the application's.
     */
    @Test
    void aProducerMadeLaterSeesTheClassLoaderTheSinkWasBuiltWith() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        ClassLoader application = new java.net.URLClassLoader(new java.net.URL[0], getClass().getClassLoader());
        java.util.concurrent.atomic.AtomicReference<ClassLoader> seen = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger attempts = new AtomicInteger();
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        current.setContextClassLoader(application);
        KafkaSink kafka;
        try {
            kafka = KafkaSink.builder().topic("logs").build(() -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new KafkaException("Failed to construct kafka producer",
                            new ConfigException("No resolvable bootstrap urls given in bootstrap.servers"));
                }
                seen.set(Thread.currentThread().getContextClassLoader());
                return producer;
            });
        } finally {
            current.setContextClassLoader(before);
        }

        kafka.write(batchOf("later")); // on this thread, whose context class loader is another
        kafka.close();

        assertThat(seen.get()).isSameAs(application);
        assertThat(current.getContextClassLoader()).isSameAs(before);
        assertThat(producer.history()).hasSize(1);
    }

    /** One event's line and record, as the sink's own encoder makes them. */
    private static io.fapilog.spi.EncodedBatch batchOf(String message) {
        io.fapilog.spi.EncodedBatch batch = new io.fapilog.spi.EncodedBatch();
        byte[] line = ("{\"message\":\"" + message + "\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        batch.append(line, 0, line.length);
        batch.endEvent(null);
        return batch;
    }

    @Test
    void theLimitsLeaveRoomForOneEscapedStringUnderTheProducersRequestSize() {
        assertLimits(EncodingLimits.DEFAULT, Map.of(), 8192, 1024 * 1024 - KafkaSink.RECORD_OVERHEAD - 6 * 8192);
        assertLimits(EncodingLimits.DEFAULT, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "4194304"), 8192,
                EncodingLimits.DEFAULT.maxLineBytes());
        // A small request size: half of it for the line, the strings cut to fit beside it.
        assertLimits(EncodingLimits.DEFAULT, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 65_536), 4778, 28_672);
        assertLimits(EncodingLimits.DEFAULT, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32_768), 1365,
                EncodingLimits.MIN_LINE_BYTES);
        // Long strings configured: cut for Kafka so that one still fits beside half a request.
        assertLimits(new EncodingLimits(200_000, 256, 16, 64), Map.of(), 86_698, 520_192);
    }

    private static void assertLimits(EncodingLimits limits, Map<String, Object> producerConfig, int maxStringLength,
                                     int maxLineBytes) {
        EncodingLimits forRecords = KafkaSink.recordLimits(limits, producerConfig);
        assertThat(forRecords.maxStringLength()).isEqualTo(maxStringLength);
        assertThat(forRecords.maxLineBytes()).isEqualTo(maxLineBytes);
        Object configured = producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        int maxRequest = configured == null ? 1024 * 1024 : Integer.parseInt(configured.toString());
        assertThat((long) forRecords.maxLineBytes() + 6L * forRecords.maxStringLength() + KafkaSink.RECORD_OVERHEAD)
                .isLessThanOrEqualTo(maxRequest);
    }

    @Test
    void anEventOfControlCharactersFitsASmallRequestSize() throws Exception {
        TopicReader.Consumed controls = sentBetweenTwo("small-requests",
                KafkaSink.builder().property(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32_768),
                log -> log.info("Control characters", "seq", 1, "raw", "\u0001".repeat(8_192)));  // 49 KB of JSON uncut
        assertThat(controls.valueBytes()).isLessThanOrEqualTo(32_768);
    }

    /**
     * Logs an event between two small ones through a sink built from {@code sink} on a new topic,
     * checks all three were acknowledged and none refused, and returns the middle one as consumed.
     */
    private TopicReader.Consumed sentBetweenTwo(String topic, KafkaSink.Builder sink, java.util.function.Consumer<Logger> middle)
            throws Exception {
        broker.createTopic(topic, 1);
        KafkaSink kafka = sink.bootstrapServers(broker.bootstrapServers()).topic(topic).build();
        Setup setup = Setup.start(kafka, 5);
        Logger log = setup.runtime.getLogger("orders.api");
        log.info("Before", "seq", 0);
        middle.accept(log);
        log.info("After", "seq", 2);
        DrainResult result = setup.drain();

        assertIdentity(result, 3);
        assertThat(kafka.acknowledgedEvents()).isEqualTo(3);
        assertThat(setup.fallback.size()).as("nothing refused by the producer").isZero();
        List<TopicReader.Consumed> consumed = TopicReader.read(broker.bootstrapServers(), topic, 3);
        assertThat(consumed).extracting(TopicReader.Consumed::seq).containsExactly(0L, 1L, 2L);
        return consumed.get(1);
    }

    @Test
    void theProducerIsConfiguredForAcknowledgedWrites() {
        Map<String, Object> config = KafkaSink.builder().bootstrapServers("b:9092")
                .property(ProducerConfig.BATCH_SIZE_CONFIG, 65_536)
                .producerConfig();

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65_536)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092");
    }
}
