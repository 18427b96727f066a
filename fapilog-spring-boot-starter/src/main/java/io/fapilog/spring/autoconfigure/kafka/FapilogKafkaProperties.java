package io.fapilog.spring.autoconfigure.kafka;

import io.fapilog.kafka.KafkaSink;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Kafka sink ({@code fapilog.kafka.*}): every event as one record of a topic. */
@ConfigurationProperties(prefix = "fapilog.kafka")
public class FapilogKafkaProperties {

    /** Whether events are sent to Kafka (the fapilog-kafka module must be on the class path). */
    private boolean enabled;

    /** The sink's name in health, metrics and the actuator endpoint. */
    private String name = "kafka";

    /**
     * Brokers to connect to, host:port: another cluster than the application's. Default: the
     * application's own cluster, connected to as its producer is (its brokers, security, SASL and SSL
     * settings, with Spring for Apache Kafka), else spring.kafka.bootstrap-servers, else localhost:9092.
     */
    private List<String> bootstrapServers;

    /** The topic events are sent to. */
    private String topic = "logs";

    /**
     * The event field whose value keys each record (looked up in diagnostics (fapilog's own fields), then context, then data),
     * for example service or trace_id; events with one key stay ordered in one partition. Default: no key.
     */
    private String key;

    /** The producer's client.id. */
    private String clientId = "fapilog";

    /** How long the producer keeps retrying a record before it counts as failed (delivery.timeout.ms). */
    private Duration deliveryTimeout = Duration.ofSeconds(30);

    /** The longest a send waits for metadata or buffer space (max.block.ms), on the sink's own thread: long enough to wait out a broker's restart. */
    private Duration maxBlock = Duration.ofSeconds(30);

    /** How long the producer waits to fill a request (linger.ms). */
    private Duration linger = Duration.ofMillis(5);

    /** Record compression: none, gzip, snappy, lz4 or zstd (compression.type). */
    private String compression = "none";

    /** The longest closing the sink waits for buffered records. */
    private Duration closeTimeout = Duration.ofSeconds(5);

    /**
     * Further producer properties (security.protocol, sasl.*, ssl.*, batch.size...); acks,
     * idempotence and the serializers are fixed by the sink.
     */
    private Map<String, String> properties = new LinkedHashMap<>();

    /** Logger name prefixes whose events are never sent (Kafka's own logs). */
    private List<String> excludedLoggers = new ArrayList<>(KafkaSink.DEFAULT_EXCLUDED_LOGGERS);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public List<String> getBootstrapServers() { return bootstrapServers; }
    public void setBootstrapServers(List<String> bootstrapServers) { this.bootstrapServers = bootstrapServers; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public Duration getDeliveryTimeout() { return deliveryTimeout; }
    public void setDeliveryTimeout(Duration deliveryTimeout) { this.deliveryTimeout = deliveryTimeout; }
    public Duration getMaxBlock() { return maxBlock; }
    public void setMaxBlock(Duration maxBlock) { this.maxBlock = maxBlock; }
    public Duration getLinger() { return linger; }
    public void setLinger(Duration linger) { this.linger = linger; }
    public String getCompression() { return compression; }
    public void setCompression(String compression) { this.compression = compression; }
    public Duration getCloseTimeout() { return closeTimeout; }
    public void setCloseTimeout(Duration closeTimeout) { this.closeTimeout = closeTimeout; }
    public Map<String, String> getProperties() { return properties; }
    public void setProperties(Map<String, String> properties) { this.properties = properties; }
    public List<String> getExcludedLoggers() { return excludedLoggers; }
    public void setExcludedLoggers(List<String> excludedLoggers) { this.excludedLoggers = excludedLoggers; }
}
