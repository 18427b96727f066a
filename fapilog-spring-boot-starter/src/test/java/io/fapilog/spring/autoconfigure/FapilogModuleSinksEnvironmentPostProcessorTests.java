package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogRuntime;
import io.fapilog.SinkHealth;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.SinkType;
import io.fapilog.opentelemetry.OtlpReceiver;
import io.fapilog.opentelemetry.OtlpSink;
import io.fapilog.spring.autoconfigure.otlp.FapilogOtlpAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;
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
    void aYamlListIsReadTooAndOneWithoutABuiltInSinkLeavesTheBuiltInListEmpty() {
        StandardEnvironment environment = environment(Map.of("fapilog.sinks[0]", "otlp", "fapilog.sinks[1]", "rotating-file"));
        new FapilogModuleSinksEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        assertThat(boundSinks(environment)).containsExactly(SinkType.ROTATING_FILE);
        assertThat(environment.getProperty("fapilog.otlp.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("fapilog.kafka.enabled")).isNull();

        StandardEnvironment otlpOnly = environment(Map.of("fapilog.sinks[0]", "otlp"));
        new FapilogModuleSinksEnvironmentPostProcessor().postProcessEnvironment(otlpOnly, new SpringApplication());
        assertThat(boundSinks(otlpOnly)).isEmpty();
        assertThat(otlpOnly.getProperty("fapilog.otlp.enabled")).isEqualTo("true");
        assertThat(FapilogConfigFactory.onlyBeanSinks(Binder.get(otlpOnly).bindOrCreate("fapilog", FapilogProperties.class)))
                .isTrue();
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
                    FailureAnalysis analysis = new FapilogConfigurationFailureAnalyzer(environment).analyze(failure);
                    assertThat(analysis.getDescription()).isEqualTo("Invalid value 'otlp' for fapilog.sinks."
                            + System.lineSeparator() + "Origin: \"fapilog.sinks\" from property source \"test\"");
                    assertThat(analysis.getAction()).isEqualTo("Update your application's configuration: fapilog.sinks "
                            + "must be a built-in sink (stdout-json, stdout-pretty, rotating-file, http, in-memory), "
                            + "or otlp with io.fapilog:fapilog-opentelemetry and io.opentelemetry:opentelemetry-sdk-logs on the class path.");
                });
    }

    /**
     * A module's switch on, its client library excluded (OpenTelemetry's SDK, kafka-clients): the start
     * fails naming the switch and what it needs. The OTLP auto-configuration failed to load
     * even with the export off; Kafka's failed ten causes deep in a bean's creation.
     */
    @ParameterizedTest
    @CsvSource({"fapilog.otlp.enabled, io.opentelemetry.sdk., io.fapilog:fapilog-opentelemetry and io.opentelemetry:opentelemetry-sdk-logs",
            "fapilog.kafka.enabled, org.apache.kafka., io.fapilog:fapilog-kafka and org.apache.kafka:kafka-clients"})
    void aModuleSwitchedOnWithoutItsClientLibraryFailsNamingTheSwitchAndWhatItNeeds(String property, String hidden,
                                                                                     String needs) {
        SpringApplication application = new SpringApplication();
        application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader(hidden)));
        StandardEnvironment environment = environment(Map.of(property, "true"));

        assertThatThrownBy(() -> new FapilogModuleSinksEnvironmentPostProcessor().postProcessEnvironment(environment, application))
                .isInstanceOfSatisfying(InvalidSettingException.class, failure -> {
                    FailureAnalysis analysis = new FapilogConfigurationFailureAnalyzer(environment).analyze(failure);
                    assertThat(analysis.getAction()).isEqualTo("Update your application's configuration: " + property
                            + " must be false, or true with " + needs + " on the class path.");
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

    /**
     * {@code fapilog.sinks=otlp}: the application's events, Spring's through the bridge included, go to
     * the collector alone; nothing of Fapilog's to standard output.
     */
    @Test
    void anApplicationWhoseOnlySinkIsOtlpExportsEverythingThere() throws Exception {
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            SpringApplication application = new SpringApplication(BridgedOtlpApplication.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            try (ConfigurableApplicationContext context = application.run("--fapilog.sinks=otlp",
                    "--fapilog.otlp.endpoint=" + receiver.endpoint(), "--spring.main.banner-mode=off")) {
                FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
                assertThat(runtime.sinkHealth()).extracting(SinkHealth::name).containsExactly("otlp");
                org.slf4j.LoggerFactory.getLogger("com.acme.Orders").info("Order {} placed", 7);
                runtime.getLogger("com.acme.Billing").info("Invoice sent", "invoice_id", 42);
                runtime.flush().get(10, java.util.concurrent.TimeUnit.SECONDS);
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> runtime.sinkHealth().get(0).writtenEvents() >= 2);
            } finally {
                System.setOut(stdout);
                io.fapilog.Fapilog.setDefaultRuntime(null);
            }
            assertThat(receiver.acceptedRecords()).extracting(r -> r.getBody().getStringValue())
                    .contains("Order 7 placed", "Invoice sent");
            assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .as("no JSON line of Fapilog's on standard output").doesNotContain("Invoice sent")
                    .doesNotContain("Order 7 placed");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({FapilogOtlpAutoConfiguration.class, FapilogAutoConfiguration.class,
            io.fapilog.spring.logging.FapilogSlf4jBridgeAutoConfiguration.class})
    static class BridgedOtlpApplication {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({FapilogOtlpAutoConfiguration.class, FapilogAutoConfiguration.class})
    static class OtlpApplication {
    }
}
