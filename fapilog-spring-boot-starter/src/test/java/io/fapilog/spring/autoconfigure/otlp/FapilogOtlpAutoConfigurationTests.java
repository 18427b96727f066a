package io.fapilog.spring.autoconfigure.otlp;

import io.fapilog.config.CustomSink;
import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.opentelemetry.OtlpReceiver;
import io.fapilog.opentelemetry.OtlpSink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.InvalidProperties;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FapilogOtlpAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogOtlpAutoConfiguration.class))
            .withPropertyValues("fapilog.preset=minimal", "fapilog.sinks=in-memory", "fapilog.bridge.slf4j=false",
                    "fapilog.batch.timeout=20ms");

    private static final java.util.logging.Logger OTEL_LOGS = java.util.logging.Logger.getLogger("io.opentelemetry");

    private OtlpReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        OTEL_LOGS.setLevel(java.util.logging.Level.OFF); // the SDK reports its shutdown through java.util.logging
        receiver = new OtlpReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        OTEL_LOGS.setLevel(null);
        Fapilog.setDefaultRuntime(null);
    }

    private static Map<String, String> attributes(io.opentelemetry.proto.resource.v1.Resource resource) {
        return resource.getAttributesList().stream()
                .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
    }

    @Test
    void backsOffUnlessEnabled() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(OtlpSink.class);
            assertThat(context.getBean(FapilogRuntime.class).config().customSinks()).isEmpty();
        });
    }

    /**
     * With {@code fapilog-opentelemetry} but without OpenTelemetry's SDK (excluded) and the export off,
     * the application starts (with it on, the start fails naming what is missing:
     * {@code FapilogModuleSinksEnvironmentPostProcessorTests}).
     */
    @Test
    void backsOffWithoutOpenTelemetrysSdk() {
        runner.withClassLoader(new FilteredClassLoader("io.opentelemetry.sdk."))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(OtlpSink.class);
                });
    }

    @Test
    void withoutSpringBootsExporterTheSinkExportsToTheFapilogEndpoint() {
        runner.withPropertyValues("fapilog.otlp.enabled=true", "fapilog.otlp.endpoint=" + receiver.endpoint(),
                        "fapilog.otlp.name=collector", "fapilog.service.name=orders", "fapilog.enrichers.runtime=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    OtlpSink sink = context.getBean(OtlpSink.class);
                    FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
                                        assertThat(runtime.config().customSinks()).containsExactly(new CustomSink(sink, sink.encoder()));
                    assertThat(sink.name()).isEqualTo("collector");

                    runtime.getLogger("orders.api").info("Order placed", "order_id", 7);
                    DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));

                    assertThat(result.processed()).isEqualTo(1);
                    assertThat(receiver.acceptedRecords()).hasSize(1);
                    assertThat(receiver.acceptedRecords().get(0).getBody().getStringValue()).isEqualTo("Order placed");
                    assertThat(attributes(receiver.accepted().get(0).resource())).containsEntry("service.name", "orders");
                    assertThat(runtime.sinkHealth()).extracting(h -> h.name()).contains("collector");
                });
    }

    /**
     * With Boot's exporter in use, fapilog's own connection settings do nothing: the start says so,
     * naming them (they were ignored without a word, a collector's token among them).
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void connectionSettingsThatBootsExporterMakesMootAreNamedAtStart(CapturedOutput output) {
        runner.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryLoggingAutoConfiguration.class, OtlpLoggingAutoConfiguration.class))
                .withPropertyValues("fapilog.otlp.enabled=true", "fapilog.otlp.endpoint=http://127.0.0.1:1/v1/logs",
                        "fapilog.otlp.headers.X-Tenant=acme", "fapilog.otlp.name=collector",
                        "management.opentelemetry.logging.export.otlp.endpoint=" + receiver.endpoint())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(OtlpSink.class).exporter()).isSameAs(context.getBean(LogRecordExporter.class));
                });
        assertThat(output).contains("The otlp sink exports through Spring Boot's exporter (management.opentelemetry.logging.export.otlp.*),"
                + " so [fapilog.otlp.endpoint, fapilog.otlp.headers.x-tenant] are not used");
    }

    /** The connection settings are told by their property names, in any form Boot binds: not by a common prefix. */
    @Test
    void connectionSettingsAreToldByTheirPropertyNames() {
        org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment()
                .withProperty("fapilog.otlp.name", "collector").withProperty("fapilog.otlp.timeoutx", "1s")
                .withProperty("fapilog.otlp.export-timeout", "1s");
        assertThat(FapilogOtlpAutoConfiguration.connectionSettings(environment)).isEmpty();
        environment.withProperty("fapilog.otlp.retry.max-attempts", "3").withProperty("fapilog.otlp.timeout", "1s");
        environment.getPropertySources().addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("FAPILOG_OTLP_CONNECTTIMEOUT", "2s")));
        assertThat(FapilogOtlpAutoConfiguration.connectionSettings(environment))
                .containsExactly("fapilog.otlp.connecttimeout", "fapilog.otlp.retry.max-attempts", "fapilog.otlp.timeout");
    }

    /** Without spring.application.name Boot's resource names the service unknown_service: the event's name stands instead. */
    @Test
    void bootsPlaceholderServiceNameGivesWayToTheEvents() {
        runner.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryLoggingAutoConfiguration.class, OtlpLoggingAutoConfiguration.class))
                .withPropertyValues("fapilog.otlp.enabled=true", "fapilog.enrichers.runtime=true", "fapilog.service.name=orders",
                        "management.opentelemetry.logging.export.otlp.endpoint=" + receiver.endpoint())
                .run(context -> {
                    assertThat(context.getBean(Resource.class).getAttribute(
                            io.opentelemetry.api.common.AttributeKey.stringKey("service.name"))).startsWith("unknown_service");
                    FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
                    runtime.getLogger("orders.api").info("Order placed");
                    assertThat(runtime.stopAndDrain(Duration.ofSeconds(30)).processed()).isEqualTo(1);
                    assertThat(attributes(receiver.accepted().get(0).resource())).containsEntry("service.name", "orders");
                });
    }

    @Test
    void withSpringBootsOpenTelemetryTheSinkUsesBootsExporterAndResource() {
        runner.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
                        OpenTelemetryLoggingAutoConfiguration.class, OtlpLoggingAutoConfiguration.class))
                .withPropertyValues("fapilog.otlp.enabled=true", "spring.application.name=shop",
                        "management.opentelemetry.logging.export.otlp.endpoint=" + receiver.endpoint(),
                        "management.opentelemetry.resource-attributes.deployment.environment.name=staging",
                        "fapilog.enrichers.runtime=true", "fapilog.service.name=orders", "fapilog.service.version=1.4.2",
                        "fapilog.service.env=prod")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    OtlpSink sink = context.getBean(OtlpSink.class);
                    assertThat(sink.exporter()).isSameAs(context.getBean(LogRecordExporter.class));
                    FapilogRuntime runtime = context.getBean(FapilogRuntime.class);

                    runtime.getLogger("orders.api").info("Order placed", "order_id", 7);
                    runtime.getLogger("orders.api").warn("Stock low", "sku", "A-1");
                    DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));

                    assertThat(result.processed()).isEqualTo(2);
                    assertThat(receiver.acceptedRecords()).extracting(r -> r.getBody().getStringValue())
                            .containsExactlyInAnyOrder("Order placed", "Stock low");
                    Map<String, String> resource = attributes(receiver.accepted().get(0).resource());
                    assertThat(resource).as("Boot's, as its traces carry them").containsEntry("service.name", "shop")
                            .containsEntry("deployment.environment.name", "staging");
                    assertThat(resource).as("what Boot's lacks, from the event").containsEntry("service.version", "1.4.2")
                            .hasEntrySatisfying("host.name", host -> assertThat(host).isNotBlank());
                    assertThat(receiver.accepted().get(0).resource().getAttributesList())
                            .anySatisfy(kv -> assertThat(kv.getKey()).isEqualTo("process.pid"));
                    assertThat(resource.size()).as("Boot's attributes, and service.version, host.name and process.pid")
                            .isEqualTo(context.getBean(Resource.class).getAttributes().size() + 3);
                });
        // Boot's own batch processor holds nothing of fapilog's: nothing more arrived when it shut down.
        assertThat(receiver.acceptedRecords()).hasSize(2);
    }

    /**
     * A bad value fails start-up naming the property and what it takes, not with the client library's message (or not
     * at all); with the export off too, so that a typo does not wait for the day it is switched on.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}={1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "protocol|grcp|one of http/protobuf, grpc",
            "compression|brotli|one of none, gzip",
            "endpoint|collector:4318|an http:// or https:// URL with a host",
            "endpoint|http://bad host:4318/v1/logs|an http:// or https:// URL with a host",
            "endpoint|http://|an http:// or https:// URL with a host",
            "headers.Authorization|Bearer café|a header value of printable ASCII characters",
            "headers.[X Bad]|v|a header name",
            "timeout|0s|a duration longer than zero",
            "export-timeout|-5s|a duration longer than zero",
            "export-timeout|400000d|a duration longer than zero, at most 1 day",
            "retry.max-attempts|10|2 to 5"})
    void aBadValueFailsStartUpNamingTheProperty(String property, String value, String allowed) {
        InvalidProperties.assertStartUpFails(runner.withPropertyValues("fapilog.otlp.enabled=true"), "fapilog.otlp." + property, value, allowed);
        InvalidProperties.assertStartUpFails(runner, "fapilog.otlp." + property, value, allowed);
    }
}
