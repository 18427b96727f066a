package io.fapilog.spring.autoconfigure;

import io.fapilog.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A {@code fapilog.*} value of the wrong type: named, with where it is written and what it may be. */
@ExtendWith(OutputCaptureExtension.class)
class FapilogBindFailureAnalyzerTests {

    private static final FapilogBindFailureAnalyzer ANALYZER = new FapilogBindFailureAnalyzer();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
            .withPropertyValues("fapilog.bridge.slf4j=false");

    @Test
    void eachTypeSaysWhatItTakes() {
        assertAnalysis("fapilog.queue.wait-timeout=fast", "a duration such as 50ms, 2s or 1m");
        assertAnalysis("fapilog.file.max-file-size=10XB", "a size such as 512KB, 10MB or 1GB");
        assertAnalysis("fapilog.queue.max-bytes=lots", "a size such as 512KB, 10MB or 1GB");
        assertAnalysis("fapilog.workers=abc", "a whole number");
        assertAnalysis("fapilog.queue.capacity=99999999999", "a whole number");
        assertAnalysis("fapilog.sampling.rate=abc", "a number");
        assertAnalysis("fapilog.request-logging.enabled=maybe", "true or false");
        assertAnalysis("fapilog.mode=bogus", "one of: auto, async, bound-loop, thread");
        assertAnalysis("fapilog.queue.full-policy=block", "one of: wait, drop");
        assertAnalysis("fapilog.sinks=stdout-json,bogus", "a comma-separated list, each item one of: stdout-json, "
                + "stdout-pretty, rotating-file, http, in-memory, otlp (with fapilog-opentelemetry), kafka (with fapilog-kafka)");
        assertAnalysis("fapilog.queue.protected-levels=error,nope",
                "a comma-separated list, each item one of: " + Level.allowedValues());
    }

    @Test
    void otherPropertiesAreLeftToSpringBoot() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("server.shutdown-timeout", "fast")));
        assertThatThrownBy(() -> binder.bind("server.shutdown-timeout", Duration.class))
                .isInstanceOfSatisfying(BindException.class, failure -> assertThat(ANALYZER.analyze(failure)).isNull());
        assertThat(ANALYZER.analyze(new IllegalStateException("not a binding failure"))).isNull();
    }

    @Test
    void anApplicationThatFailsPrintsThisReport(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--fapilog.queue.wait-timeout=fast", "--fapilog.sinks=stdout-json",
                "--fapilog.bridge.slf4j=false")).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid value 'fast' for fapilog.queue.wait-timeout." + System.lineSeparator()
                        + "Origin: \"fapilog.queue.wait-timeout\" from property source \"commandLineArgs\"")
                .contains("Update your application's configuration: fapilog.queue.wait-timeout must be a duration such as 50ms, 2s or 1m.");
    }

    private void assertAnalysis(String property, String allowed) {
        String name = property.substring(0, property.indexOf('='));
        String value = property.substring(property.indexOf('=') + 1);
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = ANALYZER.analyze(context.getStartupFailure());
            assertThat(analysis).as(property).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("Invalid value '" + value + "' for " + name + "."
                    + System.lineSeparator() + "Origin: \"" + name + "\" from property source \"test\"");
            assertThat(analysis.getAction()).isEqualTo("Update your application's configuration: " + name + " must be "
                    + allowed + ".");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(FapilogAutoConfiguration.class)
    static class MinimalApplication {
    }
}
