package io.fapilog.spring.format;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.fapilog.FapilogRuntime;
import io.fapilog.config.Format;
import io.fapilog.config.SinkType;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.autoconfigure.BootLoggingProperties;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.UnusedSinkProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Boot's logging.structured.*, logging.file.* and service properties drive fapilog's layout and sinks. */
class BootStructuredLoggingTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
            .withBean("testSink", InMemorySink.class, () -> new InMemorySink("test")) // beside fapilog.sinks's in-memory: a name of its own
            .withPropertyValues("fapilog.preset=minimal", "fapilog.sinks=in-memory");

    @Test
    void structuredConsoleFormatChoosesTheLayoutUnlessFapilogFormatIsSet() {
        for (String format : new String[] { "ecs", "logstash", "gelf" }) {
            runner.withPropertyValues("logging.structured.format.console=" + format).run(context ->
                    assertThat(context.getBean(FapilogRuntime.class).config().format()).isEqualTo(Format.parse(format)));
        }
        runner.withPropertyValues("logging.structured.format.file=gelf").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).config().format()).isEqualTo(Format.GELF));
        runner.withPropertyValues("logging.structured.format.console=ecs", "fapilog.format=logstash").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).config().format()).isEqualTo(Format.LOGSTASH));
    }

    @Test
    void bootsEcsAndFapilogsEcsHaveTheSameFieldsForTheSameEvent() {
        Map<String, String> properties = Map.of("spring.application.name", "orders",
                "spring.application.version", "1.2.3",
                "logging.structured.ecs.service.environment", "prod",
                "logging.structured.ecs.service.node-name", "node-1");
        IllegalStateException failure = new IllegalStateException("boom");

        MockEnvironment environment = new MockEnvironment();
        properties.forEach(environment::setProperty);
        LoggerContext logback = new LoggerContext();
        logback.putObject(org.springframework.core.env.Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(logback);
        encoder.setFormat("ecs");
        encoder.start();
        LoggingEvent event = new LoggingEvent("x", logback.getLogger("com.acme.Orders"),
                ch.qos.logback.classic.Level.WARN, "Order 7 failed", failure, null);
        event.setThreadName("http-1");
        event.setMDCPropertyMap(Map.of("request_id", "abc"));
        event.addKeyValuePair(new KeyValuePair("order_id", 7));
        JsonNode boot = JSON.readTree(new String(encoder.encode(event), StandardCharsets.UTF_8));

        String[] values = properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        runner.withPropertyValues(values).withPropertyValues("logging.structured.format.console=ecs",
                "fapilog.enrichers.runtime=true").run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            runtime.getLogger("com.acme.Orders").bind("request_id", "abc").warn("Order 7 failed", failure, "order_id", 7);
            InMemorySink sink = context.getBean(InMemorySink.class);
            assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
            JsonNode fapilog = JSON.readTree(sink.lines().get(0));

            Set<String> fapilogOnly = new TreeSet<>(paths(fapilog));
            fapilogOnly.removeAll(paths(boot));
            Set<String> bootOnly = new TreeSet<>(paths(boot));
            bootOnly.removeAll(paths(fapilog));
            assertThat(bootOnly).isEmpty();
            // documented additions: the runtime enricher's pid and host, and ecs-logging's event.dataset
            assertThat(fapilogOnly).containsExactly("event.dataset", "host.hostname", "process.pid");
            assertThat(fapilog.at("/event/dataset").asString()).isEqualTo("orders.log");
            for (String path : new String[] { "/log/level", "/log/logger", "/service/name", "/service/version",
                    "/service/environment", "/service/node/name", "/message", "/request_id", "/error/type",
                    "/error/message", "/ecs/version" }) {
                assertThat(fapilog.at(path).asString()).as(path).isEqualTo(boot.at(path).asString());
            }
        });
    }

    @Test
    void jsonIncludeExcludeRenameAndAddApply() {
        runner.withPropertyValues("logging.structured.format.console=ecs",
                "logging.structured.json.exclude=host",
                "logging.structured.json.rename[request_id]=http.request.id",
                "logging.structured.json.rename[log.logger]=logger_name",
                "logging.structured.json.add.team=payments").run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            runtime.getLogger("com.acme.Orders").bind("request_id", "abc").info("Placed");
            InMemorySink sink = context.getBean(InMemorySink.class);
            assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
            JsonNode line = JSON.readTree(sink.lines().get(0));
            // renamed where it is, as Spring Boot does: the new name is a name, dots and all
            assertThat(line.at("/log/logger").isMissingNode()).isTrue();
            assertThat(line.at("/log/logger_name").asString()).isEqualTo("com.acme.Orders");
            assertThat(line.has("host")).isFalse();
            assertThat(line.get("http.request.id").asString()).isEqualTo("abc");
            assertThat(line.at("/http/request/id").isMissingNode()).isTrue();
            assertThat(line.has("request_id")).isFalse();
            assertThat(line.get("team").asString()).isEqualTo("payments");
        });
        runner.withPropertyValues("logging.structured.format.console=logstash",
                "logging.structured.json.include=@timestamp,message,level").run(context -> {
            context.getBean(FapilogRuntime.class).getLogger("x").info("Only three", "k", 1);
            InMemorySink sink = context.getBean(InMemorySink.class);
            assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
            assertThat(paths(JSON.readTree(sink.lines().get(0)))).containsExactly("@timestamp", "level", "message");
        });
    }

    @Test
    void serviceFieldsComeFromBootsPropertiesUnlessFapilogsAreSet() {
        runner.withPropertyValues("spring.application.name=orders", "spring.application.version=2.0",
                "logging.structured.ecs.service.environment=staging").run(context -> {
            var config = context.getBean(FapilogRuntime.class).config();
            assertThat(config.service().name()).isEqualTo("orders");
            assertThat(config.service().version()).isEqualTo("2.0");
            assertThat(config.service().env()).isEqualTo("staging");
        });
        runner.withPropertyValues("spring.application.name=orders", "logging.structured.ecs.service.name=ecs-name",
                "fapilog.service.version=3.0", "spring.application.version=2.0").run(context -> {
            var config = context.getBean(FapilogRuntime.class).config();
            assertThat(config.service().name()).isEqualTo("ecs-name");
            assertThat(config.service().version()).isEqualTo("3.0");
        });
    }

    @Test
    void bootsLogFileConfiguresTheRotatingFileSinkWhenFapilogsIsAbsent(@TempDir Path directory) {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=production",
                        "logging.file.name=" + directory.resolve("app.log"),
                        "logging.logback.rollingpolicy.max-file-size=5MB",
                        "logging.logback.rollingpolicy.max-history=3",
                        "logging.logback.rollingpolicy.total-size-cap=1GB").run(context -> {
                    var config = context.getBean(FapilogRuntime.class).config();
                    assertThat(config.sinks()).containsExactly(SinkType.STDOUT_JSON, SinkType.ROTATING_FILE);
                    assertThat(config.file().path()).isEqualTo(directory.resolve("app.log"));
                    assertThat(config.file().maxFileSize()).isEqualTo(5L * 1024 * 1024);
                    assertThat(config.file().maxHistory()).isEqualTo(3);
                    assertThat(config.file().historyInDays()).as("Logback's max-history counts days").isTrue();
                    assertThat(config.file().totalSizeCap()).isEqualTo(1024L * 1024 * 1024);
                });
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=production", "logging.file.name=" + directory.resolve("app.log"))
                .run(context -> { // Boot's defaults: 10 MB files, 7 kept, no cap
                    var file = context.getBean(FapilogRuntime.class).config().file();
                    assertThat(file.maxFileSize()).isEqualTo(10L * 1024 * 1024);
                    assertThat(file.maxHistory()).isEqualTo(7);
                    assertThat(file.historyInDays()).isTrue();
                    assertThat(file.totalSizeCap()).isZero();
                });
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=production", "logging.file.name=" + directory.resolve("app.log"),
                        "fapilog.file.max-history=5")
                .run(context -> assertThat(context.getBean(FapilogRuntime.class).config().file().historyInDays())
                        .as("fapilog's own max-history counts files").isFalse());
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.preset=production", "logging.file.path=" + directory,
                        "fapilog.file.path=" + directory.resolve("own.log")).run(context ->
                        assertThat(context.getBean(FapilogRuntime.class).config().file().path())
                                .isEqualTo(directory.resolve("own.log")));
    }

    /** Boot's console and file thresholds: the stdout sinks' and the rotating file's least level; OFF lets only AUDIT and SECURITY through. */
    @Test
    void bootsThresholdsAreTheSinksThresholds() {
        runner.withPropertyValues("fapilog.bridge.slf4j=true", "logging.threshold.console=warn", "logging.threshold.file=OFF").run(context -> {
            assertThat(context.getBean(FapilogRuntime.class).config().sinkThresholds()).isEqualTo(Map.of(
                    SinkType.STDOUT_JSON, io.fapilog.Level.WARN, SinkType.STDOUT_PRETTY, io.fapilog.Level.WARN,
                    SinkType.ROTATING_FILE, io.fapilog.Level.AUDIT));
            assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).isEmpty();
        });
        runner.run(context -> assertThat(context.getBean(FapilogRuntime.class).config().sinkThresholds()).isEmpty());
        // without the bridge Boot's own appenders keep their thresholds, and fapilog's sinks are its own
        runner.withPropertyValues("fapilog.bridge.slf4j=false", "logging.threshold.console=warn").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).config().sinkThresholds()).isEmpty());
        runner.withPropertyValues("fapilog.bridge.slf4j=true", "logging.threshold.console=loud").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("loud");
        });
    }

    @Test
    void propertiesFapilogCannotHonourAreReportedInOneWarning() {
        runner.withPropertyValues("logging.pattern.console=%msg%n", "logging.structured.json.customizer=com.acme.Mine",
                "logging.level.com.acme=DEBUG", "logging.structured.format.console=ecs",
                "logging.expect-correlation-id=true").run(context -> {
            assertThat(BootLoggingProperties.unhonoured(context.getEnvironment()))
                    .containsExactly("logging.pattern.console", "logging.structured.json.customizer");
            InMemorySink sink = context.getBean(InMemorySink.class);
            assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
            JsonNode warning = JSON.readTree(sink.lines().get(0));
            assertThat(warning.at("/log/level").asString()).isEqualTo("WARN");
            assertThat(warning.get("message").asString()).isEqualTo("logging.* properties fapilog does not apply "
                    + "(its pipeline writes these events): [logging.pattern.console, logging.structured.json.customizer]");
            assertThat(sink.lines()).hasSize(1);
        });
        runner.withPropertyValues("logging.level.root=INFO").run(context ->
                assertThat(BootLoggingProperties.warning(context.getEnvironment())).isNull());
    }

    /** Set as environment variables (a container's usual way), the same properties went unreported. */
    @Test
    void propertiesFapilogCannotHonourAreReportedWhenSetAsEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new org.springframework.core.env.SystemEnvironmentPropertySource("test-systemEnvironment", java.util.Map.of(
                        "LOGGING_PATTERN_CONSOLE", "x", "LOGGING_CONSOLE_ENABLED", "false",
                        "LOGGING_STRUCTURED_JSON_STACKTRACE_PRINTER", "com.acme.P", "LOGGING_LEVEL_COM_ACME", "debug",
                        "LOGGING_THRESHOLD_CONSOLE", "info", "LOGGING_LOGBACK_ROLLINGPOLICY_MAXFILESIZE", "1MB"))))
                .run(context -> assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).containsExactly(
                        "logging.console.enabled",
                        "logging.logback.rollingpolicy.maxfilesize (no logging.file.name or logging.file.path: "
                                + "Boot writes no file, set fapilog.file.* for fapilog's)",
                        "logging.pattern.console",
                        "logging.structured.json.stacktrace.printer=com.acme.P (a custom StackTracePrinter)"));
    }

    /**
     * Boot's rolling policy applies to the file logging.file.* names: with fapilog.file.path naming
     * fapilog's file, or no Boot file at all, a retention cap set there was dropped without a word.
     */
    @Test
    void bootsRollingPolicyThatNamesNoFileOfFapilogsIsReported(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        runner.withPropertyValues("fapilog.bridge.slf4j=true", "fapilog.sinks=in-memory,rotating-file",
                "fapilog.file.path=" + dir.resolve("own.log"), "logging.logback.rollingpolicy.total-size-cap=1GB").run(context -> {
            assertThat(context.getBean(FapilogRuntime.class).config().file().totalSizeCap()).isZero();
            assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).containsExactly(
                    "logging.logback.rollingpolicy.total-size-cap (fapilog.file.path names fapilog's file: set fapilog.file.* for it)");
        });
        runner.withPropertyValues("fapilog.bridge.slf4j=true", "logging.logback.rollingpolicy.clean-history-on-start=true").run(context ->
                assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).containsExactly(
                        "logging.logback.rollingpolicy.clean-history-on-start (no logging.file.name or logging.file.path: "
                                + "Boot writes no file, set fapilog.file.* for fapilog's)"));
        runner.withPropertyValues("fapilog.bridge.slf4j=true", "fapilog.sinks=in-memory,rotating-file",
                "logging.file.name=" + dir.resolve("boot.log"), "logging.logback.rollingpolicy.total-size-cap=1GB").run(context -> {
            assertThat(context.getBean(FapilogRuntime.class).config().file().totalSizeCap()).isEqualTo(1L << 30);
            assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).isEmpty();
        });
    }

    /** With the bridge on, Boot's file appender is fapilog's to replace: without rotating-file in the sinks set, its file would stay empty. */
    @Test
    void bootsFileSettingsAreReportedWhenTheSinksSetHaveNoFileForThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        runner.withPropertyValues("fapilog.bridge.slf4j=true", "logging.file.name=" + dir.resolve("app.log"),
                "logging.logback.rollingpolicy.max-history=3", "logging.file.max-size=10MB").run(context -> {
            InMemorySink sink = context.getBean(InMemorySink.class);
            assertThat(sink.awaitSize(2, Duration.ofSeconds(5))).isTrue();
            java.util.List<String> messages = new java.util.ArrayList<>();
            for (String line : sink.lines()) {
                messages.add(JSON.readTree(line).get("message").asString());
            }
            assertThat(messages).contains("properties of sinks that are not in fapilog.sinks [in-memory], so not used: "
                    + "[logging.file.name, logging.logback.rollingpolicy.max-history]",
                    "logging.* properties fapilog does not apply (its pipeline writes these events): [logging.file.max-size]");
        });
        runner.withPropertyValues("fapilog.bridge.slf4j=false", "logging.file.name=" + dir.resolve("app.log")).run(context ->
                assertThat(io.fapilog.spring.autoconfigure.UnusedSinkProperties.warning(context.getEnvironment(),
                        context.getBean(io.fapilog.FapilogRuntime.class).config())).as("Boot's own appender writes it").isNull());
    }

    @Test
    void settingsOfASinkThatIsNotOnAreReportedInOneWarning() {
        runner.withPropertyValues("fapilog.preset=production", "fapilog.http.endpoint=http://127.0.0.1:4318/logs",
                "fapilog.http.timeout=2s", "fapilog.file.max-history=3").run(context -> {
            InMemorySink sink = context.getBean(InMemorySink.class);
            assertThat(sink.awaitSize(1, Duration.ofSeconds(5))).isTrue();
            JsonNode warning = JSON.readTree(sink.lines().get(0));
            assertThat(warning.get("message").asString()).isEqualTo("properties of sinks that are not in "
                    + "fapilog.sinks [in-memory], so not used: [fapilog.file.max-history, fapilog.http.endpoint, fapilog.http.timeout]");
        });
        runner.withPropertyValues("fapilog.preset=production", "fapilog.sinks=stdout-json,http",
                "fapilog.http.endpoint=http://127.0.0.1:4318/logs").run(context ->
                assertThat(UnusedSinkProperties.warning(context.getEnvironment(),
                        context.getBean(FapilogRuntime.class).config())).isNull());
    }

    /** docs/migration.md: an app on Boot's structured ECS logging adds the starter and changes nothing else. */
    @Test
    void migrationFromBootsEcsNeedsNoOtherChange() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
                .withPropertyValues("spring.application.name=orders", "spring.application.version=1.4.2",
                        "logging.structured.format.console=ecs", "logging.structured.ecs.service.environment=prod",
                        "logging.level.com.acme.orders=DEBUG").run(context -> {
                    var config = context.getBean(FapilogRuntime.class).config();
                    assertThat(config.format()).isEqualTo(Format.ECS);
                    assertThat(config.service().name()).isEqualTo("orders");
                    assertThat(config.service().version()).isEqualTo("1.4.2");
                    assertThat(config.service().env()).isEqualTo("prod");
                    assertThat(config.bridgeSlf4j()).isTrue();
                    assertThat(BootLoggingProperties.unhonoured(context.getEnvironment())).isEmpty();
                });
    }

    /** docs/migration.md: fapilog.level takes fapilog's level names only. */
    @Test
    void levelNamesOutsideFapilogsStopTheStartUp() {
        for (String name : new String[] { "WARNING", "FATAL" }) {
            runner.withPropertyValues("fapilog.level=" + name)
                    .run(context -> assertThat(context).hasFailed());
        }
        runner.withPropertyValues("fapilog.level=critical").run(context -> assertThat(context).hasNotFailed());
    }

    /** Every leaf member as a dotted path. */
    private static Set<String> paths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, Set<String> paths) {
        if (!node.isObject()) {
            paths.add(prefix);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            collect(member.getValue(), prefix.isEmpty() ? member.getKey() : prefix + "." + member.getKey(), paths);
        }
    }
}
