package io.fapilog.spring.refresh;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A Spring Cloud refresh that changes fapilog.* properties is told, naming them; levels are the logging system's. */
class FapilogRefreshWithSpringCloudTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogRefreshAutoConfiguration.class))
            .withBean("testSink", InMemorySink.class, () -> new InMemorySink("test"))
            .withPropertyValues("fapilog.sinks=in-memory", "fapilog.bridge.slf4j=false");

    @AfterEach
    void forgetDefaultRuntime() {
        Fapilog.setDefaultRuntime(null);
    }

    @Test
    void aRefreshThatChangesFapilogPropertiesWarnsNamingThem() {
        runner.run(context -> {
            context.publishEvent(new EnvironmentChangeEvent(context,
                    Set.of("logging.level.com.acme", "fapilog.queue.capacity", "fapilog.format")));
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("logging.level.com.acme", "server.port")));
            context.getBean(FapilogRuntime.class).flush().get();

            InMemorySink sink = context.getBean("testSink", InMemorySink.class);
            var warnings = sink.lines().stream().map(JSON::readTree)
                    .filter(line -> line.path("logger").asString().equals(FapilogRefreshAutoConfiguration.class.getName()))
                    .toList();
            assertThat(warnings).hasSize(1);
            JsonNode warning = warnings.get(0);
            assertThat(warning.path("level").asString()).isEqualTo("WARN");
            assertThat(warning.path("message").asString()).isEqualTo(
                    "fapilog properties changed at run time apply at the next start; this runtime keeps the values it started with");
            assertThat(warning.at("/data/properties").toString()).isEqualTo("[\"fapilog.format\",\"fapilog.queue.capacity\"]");
        });
    }

    @Test
    void withoutSpringCloudThereIsNoListener() {
        runner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
                .run(context -> assertThat(context).doesNotHaveBean(StartTimePropertiesListener.class));
        runner.run(context -> assertThat(context).hasSingleBean(StartTimePropertiesListener.class));
    }
}
