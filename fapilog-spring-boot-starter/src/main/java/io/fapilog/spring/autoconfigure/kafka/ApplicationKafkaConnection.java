package io.fapilog.spring.autoconfigure.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the application's own Kafka producer reaches its cluster: its brokers, security protocol,
 * SASL and SSL settings (an SSL bundle's too), taken from the producer configuration Spring Boot
 * resolved ({@code spring.kafka.*}, {@code spring.kafka.producer.*}, a service connection). The
 * kafka sink shares them when it writes to the same cluster; what the application's records are
 * (serializers, acks, batching) stays the application's.
 */
record ApplicationKafkaConnection(List<String> bootstrapServers, Map<String, Object> settings) {

    static final ApplicationKafkaConnection NONE = new ApplicationKafkaConnection(List.of(), Map.of());

    /** Spring Boot's key for the {@code SslBundle} its {@code SslBundleSslEngineFactory} reads. */
    private static final String SSL_BUNDLE = "org.springframework.boot.ssl.SslBundle";

    static ApplicationKafkaConnection of(Map<String, Object> producerConfig) {
        Map<String, Object> settings = new LinkedHashMap<>();
        producerConfig.forEach((name, value) -> {
            if (value != null && isConnectionSetting(name)) {
                settings.put(name, value);
            }
        });
        return new ApplicationKafkaConnection(servers(producerConfig.get("bootstrap.servers")), Map.copyOf(settings));
    }

    private static boolean isConnectionSetting(String name) {
        return name.equals("security.protocol") || name.startsWith("sasl.") || name.startsWith("ssl.") || name.equals(SSL_BUNDLE);
    }

    private static List<String> servers(Object configured) {
        if (configured instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return configured == null || configured.toString().isBlank() ? List.of() : List.of(configured.toString());
    }
}
