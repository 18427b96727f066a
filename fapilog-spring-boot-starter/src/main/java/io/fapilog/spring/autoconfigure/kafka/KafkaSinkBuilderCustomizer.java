package io.fapilog.spring.autoconfigure.kafka;

import io.fapilog.kafka.KafkaSink;

/**
 * Callback to customize the kafka sink's builder after the {@code fapilog.kafka.*} properties and
 * the application's own Kafka connection were applied, and before the sink is built. Customizers
 * run in their {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * KafkaSinkBuilderCustomizer logsCredentials(SecretStore secrets) {
 *     return builder -> builder.property("sasl.jaas.config", secrets.jaasEntry("logs"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface KafkaSinkBuilderCustomizer {

    void customize(KafkaSink.Builder builder);
}
