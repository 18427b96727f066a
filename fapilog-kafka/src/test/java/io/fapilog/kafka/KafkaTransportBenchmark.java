package io.fapilog.kafka;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Events per second acknowledged end to end into a real local KRaft broker: the caller logs a burst
 * of {@value #BURST} events, and an operation ends when a consumer has read every one of them back
 * from the topic, so both contenders are measured the same way, producer to broker to consumer.
 * Contenders: fapilog's {@link KafkaSink} ({@code acks=all}, idempotent) behind the engine, and
 * Log4j2's {@code KafkaAppender} with {@code syncSend=false} (its asynchronous send) and a JSON
 * pattern of the same fields.
 *
 * <p>It lives in the test sources next to the broker it starts ({@link KafkaBroker}), so the build
 * compiles it but never runs it (the broker and Scala jars stay out of the shaded benchmarks jar).
 * A smoke run, in this JVM, a few seconds per contender and no figures worth quoting:
 * <pre>{@code
 * ./mvnw -q -o -pl fapilog-core,fapilog-kafka -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp fapilog-kafka/target/test-classes:fapilog-kafka/target/classes:$(cat fapilog-kafka/target/cp.txt) \
 *     io.fapilog.kafka.KafkaTransportBenchmark          # add "full" for forked runs of real length
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KafkaTransportBenchmark {

    static final int BURST = 5_000;

    @Param({"fapilog", "log4j2-kafka-appender"})
    public String contender;

    private KafkaBroker broker;
    private String topic;
    private KafkaConsumer<byte[], byte[]> consumer;
    private FapilogRuntime fapilog;
    private io.fapilog.Logger fapilogLogger;
    private LoggerContext log4j;
    private org.apache.logging.log4j.Logger log4jLogger;

    @Setup
    public void start() throws Exception {
        broker = KafkaBroker.shared();
        topic = "bench-" + contender + "-" + UUID.randomUUID();
        broker.createTopic(topic, 3);
        if (contender.equals("fapilog")) {
            KafkaSink sink = KafkaSink.builder().bootstrapServers(broker.bootstrapServers()).topic(topic).build();
            fapilog = Fapilog.builder().preset(Preset.PRODUCTION).sinks().shutdownHook(false)
                    .queueCapacity(4 * BURST).sink(sink).start();
            fapilogLogger = fapilog.getLogger("bench");
        } else {
            ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
            config.setStatusLevel(Level.WARN);
            config.add(config.newAppender("kafka", "Kafka")
                    .addAttribute("topic", topic)
                    .addAttribute("syncSend", false)
                    .add(config.newLayout("PatternLayout").addAttribute("pattern",
                            "{\"timestamp\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}{UTC}\",\"level\":\"%p\",\"message\":\"%m\",\"logger\":\"%c\"}"))
                    .addComponent(config.newComponent("Property").addAttribute("name", "bootstrap.servers")
                            .addAttribute("value", broker.bootstrapServers()))
                    .addComponent(config.newComponent("Property").addAttribute("name", "acks").addAttribute("value", "all")));
            config.add(config.newLogger("bench", Level.INFO).add(config.newAppenderRef("kafka")).addAttribute("additivity", false));
            config.add(config.newRootLogger(Level.OFF));
            // The Kafka clients already started Log4j2 (log4j2-test.xml): replace that configuration.
            Configurator.reconfigure(config.build());
            log4j = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
            log4jLogger = log4j.getLogger("bench");
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int acknowledgedBurst() {
        for (int i = 0; i < BURST; i++) {
            if (fapilogLogger != null) {
                fapilogLogger.info("Processing item", "item_id", i, "size", 10);
            } else {
                log4jLogger.info("Processing item {} {}", i, 10);
            }
        }
        int read = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (read < BURST) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + read + " of " + BURST + " events reached the topic");
            }
            read += consumer.poll(Duration.ofMillis(50)).count();
        }
        return read;
    }

    @TearDown
    public void stop() {
        consumer.close();
        if (fapilog != null) {
            fapilog.stopAndDrain(Duration.ofSeconds(30));
        }
        if (log4j != null) {
            log4j.getConfiguration().getAppender("kafka").stop();
        }
    }

    /** A smoke run in this JVM (no figures), or {@code full} for forked runs of real length. */
    public static void main(String[] args) throws RunnerException {
        boolean full = args.length > 0 && args[0].equals("full");
        OptionsBuilder options = new OptionsBuilder();
        options.include(KafkaTransportBenchmark.class.getName() + ".*")
                .forks(full ? 1 : 0)
                .warmupIterations(full ? 3 : 1).warmupTime(TimeValue.seconds(full ? 5 : 1))
                .measurementIterations(full ? 5 : 1).measurementTime(TimeValue.seconds(full ? 10 : 1));
        new Runner(options.build()).run();
        System.exit(0);
    }
}
