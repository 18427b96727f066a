package io.fapilog.log4j2;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.apache.logging.log4j.EventLogger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FailoverAppender;
import org.apache.logging.log4j.core.appender.rewrite.RewriteAppender;
import org.apache.logging.log4j.core.appender.routing.RoutingAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.message.StructuredDataMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code log4j2-spring.xml} as teams write them (src/test/resources/fapilog-wrappers.xml): a masking
 * {@code Rewrite} around the root's output, {@code Failover} and {@code Routing} appenders around a
 * file, fapilog's own {@code <Fapilog>} declared for one logger. Each wrapper was left in place and
 * wrote every event a second time, raw and unredacted; the declared appender kept the bridge from
 * replacing anything, and the root's events never reached fapilog.
 */
class WrappingAppendersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void wrappersAroundAFileAndADeclaredAppenderAreReplacedSoEachEventIsWrittenOnceAndGivenBack(@TempDir Path dir) throws Exception {
        Path raw = dir.resolve("raw.log");
        System.setProperty("fapilog.test.raw", raw.toString());
        LoggerContext global = (LoggerContext) LogManager.getContext(false);
        URI original = global.getConfigLocation();
        global.setConfigLocation(WrappingAppendersTest.class.getResource("/fapilog-wrappers.xml").toURI());
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).level(Level.DEBUG)
                .shutdownHook(false).start();
        try {
            Log4j2Bridge.connect(runtime);
            LogManager.getLogger("com.acme.orders").info("login password=hunter2");
            LogManager.getLogger("com.acme.failover").info("failover password=hunter2");
            ThreadContext.put("tenant", "t1");
            try {
                LogManager.getLogger("com.acme.routed").info("routed password=hunter2");
                LogManager.getLogger("com.acme.tenants").info("tenant password=hunter2");
            } finally {
                ThreadContext.clearMap();
            }
            LogManager.getLogger("com.acme.declared").info("declared password=hunter2");
            EventLogger.logEvent(new StructuredDataMessage("1", "transfer", "Audit"));
            assertThat(sink.awaitSize(7, Duration.ofSeconds(5))).isTrue();

            List<JsonNode> events = sink.lines().stream().map(JSON::readTree).toList();
            JsonNode notice = events.get(0);
            assertThat(notice.get("level").asString()).isEqualTo("WARN");
            assertThat(notice.get("message").asString()).contains(
                    "[Masking, Routing on com.acme.routed, PerTenant on com.acme.tenants, Failover on com.acme.failover, FAPILOG on com.acme.declared]",
                    "Log4j2 no longer writes their files");
            assertThat(events.subList(1, 6)).extracting(event -> event.get("message").asString()).containsExactly(
                    "login password=***", "failover password=***", "routed password=***", "tenant password=***",
                    "declared password=***");
            assertThat(events.get(6).get("level").asString()).isEqualTo("AUDIT");
            assertThat(events.get(6).get("logger").asString()).isEqualTo("EventLogger");
            assertThat(Files.readString(raw)).isEmpty();

            Log4j2Bridge.disconnect(runtime);
            Configuration configuration = global.getConfiguration();
            assertThat(appenders(configuration, "")).singleElement().isInstanceOf(RewriteAppender.class);
            assertThat(appenders(configuration, "com.acme.failover")).singleElement().isInstanceOf(FailoverAppender.class);
            assertThat(appenders(configuration, "com.acme.routed")).singleElement().isInstanceOf(RoutingAppender.class);
            assertThat(appenders(configuration, "com.acme.tenants")).singleElement().isInstanceOf(RoutingAppender.class);
            assertThat(appenders(configuration, "com.acme.declared")).singleElement()
                    .satisfies(declared -> assertThat(((FapilogAppender) declared).isDeclared()).isTrue());
            LogManager.getLogger("com.acme.orders").info("after the disconnect");
            assertThat(Files.readString(raw)).isEqualTo("RAW after the disconnect\n");
        } finally {
            Log4j2Bridge.disconnect(runtime);
            runtime.close();
            global.setConfigLocation(original);
            System.clearProperty("fapilog.test.raw");
        }
    }

    private static List<Appender> appenders(Configuration configuration, String logger) {
        return List.copyOf(configuration.getLoggerConfig(logger).getAppenders().values());
    }
}
