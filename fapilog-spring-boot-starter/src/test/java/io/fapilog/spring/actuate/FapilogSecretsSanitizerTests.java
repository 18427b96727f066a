package io.fapilog.spring.actuate;

import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What the actuator's property endpoints show of fapilog's secrets when they show values. */
class FapilogSecretsSanitizerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogSanitizingAutoConfiguration.class))
            .withPropertyValues("fapilog.preset=production", "fapilog.sinks=in-memory",
                    "fapilog.otlp.headers.Authorization=Bearer otlp-s3cret",
                    "fapilog.otlp.headers[x-api-key]=otlp-key-s3cret",
                    "fapilog.otlp.endpoint=http://otlp-user:otlp-pw-s3cret@127.0.0.1:4318",
                    "fapilog.http.endpoint=https://127.0.0.1:9200/_bulk?token=http-s3cret",
                    "fapilog.http.headers.Authorization=Basic http-basic-s3cret",
                    "fapilog.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
                            + "required username=\"app\" password=\"kafka-s3cret\";",
                    "fapilog.kafka.properties.ssl.key.password=ssl-s3cret",
                    "fapilog.kafka.properties.linger.ms=5",
                    "fapilog.queue.capacity=1234");

    @Test
    void configpropsAndEnvShowFapilogsSettingsWithoutTheirSecrets() {
        runner.run(context -> {
            String configprops = JSON.writeValueAsString(configprops(context));
            String env = JSON.writeValueAsString(env(context));

            assertThat(configprops).doesNotContain("s3cret").contains("\"endpoint\":\"******\"").contains("1234");
            assertThat(env).doesNotContain("s3cret").contains("\"fapilog.kafka.properties.linger.ms\":{\"value\":\"5\"}");
        });
    }

    @Test
    void anEndpointWithoutCredentialsIsShownAsItIs() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogSanitizingAutoConfiguration.class))
                .withPropertyValues("fapilog.sinks=in-memory", "fapilog.otlp.endpoint=http://127.0.0.1:4318",
                        "fapilog.http.endpoint=https://127.0.0.1:9200/_bulk")
                .run(context -> {
                    String env = JSON.writeValueAsString(env(context));
                    assertThat(env).contains("http://127.0.0.1:4318").contains("https://127.0.0.1:9200/_bulk");
                });
    }

    @Test
    void theSanitizerReadsEverySpellingOfAKey() {
        FapilogSecretsSanitizer sanitizer = new FapilogSecretsSanitizer();
        for (String key : new String[] {"FAPILOG_OTLP_HEADERS_AUTHORIZATION", "fapilog.otlp.headers[Authorization]",
                "fapilog.http.headers.x-api-key", "FAPILOG_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"}) {
            assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(null, key, "v")).getValue())
                    .as(key).isEqualTo("******");
        }
        assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(null,
                "fapilog.kafka.properties.key.serializer", "v")).getValue()).isEqualTo("v");
        for (String json : new String[] {"{\"fapilog\":{\"otlp\":{\"headers\":{\"X-Api-Key\":\"s3cret\"}}}}",
                "{\"fapilog.otlp.headers.Authorization\":\"Bearer s3cret\"}"}) {
            for (String key : new String[] {"SPRING_APPLICATION_JSON", "spring.application.json"}) {
                assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(null, key, json)).getValue())
                        .as(key + "=" + json).isEqualTo("******");
            }
        }
        assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(null,
                "SPRING_APPLICATION_JSON", "{\"server\":{\"port\":8081}}")).getValue()).isEqualTo("{\"server\":{\"port\":8081}}");
        // a collector's key in the path is a secret too; an ordinary path is shown
        assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(null, "fapilog.http.endpoint",
                "https://collectors.example.com/receiver/v1/http/ZaVnC4dhaV3PATHSECRET")).getValue()).isEqualTo("******");
        assertThat(sanitizer.apply(new org.springframework.boot.actuate.endpoint.SanitizableData(null, "fapilog.http.endpoint",
                "https://logs.example.com:9200/_bulk")).getValue()).isEqualTo("https://logs.example.com:9200/_bulk");
    }

    private static Object configprops(ApplicationContext context) {
        ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
                context.getBeanProvider(SanitizingFunction.class), Show.ALWAYS);
        endpoint.setApplicationContext(context);
        return endpoint.configurationPropertiesWithPrefix("fapilog");
    }

    private static Object env(ApplicationContext context) {
        return new EnvironmentEndpoint(context.getEnvironment(), context.getBeanProvider(SanitizingFunction.class), Show.ALWAYS)
                .environment("fapilog.*");
    }
}
