package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLF4J bridge on, neither Logback nor Log4j2 there to bridge (spring-boot-starter-logging
 * excluded): SLF4J's events were lost, Spring's own included, and fapilog said nothing.
 */
class FapilogLogBackendMissingAutoConfigurationTests {

    private static final InMemorySink SINK = new InMemorySink();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class,
                    FapilogLogBackendMissingAutoConfiguration.class))
            .withUserConfiguration(InMemoryRuntime.class)
            .withPropertyValues("fapilog.preset=production");

    @Test
    void withoutLogbackAndLog4j2TheBridgeSaysWhatIsNotWrittenAndWhatToAdd() throws Exception {
        SINK.clear();
        runner.withClassLoader(new FilteredClassLoader("ch.qos.logback.", "org.apache.logging.log4j.core."))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(FapilogRuntime.class).flush().get(5, java.util.concurrent.TimeUnit.SECONDS);
                    List<String> lines = SINK.lines();
                    assertThat(lines).hasSize(1);
                    JsonNode warning = JsonMapper.builder().build().readTree(lines.get(0));
                    assertThat(warning.get("level").asString()).isEqualTo("WARN");
                    assertThat(warning.get("message").asString()).isEqualTo(FapilogLogBackendMissingAutoConfiguration.MESSAGE);
                    assertThat(warning.get("data").get("slf4j_provider").asString()).isNotBlank();
                });
    }

    @Test
    void withLogbackNothingIsSaid() throws Exception {
        SINK.clear();
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("fapilogLogBackendMissingWarning");
            context.getBean(FapilogRuntime.class).flush().get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(SINK.lines()).isEmpty();
        });
    }

    @Test
    void withTheBridgeOffNothingIsSaid() {
        runner.withClassLoader(new FilteredClassLoader("ch.qos.logback.", "org.apache.logging.log4j.core."))
                .withPropertyValues("fapilog.bridge.slf4j=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("fapilogLogBackendMissingWarning"));
    }

    @Configuration(proxyBeanMethods = false)
    static class InMemoryRuntime {

        @Bean(destroyMethod = "close")
        FapilogRuntime userRuntime() {
            return TestRuntimes.inMemory(SINK);
        }
    }
}
