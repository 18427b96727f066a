package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogRuntime;
import io.fapilog.SinkHealth;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.SinkType;
import io.fapilog.opentelemetry.OtlpSink;
import io.fapilog.spring.autoconfigure.otlp.FapilogOtlpAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fapilog.sinks} names the integration modules' sinks too, as the contract lists them. */
class FapilogModuleSinksEnvironmentPostProcessorTests {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static List<SinkType> boundSinks(StandardEnvironment environment) {
        return Binder.get(environment).bind("fapilog.sinks", Bindable.listOf(SinkType.class)).orElse(null);
    }

    @Test
    void otlpAndKafkaSwitchTheirModulesOnAndTheBuiltInNamesBindAsBefore() {
        StandardEnvironment environment = environment(Map.of("fapilog.sinks", "stdout-json, OTLP,kafka"));
        new FapilogModuleSinksEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(boundSinks(environment)).containsExactly(SinkType.STDOUT_JSON);
        assertThat(environment.getProperty("fapilog.otlp.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("fapilog.kafka.enabled")).isEqualTo("true");
    }

    @Test
    void aYamlListIsReadTooAndOneWithoutABuiltInSinkFailsNamingTheProperty() {
        StandardEnvironment environment = environment(Map.of("fapilog.sinks[0]", "otlp", "fapilog.sinks[1]", "rotating-file"));
        new FapilogModuleSinksEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(boundSinks(environment)).containsExactly(SinkType.ROTATING_FILE);
        assertThat(environment.getProperty("fapilog.otlp.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("fapilog.kafka.enabled")).isNull();

        StandardEnvironment otlpOnly = environment(Map.of("fapilog.sinks[0]", "otlp"));
        assertThatThrownBy(() -> new FapilogModuleSinksEnvironmentPostProcessor().postProcessEnvironment(otlpOnly,
                new SpringApplication()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Invalid value 'otlp' for fapilog.sinks; allowed: at least one built-in sink "
                        + "(stdout-json, stdout-pretty, rotating-file, http, in-memory) beside otlp and kafka");
    }

    @Test
    void builtInNamesAloneChangeNothing() {
        StandardEnvironment environment = environment(Map.of("fapilog.sinks", "stdout-json,http"));
        int sources = environment.getPropertySources().size();
        new FapilogModuleSinksEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().size()).isEqualTo(sources);
        assertThat(boundSinks(environment)).containsExactly(SinkType.STDOUT_JSON, SinkType.HTTP);
    }

    @Test
    void aModuleSinkWithoutItsModuleFailsNamingTheProperty() {
        SpringApplication application = new SpringApplication();
        application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader(OtlpSink.class)));
        StandardEnvironment environment = environment(Map.of("fapilog.sinks", "stdout-json,otlp"));

        assertThatThrownBy(() -> new FapilogModuleSinksEnvironmentPostProcessor().postProcessEnvironment(environment, application))
                .isInstanceOfSatisfying(InvalidSettingException.class, failure -> {
                    FailureAnalysis analysis = new FapilogConfigurationFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getDescription()).isEqualTo("Invalid value 'otlp' for fapilog.sinks.");
                    assertThat(analysis.getAction()).isEqualTo("Update your application's configuration: fapilog.sinks "
                            + "must be a built-in sink (stdout-json, stdout-pretty, rotating-file, http, in-memory), "
                            + "or otlp with io.fapilog:fapilog-opentelemetry on the class path.");
                });
    }

    @Test
    void aModuleSinkSwitchedOffExplicitlyFailsNamingTheSwitch() {
        StandardEnvironment environment = environment(Map.of("fapilog.sinks", "kafka", "fapilog.kafka.enabled", "false"));

        assertThatThrownBy(() -> new FapilogModuleSinksEnvironmentPostProcessor().postProcessEnvironment(environment,
                new SpringApplication()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("fapilog.kafka.enabled");
    }

    @Test
    void anApplicationWhoseSinksAreStdoutAndOtlpRunsBoth() {
        SpringApplication application = new SpringApplication(OtlpApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--fapilog.sinks=stdout-json,otlp",
                "--fapilog.otlp.endpoint=http://127.0.0.1:9/v1/logs", "--fapilog.bridge.slf4j=false")) {
            assertThat(context.getBean(FapilogRuntime.class).sinkHealth()).extracting(SinkHealth::name)
                    .containsExactly("stdout-json", "otlp");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({FapilogOtlpAutoConfiguration.class, FapilogAutoConfiguration.class})
    static class OtlpApplication {
    }
}
