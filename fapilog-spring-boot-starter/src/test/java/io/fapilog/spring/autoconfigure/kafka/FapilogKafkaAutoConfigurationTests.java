package io.fapilog.spring.autoconfigure.kafka;

import io.fapilog.config.CustomSink;
import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.kafka.KafkaSink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.InvalidProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class FapilogKafkaAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogKafkaAutoConfiguration.class))
            .withPropertyValues("fapilog.preset=minimal", "fapilog.sinks=in-memory", "fapilog.bridge.slf4j=false",
                    "fapilog.batch.timeout=20ms");

    private static final ch.qos.logback.classic.Logger KAFKA_LOGS =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka");
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream fallback = new ByteArrayOutputStream();

    @BeforeEach
    void quiet() {
        // The producer reports the missing broker through SLF4J; the engine's fallback writes to stderr.
        KAFKA_LOGS.setLevel(ch.qos.logback.classic.Level.OFF);
        // A subclass: a plain PrintStream in place when fapilog's stream sinks load is taken for the JVM's own.
        System.setErr(new PrintStream(fallback, true, StandardCharsets.UTF_8) { });
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        KAFKA_LOGS.setLevel(null);
        Fapilog.setDefaultRuntime(null);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void backsOffUnlessEnabled() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(KafkaSink.class);
            assertThat(context.getBean(FapilogRuntime.class).config().customSinks()).isEmpty();
        });
    }

    @Test
    void aMissingBrokerNeitherFailsNorBlocksStartUpAndItsEventsAreCounted() throws Exception {
        runner.withPropertyValues("fapilog.kafka.enabled=true", "spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(),
                        "fapilog.kafka.topic=app-logs", "fapilog.kafka.key=service", "fapilog.kafka.max-block=100ms",
                        "fapilog.kafka.delivery-timeout=1s", "fapilog.kafka.properties.reconnect.backoff.max.ms=100")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    KafkaSink sink = context.getBean(KafkaSink.class);
                    FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
                    assertThat(sink.topic()).isEqualTo("app-logs");
                                        assertThat(runtime.config().customSinks()).containsExactly(new CustomSink(sink, sink.encoder()));

                    for (int i = 0; i < 50; i++) {
                        runtime.getLogger("orders.api").info("Order placed", "seq", i);
                    }
                    DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));

                    assertThat(result.processed()).isEqualTo(50);
                    assertThat(sink.acknowledgedEvents()).isZero();
                    assertThat(sink.failedEvents()).isEqualTo(50);
                    assertThat(fallback.toString(StandardCharsets.UTF_8).lines()
                            .filter(line -> line.contains("\"message\":\"Order placed\""))).hasSize(50);
                });
    }

    /**
     * A broker name that does not resolve yet (a Kubernetes service created after the application)
     * does not stop the start, which it did: the sink says so on standard error and makes its
     * producer as it writes; its events go to the fallback meanwhile.
     */
    @Test
    void aBrokerNameThatDoesNotResolveYetDoesNotStopTheStart() {
        runner.withPropertyValues("fapilog.kafka.enabled=true", "fapilog.kafka.bootstrap-servers=kafka.invalid:9092")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KafkaSink.class);
                    assertThat(fallback.toString(StandardCharsets.UTF_8)).contains("fapilog: Kafka sink 'kafka': no broker name in "
                            + "fapilog.kafka.bootstrap-servers=kafka.invalid:9092 resolves (yet)");
                });
    }

    /** The records' lines are the application's: Boot's ECS format, its added member, microsecond timestamps. */
    @Test
    void recordsAreWrittenInTheLayoutTheApplicationResolvedTo() throws Exception {
        runner.withPropertyValues("fapilog.kafka.enabled=true", "spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(),
                        "fapilog.kafka.max-block=100ms", "fapilog.kafka.delivery-timeout=1s",
                        "fapilog.kafka.properties.reconnect.backoff.max.ms=100",
                        "logging.structured.format.console=ecs", "logging.structured.json.add.team=payments",
                        "fapilog.timestamp-precision=micros")
                .run(context -> {
                    FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
                    assertThat(runtime.config().format()).isEqualTo(io.fapilog.config.Format.ECS);
                    runtime.getLogger("orders.api").info("Order placed", "seq", 1);
                    runtime.stopAndDrain(Duration.ofSeconds(30));

                    String line = fallback.toString(StandardCharsets.UTF_8).lines()
                            .filter(l -> l.contains("Order placed")).findFirst().orElseThrow();
                    tools.jackson.databind.JsonNode event = tools.jackson.databind.json.JsonMapper.builder().build().readTree(line);
                    assertThat(event.has("@timestamp")).as("ECS: " + line).isTrue();
                    assertThat(event.get("@timestamp").asString()).matches(".*\\.\\d{6}Z");
                    assertThat(event.get("team").asString()).isEqualTo("payments");
                });
    }

    private static final String APPLICATION_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"orders\" password=\"orders-secret\";";
    private static final String LOGS_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"logs\" password=\"logs-secret\";";

    /** The producer configuration the sink is built with, as the last customizer sees it. */
    private static ApplicationContextRunner capturing(ApplicationContextRunner runner, AtomicReference<Map<String, Object>> config) {
        return runner.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SslAutoConfiguration.class))
                .withBean(KafkaSinkBuilderCustomizer.class, () -> builder -> config.set(builder.producerConfig()));
    }

    /**
     * An application on a secured cluster turns the sink on and its logs reach that cluster as its own
     * records do: the sink takes the brokers and security settings Spring Boot resolved for the
     * application's producer (its producer's own brokers winning over {@code spring.kafka.bootstrap-servers}),
     * nothing of how the application's records are made, and {@code fapilog.kafka.properties} win.
     * Before, it took only {@code spring.kafka.bootstrap-servers}: on a SASL cluster every event went to the fallback.
     */
    @Test
    void onTheApplicationsClusterTheSinkConnectsAsTheApplicationsProducerDoes() throws Exception {
        AtomicReference<Map<String, Object>> config = new AtomicReference<>();
        int clusterPort = closedPort();
        int producerPort = closedPort();
        capturing(runner, config).withPropertyValues("fapilog.kafka.enabled=true", "fapilog.kafka.max-block=100ms",
                        "spring.kafka.bootstrap-servers=127.0.0.1:" + clusterPort,
                        "spring.kafka.producer.bootstrap-servers=127.0.0.1:" + producerPort,
                        "spring.kafka.security.protocol=SASL_PLAINTEXT",
                        "spring.kafka.properties.sasl.mechanism=PLAIN",
                        "spring.kafka.properties[sasl.jaas.config]=" + APPLICATION_JAAS,
                        "spring.kafka.producer.acks=1", "spring.kafka.producer.batch-size=1KB",
                        "spring.kafka.producer.properties.enable.idempotence=false",
                        "fapilog.kafka.properties[sasl.jaas.config]=" + LOGS_JAAS)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KafkaSink.class);
                    Map<String, Object> producer = config.get();
                    assertThat(producer).containsEntry("bootstrap.servers", "127.0.0.1:" + producerPort)
                            .containsEntry("security.protocol", "SASL_PLAINTEXT")
                            .containsEntry("sasl.mechanism", "PLAIN")
                            .containsEntry("sasl.jaas.config", LOGS_JAAS)
                            .containsEntry("acks", "all")
                            .containsEntry("enable.idempotence", true)
                            .containsEntry("value.serializer", ByteArraySerializer.class)
                            .doesNotContainKey("batch.size");
                });
    }

    /** The application's SSL bundle ({@code spring.kafka.ssl.bundle}) is the sink's too. */
    @Test
    void theApplicationsSslBundleIsTheSinksToo() throws Exception {
        AtomicReference<Map<String, Object>> config = new AtomicReference<>();
        capturing(runner, config).withPropertyValues("fapilog.kafka.enabled=true", "fapilog.kafka.max-block=100ms",
                        "spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(), "spring.kafka.security.protocol=SSL",
                        "spring.ssl.bundle.pem.cluster.truststore.certificate=classpath:kafka-test-ca.pem",
                        "spring.kafka.ssl.bundle=cluster")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Map<String, Object> producer = config.get();
                    assertThat(producer).containsEntry("security.protocol", "SSL")
                            .containsEntry("ssl.engine.factory.class",
                                    org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory.class)
                            .containsEntry(org.springframework.boot.ssl.SslBundle.class.getName(),
                                    context.getBean(org.springframework.boot.ssl.SslBundles.class).getBundle("cluster"));
                });
    }

    /** Brokers of the sink's own are another cluster: nothing of the application's connection is taken. */
    @Test
    void brokersOfItsOwnTakeNothingOfTheApplicationsConnection() throws Exception {
        AtomicReference<Map<String, Object>> config = new AtomicReference<>();
        int logsPort = closedPort();
        capturing(runner, config).withPropertyValues("fapilog.kafka.enabled=true", "fapilog.kafka.max-block=100ms",
                        "fapilog.kafka.bootstrap-servers=127.0.0.1:" + logsPort,
                        "spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(),
                        "spring.kafka.security.protocol=SASL_PLAINTEXT", "spring.kafka.properties.sasl.mechanism=PLAIN",
                        "spring.kafka.properties[sasl.jaas.config]=" + APPLICATION_JAAS)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(config.get()).containsEntry("bootstrap.servers", "127.0.0.1:" + logsPort)
                            .doesNotContainKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
                });
    }

    /** A bad value fails start-up naming the property and what it takes, not with the client library's message (or not at all). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}={1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "compression|brotli|one of none, gzip, snappy, lz4, zstd",
            "topic|bad topic!|a Kafka topic name",
            "topic||a Kafka topic name",
            "delivery-timeout|0s|a duration longer than zero, at most 1 day",
            "delivery-timeout|30d|a duration longer than zero, at most 1 day",
            "delivery-timeout|1ms|longer than fapilog.kafka.linger",
            "max-block|-1s|a duration of zero or more",
            "properties.batch.size|abc|a value of type int, [0,...]",
            "properties.acks|some|all (the sink counts an event written once every in-sync replica has it)",
            "properties.max.in.flight.requests.per.connection|0|a value of type int, [1,...]",
            "properties.linger.ms|50|not set here: the sink's setting linger (fapilog.kafka.linger) sets it",
            "properties.delivery.timeout.ms|120000|not set here: the sink's setting deliveryTimeout",
            "properties.request.timeout.ms|60000|at most the delivery timeout less linger (29995 ms)",
            "bootstrap-servers|localhost|host:port pairs separated by commas"})
    void aBadValueFailsStartUpNamingTheProperty(String property, String value, String allowed) {
        InvalidProperties.assertStartUpFails(runner.withPropertyValues("fapilog.kafka.enabled=true"), "fapilog.kafka." + property, value, allowed);
    }
}
