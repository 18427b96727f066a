package io.fapilog.spring.autoconfigure.kafka;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.kafka.KafkaSink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.FapilogConfigFactory;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import io.fapilog.spring.autoconfigure.SinkPropertyChecks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.ProducerFactory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Adds a {@link KafkaSink} to the application's Fapilog runtime when {@code fapilog.kafka.enabled=true}
 * and the {@code fapilog-kafka} module is on the class path. Unless {@code fapilog.kafka.bootstrap-servers}
 * names another cluster, the sink reaches the application's own the way the application's producer
 * does (Spring for Apache Kafka's {@code ProducerFactory}: its brokers, security protocol, SASL and SSL
 * settings, an SSL bundle's too; {@code fapilog.kafka.properties} win over them); without Spring for
 * Apache Kafka the brokers are {@code spring.kafka.bootstrap-servers}. Its records' JSON lines are the
 * runtime's: the format, member adjustments, timestamp precision and limits {@code fapilog.*} and Boot's
 * {@code logging.structured.*} resolve to. {@link KafkaSinkBuilderCustomizer} beans run last.
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
    KafkaSink fapilogKafkaSink(FapilogKafkaProperties kafka, FapilogProperties fapilog, Environment environment,
                               ObjectProvider<ApplicationKafkaConnection> applicationConnection,
                               ObjectProvider<KafkaSinkBuilderCustomizer> customizers) {
        check(kafka);
        ApplicationKafkaConnection application = ownCluster(kafka)
                ? applicationConnection.getIfAvailable(() -> ApplicationKafkaConnection.NONE) : ApplicationKafkaConnection.NONE;
        KafkaSink.Builder builder = KafkaSink.builder().name(kafka.getName())
                .bootstrapServers(String.join(",", bootstrapServers(kafka, application, environment)))
                .topic(kafka.getTopic()).key(kafka.getKey()).clientId(kafka.getClientId())
                .deliveryTimeout(kafka.getDeliveryTimeout()).maxBlock(kafka.getMaxBlock()).linger(kafka.getLinger())
                .compression(kafka.getCompression()).closeTimeout(kafka.getCloseTimeout())
                .properties(application.settings()).properties(kafka.getProperties())
                .excludedLoggers(kafka.getExcludedLoggers());
        builder.linesAs(FapilogConfigFactory.settings(fapilog, environment));
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
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

    /** Whether the sink writes to the application's own cluster: no brokers of its own are named. */
    private static boolean ownCluster(FapilogKafkaProperties kafka) {
        return kafka.getBootstrapServers() == null || kafka.getBootstrapServers().isEmpty();
    }

    private static List<String> bootstrapServers(FapilogKafkaProperties kafka, ApplicationKafkaConnection application,
                                                 Environment environment) {
        if (!ownCluster(kafka)) {
            return kafka.getBootstrapServers();
        }
        if (!application.bootstrapServers().isEmpty()) {
            return application.bootstrapServers();
        }
        return Binder.get(environment).bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                .orElse(List.of("localhost:9092"));
    }

    /** The application's producer, when Spring for Apache Kafka makes one: its connection, for the sink to share. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ProducerFactory.class)
    static class ApplicationKafkaConnectionConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ApplicationKafkaConnection fapilogApplicationKafkaConnection(ObjectProvider<ProducerFactory<?, ?>> producerFactory) {
            ProducerFactory<?, ?> factory = producerFactory.getIfUnique();
            if (factory == null) {
                return ApplicationKafkaConnection.NONE;
            }
            try {
                return ApplicationKafkaConnection.of(factory.getConfigurationProperties());
            } catch (UnsupportedOperationException noConfiguration) {
                return ApplicationKafkaConnection.NONE; // a factory of the application's that does not tell
            }
        }
    }
}
