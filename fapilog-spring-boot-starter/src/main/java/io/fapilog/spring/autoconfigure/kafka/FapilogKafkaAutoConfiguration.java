package io.fapilog.spring.autoconfigure.kafka;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.kafka.KafkaSink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.FapilogConfigFactory;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import io.fapilog.spring.autoconfigure.SinkPropertyChecks;
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
import java.util.regex.Pattern;

/**
 * Adds a {@link KafkaSink} to the application's Fapilog runtime when {@code fapilog.kafka.enabled=true}
 * and the {@code fapilog-kafka} module is on the class path. The brokers default to Spring Boot's
 * {@code spring.kafka.bootstrap-servers}. Its records' JSON lines are the runtime's: the format, member
 * adjustments, timestamp precision and limits {@code fapilog.*} and Boot's {@code logging.structured.*} resolve to.
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
        check(kafka);
        KafkaSink.Builder builder = KafkaSink.builder().name(kafka.getName())
                .bootstrapServers(String.join(",", bootstrapServers(kafka, environment)))
                .topic(kafka.getTopic()).key(kafka.getKey()).clientId(kafka.getClientId())
                .deliveryTimeout(kafka.getDeliveryTimeout()).maxBlock(kafka.getMaxBlock()).linger(kafka.getLinger())
                .compression(kafka.getCompression()).closeTimeout(kafka.getCloseTimeout())
                .properties(kafka.getProperties()).excludedLoggers(kafka.getExcludedLoggers());
        builder.linesAs(FapilogConfigFactory.settings(fapilog, environment));
        try {
            return builder.build();
        } catch (InvalidSettingException e) {
            if (kafka.getProperties().containsKey(e.property())) {
                throw new InvalidSettingException(PRODUCER_PROPERTIES + e.property(), e.value(), e.allowed());
            }
            if (e.property().equals("bootstrap.servers")) {
                throw new InvalidSettingException(kafka.getBootstrapServers() == null || kafka.getBootstrapServers().isEmpty()
                        ? "spring.kafka.bootstrap-servers" : "fapilog.kafka.bootstrap-servers", e.value(), e.allowed());
            }
            throw e;
        }
    }

    private static final String PRODUCER_PROPERTIES = "fapilog.kafka.properties.";

    /** Kafka's topic names: 1 to 249 letters, digits, '.', '_' and '-'. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    static void check(FapilogKafkaProperties kafka) {
        InvalidSettingException.require(kafka.getTopic() != null && TOPIC.matcher(kafka.getTopic()).matches(),
                "fapilog.kafka.topic", kafka.getTopic(), "a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'");
        SinkPropertyChecks.oneOf("fapilog.kafka.compression", kafka.getCompression(), List.of("none", "gzip", "snappy", "lz4", "zstd"));
        SinkPropertyChecks.notNegative("fapilog.kafka.linger", kafka.getLinger());
        SinkPropertyChecks.notNegative("fapilog.kafka.max-block", kafka.getMaxBlock());
        SinkPropertyChecks.notNegative("fapilog.kafka.close-timeout", kafka.getCloseTimeout());
        SinkPropertyChecks.positive("fapilog.kafka.delivery-timeout", kafka.getDeliveryTimeout());
        InvalidSettingException.require(kafka.getDeliveryTimeout() != null
                        && kafka.getDeliveryTimeout().compareTo(kafka.getLinger()) > 0,
                "fapilog.kafka.delivery-timeout", kafka.getDeliveryTimeout(),
                "a duration longer than fapilog.kafka.linger (" + kafka.getLinger() + ")");
    }

    private static List<String> bootstrapServers(FapilogKafkaProperties kafka, Environment environment) {
        if (kafka.getBootstrapServers() != null && !kafka.getBootstrapServers().isEmpty()) {
            return kafka.getBootstrapServers();
        }
        return Binder.get(environment).bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                .orElse(List.of("localhost:9092"));
    }
}
