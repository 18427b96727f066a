package io.fapilog.spring.autoconfigure.kafka;

import io.fapilog.kafka.KafkaSink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Adds a {@link KafkaSink} to the application's Fapilog runtime when {@code fapilog.kafka.enabled=true}
 * and the {@code fapilog-kafka} module is on the class path. The brokers default to Spring Boot's
 * {@code spring.kafka.bootstrap-servers}.
 */
@AutoConfiguration(before = FapilogAutoConfiguration.class)
@ConditionalOnClass(KafkaSink.class)
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "fapilog.kafka.enabled")
@EnableConfigurationProperties({FapilogKafkaProperties.class, FapilogProperties.class})
public class FapilogKafkaAutoConfiguration {

    /** Closed by the Fapilog runtime when it drains (after its last batch), not by the context. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    KafkaSink fapilogKafkaSink(FapilogKafkaProperties kafka, FapilogProperties fapilog, Environment environment) {
        KafkaSink.Builder builder = KafkaSink.builder().name(kafka.getName())
                .bootstrapServers(String.join(",", bootstrapServers(kafka, environment)))
                .topic(kafka.getTopic()).key(kafka.getKey()).clientId(kafka.getClientId())
                .deliveryTimeout(kafka.getDeliveryTimeout()).maxBlock(kafka.getMaxBlock()).linger(kafka.getLinger())
                .compression(kafka.getCompression()).closeTimeout(kafka.getCloseTimeout())
                .properties(kafka.getProperties()).excludedLoggers(kafka.getExcludedLoggers());
        if (fapilog.getFormat() != null) {
            builder.format(fapilog.getFormat());
        }
        return builder.build();
    }

    private static List<String> bootstrapServers(FapilogKafkaProperties kafka, Environment environment) {
        if (kafka.getBootstrapServers() != null && !kafka.getBootstrapServers().isEmpty()) {
            return kafka.getBootstrapServers();
        }
        return Binder.get(environment).bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                .orElse(List.of("localhost:9092"));
    }
}
