package io.fapilog.spring.format;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.fapilog.FapilogRuntime;
import io.fapilog.config.StackTraceStyle;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.autoconfigure.BootLoggingProperties;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code logging.structured.json.stacktrace.*}, {@code .context.*}, {@code logging.structured.gelf.*}
 * and the rolling policy's {@code clean-history-on-start} and {@code file-name-pattern} in fapilog's output.
 * Stack traces are compared with what Spring Boot's own ECS encoder prints for the same options.
 */
class BootStackTraceAndContextTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
            .withBean("testSink", InMemorySink.class, () -> new InMemorySink("test")) // beside fapilog.sinks's in-memory: a name of its own
            .withPropertyValues("fapilog.preset=minimal", "fapilog.sinks=in-memory");

    @Test
    void rootFirstPrintsAsBootPrints() {
        assertSameStackTraceAsBoot(fixedFailure(), "root=first");
    }

    @Test
    void maxLengthPrintsAsBootPrints() {
        assertSameStackTraceAsBoot(fixedFailure(), "max-length=90");
    }

    @Test
    void maxThrowableDepthPrintsAsBootPrints() {
        assertSameStackTraceAsBoot(fixedFailure(), "max-throwable-depth=1");
    }

    @Test
    void includeCommonFramesPrintsAsBootPrints() {
        assertSameStackTraceAsBoot(fixedFailure(), "include-common-frames=true");
    }

    @Test
    void includeHashesPrintsAsBootPrints() {
        assertSameStackTraceAsBoot(fixedFailure(), "include-hashes=true");
    }

    @Test
    void allOptionsTogetherOnARealExceptionPrintAsBootPrints() {
        IllegalStateException real = new IllegalStateException("declined", new IOException("timeout"));
        real.addSuppressed(new IllegalArgumentException("rollback failed"));
        assertSameStackTraceAsBoot(real, "root=first", "max-length=4000", "max-throwable-depth=6",
                "include-common-frames=true", "include-hashes=true", "printer=standard");
    }

    @Test
    void theLoggingSystemPrinterOrNoOptionKeepsFapilogsOwnLayout() {
        runner.withPropertyValues("logging.structured.format.console=ecs",
                "logging.structured.json.stacktrace.printer=logging-system",
                "logging.structured.json.stacktrace.root=first").run(context -> {
            assertThat(context.getBean(FapilogRuntime.class).config().structuredJson().stackTrace()).isNull();
            assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).isEmpty();
        });
        runner.withPropertyValues("logging.structured.format.console=ecs").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).config().structuredJson().stackTrace()).isNull());
    }

    @Test
    void aCustomPrinterOrTheFapilogLayoutIsReported() {
        runner.withPropertyValues("logging.structured.format.console=ecs",
                "logging.structured.json.stacktrace.printer=com.acme.ShortPrinter").run(context -> {
            assertThat(context.getBean(FapilogRuntime.class).config().structuredJson().stackTrace()).isNull();
            assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).containsExactly(
                    "logging.structured.json.stacktrace.printer=com.acme.ShortPrinter (a custom StackTracePrinter)");
        });
        runner.withPropertyValues("logging.structured.json.stacktrace.max-length=100",
                "logging.structured.json.context.prefix=mdc").run(context ->
                assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).containsExactly(
                        "logging.structured.json.context.prefix (the fapilog layout nests them under context)",
                        "logging.structured.json.stacktrace.max-length (the fapilog layout writes exceptions as objects)"));
    }

    @Test
    void invalidStackTraceOptionsStopTheStartUp() {
        for (String invalid : new String[] { "root=middle", "max-length=0", "max-throwable-depth=-1" }) {
            runner.withPropertyValues("logging.structured.format.console=ecs",
                    "logging.structured.json.stacktrace." + invalid).run(context ->
                    assertThat(context).as(invalid).hasFailed());
        }
    }

    @Test
    void contextIncludeFalseDropsTheContextMembers() {
        runner.withPropertyValues("logging.structured.format.console=ecs",
                "logging.structured.json.context.include=false").run(context -> {
            JsonNode line = logOne(context.getBean(FapilogRuntime.class), context.getBean(InMemorySink.class));
            assertThat(line.has("request_id")).isFalse();
            assertThat(line.get("order_id").intValue()).isEqualTo(7);
            assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).isEmpty();
        });
    }

    @Test
    void contextPrefixPrefixesTheContextMembers() {
        runner.withPropertyValues("logging.structured.format.console=logstash",
                "logging.structured.json.context.prefix=mdc").run(context -> {
            JsonNode line = logOne(context.getBean(FapilogRuntime.class), context.getBean(InMemorySink.class));
            assertThat(line.get("mdc_request_id").asString()).isEqualTo("abc");
            assertThat(line.has("request_id")).isFalse();
            assertThat(line.get("order_id").intValue()).isEqualTo(7);
        });
    }

    @Test
    void gelfHostAndServiceVersionApply() {
        runner.withPropertyValues("logging.structured.format.console=gelf", "spring.application.name=orders",
                "spring.application.version=1.0", "logging.structured.gelf.host=graylog-orders",
                "logging.structured.gelf.service.version=2.5", "fapilog.enrichers.runtime=true").run(context -> {
            JsonNode line = logOne(context.getBean(FapilogRuntime.class), context.getBean(InMemorySink.class));
            assertThat(line.get("host").asString()).isEqualTo("graylog-orders");
            assertThat(line.get("_service_version").asString()).isEqualTo("2.5");
            assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).isEmpty();
        });
    }

    @Test
    void cleanHistoryOnStartAndFapilogsFileNamePatternApply(@TempDir Path directory) {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=production", "logging.file.name=" + directory.resolve("app.log"),
                        "logging.logback.rollingpolicy.clean-history-on-start=true",
                        "logging.logback.rollingpolicy.file-name-pattern=${LOG_FILE}.%d{yyyy-MM-dd}.%i").run(context -> {
                    var file = context.getBean(FapilogRuntime.class).config().file();
                    assertThat(file.cleanHistoryOnStart()).isTrue();
                    assertThat(file.gzip()).isFalse(); // the pattern has no .gz
                    assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).isEmpty();
                });
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=production", "logging.file.name=" + directory.resolve("app.log"),
                        "logging.logback.rollingpolicy.file-name-pattern=${LOG_FILE}.%d{yyyy-MM-dd}.%i.gz").run(context -> {
                    var file = context.getBean(FapilogRuntime.class).config().file();
                    assertThat(file.cleanHistoryOnStart()).isFalse();
                    assertThat(file.gzip()).isTrue();
                });
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=production", "fapilog.sinks=rotating-file",
                        "fapilog.file.path=" + directory.resolve("own.log"), "fapilog.file.clean-history-on-start=true")
                .run(context -> assertThat(context.getBean(FapilogRuntime.class).config().file().cleanHistoryOnStart())
                        .isTrue());
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=production", "logging.file.name=" + directory.resolve("app.log"),
                        "logging.logback.rollingpolicy.file-name-pattern=archive/app-%d{yyyy-MM}.%i.log",
                        "logging.file.clean-history-on-start=true").run(context ->
                        assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).containsExactly(
                                "logging.file.clean-history-on-start",
                                "logging.logback.rollingpolicy.file-name-pattern=archive/app-%d{yyyy-MM}.%i.log"
                                        + " (rolled files are named <file>.<yyyy-MM-dd>.<n>[.gz])"));
    }

    @Test
    void log4j2RollingPolicySizeHistoryAndPatternApplyOthersAreReported(@TempDir Path directory) {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=production", "logging.file.name=" + directory.resolve("app.log"),
                        "logging.log4j2.rollingpolicy.max-file-size=5MB", "logging.log4j2.rollingpolicy.max-history=4",
                        "logging.log4j2.rollingpolicy.file-name-pattern=" + directory.resolve("app.log")
                                + ".%d{yyyy-MM-dd}.%i",
                        "logging.log4j2.rollingpolicy.strategy=time").run(context -> {
                    var file = context.getBean(FapilogRuntime.class).config().file();
                    assertThat(file.maxFileSize()).isEqualTo(5L * 1024 * 1024);
                    assertThat(file.maxHistory()).isEqualTo(4);
                    assertThat(file.gzip()).isFalse();
                    assertThat(BootLoggingProperties.unhonoured(context.getEnvironment()))
                            .containsExactly("logging.log4j2.rollingpolicy.strategy");
                });
    }

    /** fapilog's ECS {@code error.stack_trace} equals Spring Boot's ECS encoder's for the same options. */
    private void assertSameStackTraceAsBoot(Throwable failure, String... options) {
        MockEnvironment environment = new MockEnvironment();
        List<String> properties = new ArrayList<>(List.of("logging.structured.format.console=ecs"));
        for (String option : options) {
            String[] pair = option.split("=", 2);
            environment.setProperty("logging.structured.json.stacktrace." + pair[0], pair[1]);
            properties.add("logging.structured.json.stacktrace." + option);
        }
        LoggerContext logback = new LoggerContext();
        logback.putObject(org.springframework.core.env.Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(logback);
        encoder.setFormat("ecs");
        encoder.start();
        LoggingEvent event = new LoggingEvent("x", logback.getLogger("com.acme.Orders"),
                ch.qos.logback.classic.Level.ERROR, "Order 7 failed", failure, null);
        event.setMDCPropertyMap(java.util.Map.of());
        String boot = JSON.readTree(new String(encoder.encode(event), StandardCharsets.UTF_8))
                .at("/error/stack_trace").asString();

        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context.getBean(FapilogRuntime.class).config().structuredJson().stackTrace())
                    .isInstanceOf(StackTraceStyle.class);
            context.getBean(FapilogRuntime.class).getLogger("com.acme.Orders").error("Order 7 failed", failure);
            InMemorySink sink = context.getBean(InMemorySink.class);
            assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
            String fapilog = JSON.readTree(sink.lines().get(0)).at("/error/stack_trace").asString();
            assertThat(fapilog).isEqualTo(boot);
        });
    }

    private static JsonNode logOne(FapilogRuntime runtime, InMemorySink sink) throws InterruptedException {
        runtime.getLogger("com.acme.Orders").bind("request_id", "abc").info("Placed", "order_id", 7);
        assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
        return JSON.readTree(sink.lines().get(0));
    }

    /** A failure with a cause that shares its last frame, with fixed frames. */
    private static IllegalStateException fixedFailure() {
        IOException cause = new IOException("timeout");
        cause.setStackTrace(new StackTraceElement[] { frame("com.acme.Net", "read", 10),
                frame("com.acme.Client", "call", 20), frame("com.acme.App", "main", 5) });
        IllegalStateException failure = new IllegalStateException("declined", cause);
        failure.setStackTrace(new StackTraceElement[] { frame("com.acme.Billing", "charge", 30),
                frame("com.acme.App", "main", 5) });
        return failure;
    }

    private static StackTraceElement frame(String type, String method, int line) {
        return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", line);
    }
}
