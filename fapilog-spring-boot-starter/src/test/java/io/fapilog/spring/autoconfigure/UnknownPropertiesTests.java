package io.fapilog.spring.autoconfigure;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code fapilog.*} property fapilog has no setting for (a typo): named in one start-up warning. */
class UnknownPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
            .withBean("testSink", InMemorySink.class, () -> new InMemorySink("test"))
            .withPropertyValues("fapilog.preset=minimal", "fapilog.sinks=in-memory");

    @Test
    void typosAreNamedInOneWarning() {
        runner.withPropertyValues("fapilog.presett=dev", "fapilog.queue.capacty=5", "fapilog.otlp.endpont=http://127.0.0.1:4318",
                "fapilog.kafka.topik=logs").run(context -> {
            InMemorySink sink = context.getBean(InMemorySink.class);
            assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
            JsonNode warning = JsonMapper.builder().build().readTree(sink.lines().get(0));
            assertThat(warning.get("level").asString()).isEqualTo("WARN");
            assertThat(warning.get("message").asString()).isEqualTo("fapilog.* properties that fapilog has no setting for "
                    + "(a typo?), ignored: [fapilog.kafka.topik, fapilog.otlp.endpont, fapilog.presett, fapilog.queue.capacty]");
        });
    }

    @Test
    void everySettingInEveryFormIsKnown() {
        assertThat(warning("fapilog.preset=production", "fapilog.queue.capacity=5", "fapilog.queue.full-policy=drop",
                "FAPILOG_QUEUE_WAITTIMEOUT=10ms", "fapilog.levels.com.acme.Orders=DEBUG", "fapilog.http.headers[X-Api-Key]=k",
                "fapilog.redaction.fields[0]=iban", "fapilog.request-logging.skip-paths=/health",
                "fapilog.otlp.enabled=true", "fapilog.otlp.headers.Authorization=x", "fapilog.otlp.retry.max-attempts=3",
                "fapilog.kafka.topic=logs", "fapilog.kafka.properties.sasl.jaas.config=x", "fapilog.enabled=true")).isNull();
    }

    @Test
    void aPlaceholderIsResolvedAsTheApplicationResolvesIt() {
        assertThat(warning("fapilog.queue.capacity=${CAPACITY:5}", "fapilog.presett=dev"))
                .endsWith("ignored: [fapilog.presett]");
    }

    /** A container's FAPILOG_HOME or FAPILOG_VERSION is no typo of the application's, as in Spring Boot's own check. */
    @Test
    void environmentVariablesAreNotTheApplicationsProperties() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("FAPILOG_HOME", "/opt/fapilog", "FAPILOG_VERSION", "1.2")));
        assertThat(UnknownProperties.warning(environment)).isNull();
    }

    /** {@code fapilog.preset:} with nothing after it leaves the default, as a blank does in Spring Boot: no typo. */
    @Test
    void aBlankSettingIsNoTypo() {
        assertThat(warning("fapilog.preset=", "fapilog.mode= ", "fapilog.queue.wait-timeout=", "fapilog.file.path=",
                "fapilog.presett=dev")).endsWith("ignored: [fapilog.presett]");
    }

    @Test
    void aValueOfTheWrongTypeIsLeftToTheBindingReport() {
        assertThat(warning("fapilog.queue.capacity=many")).isNull();
    }

    private static String warning(String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertyValues.of(properties).applyTo(environment);
        return UnknownProperties.warning(environment);
    }
}
