package io.fapilog.kafka;

import io.fapilog.FapilogConfig;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.Format;
import io.fapilog.config.JsonLayout;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Sink;
import io.fapilog.spi.SinkWriteException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Sends every event to a Kafka topic as one record (value: the event's JSON line; key: a field of
 * the event, if configured) with the official producer, from the worker only.
 *
 * <pre>{@code
 * KafkaSink kafka = KafkaSink.builder().bootstrapServers("kafka-1:9092").topic("logs").key("trace_id").build();
 * FapilogRuntime runtime = Fapilog.builder().sink(kafka).start();
 * }</pre>
 *
 * <p>Accounting: the producer runs with {@code acks=all} and idempotence, and {@link #write} returns
 * only once every record of the batch was acknowledged or failed in its send callback, so an event
 * counts as written only when the brokers have it. The client retries failed sends by itself until
 * {@code delivery.timeout.ms}; records still failing then make {@code write} throw a
 * {@link SinkWriteException} naming them, and the engine sends just those to the fallback or counts
 * them as dropped (the acknowledged ones are not sent twice). A send waits for the cluster's metadata
 * up to {@code max.block.ms} (30 s), so that a broker's restart is waited out (the producer forgets a
 * topic when every broker went away); the sink is remote, so that wait holds its own thread, never
 * start-up or a caller. Events
 * with the same key go to the same partition, in the order each thread logged them (with several
 * workers, events of one key from different threads may be written in another order).
 *
 * <p>Size: a record must fit the producer's {@code max.request.size} (1 MiB unless set), or the
 * client refuses it. The sink's encoding limits get a line budget that keeps every record within
 * it ({@link #recordLimits}): a huge event arrives cut, with the encoder's markers, rather than not at all.
 */
public final class KafkaSink implements Sink {

    /** Loggers whose events this sink never sends: Kafka's own clients. */
    public static final List<String> DEFAULT_EXCLUDED_LOGGERS = List.of("org.apache.kafka.");

    /** The producer's {@code max.request.size} unless set. */
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    private final String name;
    private final String topic;
    private final String bootstrapServers;
    /** Null until a producer could be made: none of the brokers' names resolved at start-up. */
    private volatile Producer<byte[], byte[]> producer;
    /** Makes the producer again while none could be made; null when it was given. */
    private final Supplier<Producer<byte[], byte[]>> newProducer;
    /**
     * The context class loader of the thread that built the sink (the application's): Kafka loads
     * class-typed settings (a partitioner, an interceptor, a SASL callback handler) through it, and a
     * producer made later is made on one of fapilog's threads, whose loader is fapilog's.
     */
    private final ClassLoader builtWith;
    private volatile boolean closed;
    private final Duration writeTimeout;
    private final Duration closeTimeout;
    private final EncoderFactory encoder;
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder excluded = new LongAdder();
    /** Its client library's loggers: never sent, and never waiting for room in the queue. */
    private final List<String> excludedLoggers;
    private final AtomicInteger writing = new AtomicInteger();

    private KafkaSink(Builder b, Producer<byte[], byte[]> producer, Supplier<Producer<byte[], byte[]>> newProducer) {
        this.newProducer = newProducer;
        this.builtWith = Thread.currentThread().getContextClassLoader();
        this.bootstrapServers = b.bootstrapServers;
        this.name = b.name;
        this.topic = Objects.requireNonNull(b.topic, "topic");
        this.producer = producer;
        this.writeTimeout = b.deliveryTimeout.plus(b.maxBlock).plusSeconds(5);
        this.closeTimeout = b.closeTimeout;
        EncoderFactory lines = b.layout.encoder(recordLimits(b.limits, b.producerConfig()));
        String key = b.key;
        this.excludedLoggers = List.copyOf(b.excludedLoggers);
        this.encoder = () -> new KafkaEncoder(lines.create(), key, excludedLoggers, excluded);
    }

    /** The record's own bytes beside its line: the key (at most 3 bytes per character kept), Kafka's framing, the envelope's markers. */
    static final int RECORD_OVERHEAD = 3 * KafkaEncoder.MAX_KEY_CHARS + 5 * 1024;

    /**
     * Encoding limits that keep a record within the producer's {@code max.request.size}: a line may
     * end past its budget by one cut string, at most 6 bytes per character kept (a control
     * character's escape), so the budget leaves room for one string of the longest kept, and where
     * the request size cannot hold that beside half of it (a small request size, or long strings
     * configured) the strings are cut shorter instead.
     */
    static EncodingLimits recordLimits(EncodingLimits limits, Map<String, Object> producerConfig) {
        Object configured = producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        int maxRequest = configured == null ? DEFAULT_MAX_REQUEST_SIZE : Integer.parseInt(configured.toString().trim());
        long room = (long) maxRequest - RECORD_OVERHEAD;
        long budget = Math.max(EncodingLimits.MIN_LINE_BYTES, Math.max(room / 2, room - 6L * limits.maxStringLength()));
        int stringLength = (int) Math.max(16, Math.min(limits.maxStringLength(), (room - budget) / 6));
        return new EncodingLimits(stringLength, limits.maxCollectionSize(), limits.maxDepth(), limits.maxStackFrames(),
                limits.maxLineBytes()).withLineBudgetAtMost((int) Math.min(Integer.MAX_VALUE, budget));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The encoder the sink is written with: its JSON line plus the record it sends. */
    @Override
    public EncoderFactory encoder() {
        return encoder;
    }

    @Override
    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    /** Records the brokers acknowledged. */
    public long acknowledgedEvents() {
        return acknowledged.sum();
    }

    /** Records that failed for good (the engine sent them to the fallback or dropped them). */
    public long failedEvents() {
        return failed.sum();
    }

    /** Events not sent because their logger is excluded (Kafka's own logs). */
    public long excludedEvents() {
        return excluded.sum();
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public List<String> clientLoggers() {
        return excludedLoggers;
    }

    @Override
    public void write(EncodedBatch batch) throws SinkWriteException, InterruptedException {
        writing.incrementAndGet();
        try {
            send(batch);
        } finally {
            writing.decrementAndGet();
        }
    }

    /**
     * The producer, made now if none of the brokers' names resolved before (a Kubernetes service not
     * created yet when the application started): until one is made, each write fails at once, its
     * events go to the fallback, and the engine's circuit breaker spaces out the attempts.
     */
    private Producer<byte[], byte[]> producer() throws SinkWriteException {
        Producer<byte[], byte[]> current = producer;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (producer == null) {
                if (closed) {
                    throw new SinkWriteException("Kafka sink '" + name + "' closed before any broker's name resolved", null);
                }
                Thread thread = Thread.currentThread();
                ClassLoader own = thread.getContextClassLoader();
                thread.setContextClassLoader(builtWith);
                try {
                    producer = newProducer.get();
                } catch (KafkaException e) {
                    throw new SinkWriteException(unresolved(bootstrapServers, e), e);
                } finally {
                    thread.setContextClassLoader(own);
                }
            }
            return producer;
        }
    }

    private static String unresolved(String bootstrapServers, KafkaException e) {
        return "no broker name in fapilog.kafka.bootstrap-servers=" + bootstrapServers + " resolves (yet): "
                + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    }

    private void send(EncodedBatch batch) throws SinkWriteException, InterruptedException {
        Producer<byte[], byte[]> producer = producer();
        int events = batch.eventCount();
        AtomicIntegerArray failures = new AtomicIntegerArray(events);
        AtomicReference<Exception> firstError = new AtomicReference<>();
        CountDownLatch completed = new CountDownLatch(events);
        byte[] bytes = batch.array();
        for (int i = 0; i < events; i++) {
            int index = i;
            int start = batch.lineStart(i);
            byte[] value = Arrays.copyOfRange(bytes, start, batch.lineEnd(i));
            KafkaEncoder.Record parts = batch.record(i) instanceof KafkaEncoder.Record r ? r : null;
            try {
                producer.send(new ProducerRecord<>(topic, null, parts == null ? null : parts.timestampMillis(),
                        parts == null ? null : parts.key(), value), (metadata, error) -> {
                    if (error != null) {
                        failures.set(index, 1);
                        firstError.compareAndSet(null, error);
                    }
                    completed.countDown();
                });
            } catch (RuntimeException e) {
                // the producer was closed, or a serializer failed: this record did not go out
                failures.set(index, 1);
                firstError.compareAndSet(null, e);
                completed.countDown();
            }
            if (failures.get(index) == 1 && firstError.get() instanceof TimeoutException) {
                // No metadata within max.block.ms: the broker is unreachable, so the rest of the batch
                // would wait as long each. They fail now and the engine's circuit breaker takes over.
                for (int rest = index + 1; rest < events; rest++) {
                    failures.set(rest, 1);
                    completed.countDown();
                }
                break;
            }
        }
        boolean answered = completed.await(writeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        int[] failedIndexes = failedIndexes(failures, answered ? null : completed);
        acknowledged.add(events - failedIndexes.length);
        if (failedIndexes.length > 0) {
            failed.add(failedIndexes.length);
            Exception cause = firstError.get();
            String message = failedIndexes.length + " of " + events + " records not acknowledged by Kafka"
                    + (answered ? "" : " within " + writeTimeout) + (cause != null ? ": " + cause + hint(cause) : "");
            throw failedIndexes.length == events ? new SinkWriteException(message, cause)
                    : new SinkWriteException(message, cause, failedIndexes);
        }
    }

    /**
     * Kafka says the same when no broker answers at all as when the topic is missing: the topic is
     * not in the metadata. Which to check, and where.
     */
    private String hint(Exception cause) {
        return cause instanceof TimeoutException && String.valueOf(cause.getMessage()).contains("not present in metadata")
                ? " (no broker answered at fapilog.kafka.bootstrap-servers=" + bootstrapServers + ", or topic '" + topic
                        + "' does not exist and the brokers do not create topics)"
                : "";
    }

    /** Failed records; when the wait ran out, every record is counted as failed (its callback may never come). */
    private static int[] failedIndexes(AtomicIntegerArray failures, CountDownLatch unanswered) {
        int count = 0;
        int[] indexes = new int[failures.length()];
        for (int i = 0; i < failures.length(); i++) {
            if (unanswered != null || failures.get(i) == 1) {
                indexes[count++] = i;
            }
        }
        return Arrays.copyOf(indexes, count);
    }

    /**
     * Closes the producer. Between writes nothing is buffered (a write returns once its records were
     * answered), so this is quick; while a write is still in progress (a drain that cannot wait for
     * a broker any longer) its unanswered records fail at once and go to the fallback, rather than
     * wait out {@code delivery.timeout.ms}. Otherwise waits at most the close timeout.
     */
    @Override
    public void close() {
        Producer<byte[], byte[]> current;
        synchronized (this) {
            closed = true;
            current = producer;
        }
        if (current != null) {
            current.close(writing.get() > 0 ? Duration.ZERO : closeTimeout);
        }
    }

    @Override
    public String toString() {
        return "KafkaSink[" + name + " -> " + topic + "]";
    }

    /** Configures a {@link KafkaSink}. */
    public static final class Builder {

        private String name = "kafka";
        private String bootstrapServers = "localhost:9092";
        private String topic = "logs";
        private String key;
        private String clientId = "fapilog";
        private Duration deliveryTimeout = Duration.ofSeconds(30);
        private Duration maxBlock = Duration.ofSeconds(30);
        private Duration linger = Duration.ofMillis(5);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private String compression = "none";
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private JsonLayout layout = JsonLayout.DEFAULT;
        private EncodingLimits limits = EncodingLimits.DEFAULT;
        private List<String> excludedLoggers = DEFAULT_EXCLUDED_LOGGERS;

        private Builder() {
        }

        /** The sink's name in metrics and health (default {@code kafka}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** {@code host:port[,host:port...]} (default {@code localhost:9092}). */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            return this;
        }

        /** The topic (default {@code logs}). */
        public Builder topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /**
         * The event field whose value keys the record, looked up in diagnostics (fapilog's own fields), then context, then data:
         * {@code service}, {@code trace_id}, {@code request_id}... Events with one key stay ordered in
         * one partition. Default: none (the producer spreads records over partitions).
         */
        public Builder key(String field) {
            this.key = field;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /** How long the client keeps retrying a record before it fails ({@code delivery.timeout.ms}, default 30 s). */
        public Builder deliveryTimeout(Duration deliveryTimeout) {
            this.deliveryTimeout = Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
            return this;
        }

        /** The longest a send waits for metadata or buffer space ({@code max.block.ms}, default 30 s). */
        public Builder maxBlock(Duration maxBlock) {
            this.maxBlock = Objects.requireNonNull(maxBlock, "maxBlock");
            return this;
        }

        /** {@code linger.ms} (default 5 ms). */
        public Builder linger(Duration linger) {
            this.linger = Objects.requireNonNull(linger, "linger");
            return this;
        }

        /** {@code none}, {@code gzip}, {@code snappy}, {@code lz4} or {@code zstd} ({@code compression.type}). */
        public Builder compression(String compression) {
            // checked here, as the starter checks fapilog.kafka.compression: the producer's own error came at build
            InvalidSettingException.require(compression != null && COMPRESSIONS.contains(compression), "compression",
                    compression, "one of " + String.join(", ", COMPRESSIONS));
            this.compression = compression;
            return this;
        }

        private static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");

        /** The longest {@link KafkaSink#close()} waits for buffered records (default 5 s). */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
            return this;
        }

        /**
         * Any other producer property (security, SASL, batch size...). {@code acks}, idempotence and
         * the serializers cannot be changed: the accounting relies on them. Those the sink's own
         * settings set ({@code bootstrap.servers}, {@code delivery.timeout.ms}, {@code max.block.ms},
         * {@code linger.ms}, {@code compression.type}) fail {@link #build()}: they would be replaced.
         */
        public Builder property(String name, Object value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder properties(Map<String, ?> properties) {
            properties.forEach(this::property);
            return this;
        }

        /** The layout of the JSON lines (record values, and what the fallback writes). */
        public Builder format(Format format) {
            this.layout = layout.withFormat(Objects.requireNonNull(format, "format"));
            return this;
        }

        /**
         * Lines as {@code config}'s runtime writes them: its format, member adjustments
         * ({@code logging.structured.json.*}), timestamp precision and encoding limits.
         */
        public Builder linesAs(FapilogConfig config) {
            this.layout = JsonLayout.of(config);
            return encodingLimits(config.encodingLimits());
        }

        public Builder encodingLimits(EncodingLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Logger name prefixes whose events are never sent (default {@link #DEFAULT_EXCLUDED_LOGGERS}). */
        public Builder excludedLoggers(List<String> prefixes) {
            this.excludedLoggers = List.copyOf(prefixes);
            return this;
        }

        /** The producer configuration this builder makes. */
        public Map<String, Object> producerConfig() {
            Map<String, Object> config = new LinkedHashMap<>(properties);
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
            config.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
            // delivery.timeout.ms must cover linger.ms + request.timeout.ms
            long requestTimeout = Math.max(1, Math.min(30_000, deliveryTimeout.toMillis() - linger.toMillis()));
            config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
            return config;
        }

        /**
         * @throws InvalidSettingException when a property given with {@link #property} is not what
         *         the producer takes; {@link InvalidSettingException#property()} is its Kafka name
         */
        public KafkaSink build() {
            checkProperties();
            checkBootstrapServers();
            Map<String, Object> config = producerConfig();
            return build(() -> new KafkaProducer<>(config));
        }

        /** Builds the sink on producers {@code newProducer} makes, the first one now if it can. */
        KafkaSink build(Supplier<Producer<byte[], byte[]>> newProducer) {
            try {
                return new KafkaSink(this, newProducer.get(), newProducer);
            } catch (KafkaException e) {
                if (!(e.getCause() instanceof ConfigException bad && String.valueOf(bad.getMessage()).contains("bootstrap"))) {
                    throw e;
                }
                // A name that does not resolve yet (a service created after the application) must not
                // stop the application: the sink makes its producer at a later write.
                System.err.println("fapilog: Kafka sink '" + name + "': " + unresolved(bootstrapServers, e)
                        + "; it tries again as it writes, its events go to its fallback meanwhile");
                return new KafkaSink(this, null, newProducer);
            }
        }

        /** The producer's own settings that the sink's settings set, and those settings. */
        private static final Map<String, String> SET_BY_THE_SINK = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "bootstrapServers (fapilog.kafka.bootstrap-servers)",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "deliveryTimeout (fapilog.kafka.delivery-timeout)",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "maxBlock (fapilog.kafka.max-block)",
                ProducerConfig.LINGER_MS_CONFIG, "linger (fapilog.kafka.linger)",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "compression (fapilog.kafka.compression)");

        /**
         * The producer's settings the sink fixes, for its accounting (an event counts as written once
         * every replica has it, exactly once per send), each with the only value it takes; and those the
         * idempotent producer refuses, which failed deep in its constructor.
         */
        private static final Map<String, Fixed> FIXED_BY_THE_SINK = Map.of(
                ProducerConfig.ACKS_CONFIG, new Fixed(Set.of("all", "-1"),
                        "all (the sink counts an event written once every in-sync replica has it)"),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, new Fixed(Set.of("true"),
                        "true (the sink's retries must not write an event twice)"),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, Fixed.BYTES,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Fixed.BYTES,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, new Fixed(Set.of(),
                        "unset (the sink sends outside transactions: with one, every send failed)"));

        /** The values a property the sink fixes takes (as written, case aside), and what to say otherwise. */
        private record Fixed(Set<String> values, String allowed) {

            static final Fixed BYTES = new Fixed(Set.of(ByteArraySerializer.class.getName().toLowerCase(Locale.ROOT)),
                    "unset or " + ByteArraySerializer.class.getName() + " (the sink sends its own keys and lines as bytes)");

            boolean takes(Object value) {
                String given = value instanceof Class<?> type ? type.getName() : String.valueOf(value);
                return values.contains(given.trim().toLowerCase(Locale.ROOT));
            }
        }

        /** Each {@code host:port}, so that a typo fails naming the setting, not deep in the producer. */
        private void checkBootstrapServers() {
            for (String server : bootstrapServers.split(",")) {
                String trimmed = server.trim();
                int colon = trimmed.lastIndexOf(':');
                boolean valid = colon > 0 && colon < trimmed.length() - 1;
                if (valid) {
                    try {
                        int port = Integer.parseInt(trimmed.substring(colon + 1));
                        valid = port > 0 && port <= 65535;
                    } catch (NumberFormatException notAPort) {
                        valid = false;
                    }
                }
                if (!valid) {
                    throw new InvalidSettingException(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            "host:port pairs separated by commas");
                }
            }
        }

        /**
         * Checks each property given with {@link #property} against the producer's own definition of
         * it, so that a bad one fails naming it, not deep in the producer's constructor. A password's
         * value is not shown. A property the producer does not know is left to it (it warns).
         */
        private void checkProperties() {
            Map<String, ConfigDef.ConfigKey> keys = ProducerConfig.configDef().configKeys();
            properties.forEach((name, value) -> {
                String setting = SET_BY_THE_SINK.get(name);
                if (setting != null) {
                    throw new InvalidSettingException(name, value, "not set here: the sink's setting " + setting + " sets it");
                }
                Fixed fixed = FIXED_BY_THE_SINK.get(name);
                if (fixed != null && !fixed.takes(value)) {
                    // it was overridden without a word: the user's acks=1 was never what the producer used
                    throw new InvalidSettingException(name, value, fixed.allowed());
                }
                ConfigDef.ConfigKey key = keys.get(name);
                if (key == null) {
                    return;
                }
                try {
                    Object parsed = ConfigDef.parseType(name, value, key.type);
                    if (key.validator != null) {
                        key.validator.ensureValid(name, parsed);
                    }
                } catch (ConfigException e) {
                    String allowed = "a value of type " + key.type.name().toLowerCase(Locale.ROOT)
                            + (key.validator != null ? ", " + key.validator : "");
                    throw new InvalidSettingException(name, key.type == ConfigDef.Type.PASSWORD ? null : value, allowed);
                }
            });
            Object retries = properties.get(ProducerConfig.RETRIES_CONFIG);
            if (retries != null && Long.parseLong(retries.toString().trim()) < 1) {
                throw new InvalidSettingException(ProducerConfig.RETRIES_CONFIG, retries, "at least 1, as the idempotent producer requires");
            }
            Object inFlight = properties.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
            if (inFlight != null && Long.parseLong(inFlight.toString().trim()) > 5) {
                throw new InvalidSettingException(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, inFlight,
                        "at most 5, as the idempotent producer requires");
            }
            Object requestTimeout = properties.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
            long mostRequestTimeout = deliveryTimeout.toMillis() - linger.toMillis();
            if (requestTimeout != null && Long.parseLong(requestTimeout.toString().trim()) > mostRequestTimeout) {
                throw new InvalidSettingException(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout,
                        "at most the delivery timeout less linger (" + mostRequestTimeout + " ms), as the producer requires");
            }
        }

        /** Builds the sink on a given producer (tests). */
        KafkaSink build(Producer<byte[], byte[]> producer) {
            return new KafkaSink(this, producer, null);
        }

    }
}
