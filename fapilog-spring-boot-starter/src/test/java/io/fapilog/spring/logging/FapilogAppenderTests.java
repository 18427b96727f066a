package io.fapilog.spring.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.context.ContextScope;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FapilogAppenderTests {

    private final LoggerContext loggerContext = new LoggerContext();

    @Test
    void logbackEventBecomesAFapilogEvent() {
        IllegalStateException failure = new IllegalStateException("boom");
        LoggingEvent logback = new LoggingEvent(FapilogAppenderTests.class.getName(),
                loggerContext.getLogger("com.acme.Orders"), ch.qos.logback.classic.Level.WARN, "Order {} failed",
                failure, new Object[] { 7 });
        logback.setTimeStamp(1_700_000_000_123L);
        logback.setThreadName("http-nio-1");
        logback.setMDCPropertyMap(Map.of("request_id", "abc"));
        logback.addKeyValuePair(new KeyValuePair("order_id", 7));

        LogEvent event = FapilogAppender.toLogEvent(logback, FapilogAppender.level(logback.getLevel()));

        assertThat(event.timestampMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(event.level()).isEqualTo(Level.WARN);
        assertThat(event.loggerName()).isEqualTo("com.acme.Orders");
        assertThat(event.message()).isEqualTo("Order 7 failed");
        assertThat(event.throwable()).isSameAs(failure);
        assertThat(event.threadName()).isEqualTo("http-nio-1");
        assertThat(event.context().toMap()).isEqualTo(Map.of("request_id", "abc"));
        assertThat(event.data().toMap()).isEqualTo(Map.of("order_id", 7));
    }

    @Test
    void eventWithoutMdcOrKeyValuesHasEmptyContextAndData() {
        LoggingEvent logback = new LoggingEvent(FapilogAppenderTests.class.getName(),
                loggerContext.getLogger("com.acme"), ch.qos.logback.classic.Level.INFO, "Plain", null, null);
        logback.setMDCPropertyMap(Map.of());
        LogEvent event = FapilogAppender.toLogEvent(logback, Level.INFO);
        assertThat(event.context().isEmpty()).isTrue();
        assertThat(event.data().isEmpty()).isTrue();
        assertThat(event.throwable()).isNull();
    }

    @Test
    void bridgedEventsCarryTheScopedContextAfterTheirMdcAndTheirMarkersAsTags() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        FapilogAppender appender = new FapilogAppender(List.of());
        appender.setContext(loggerContext);
        appender.connect(runtime);
        appender.start();
        Marker audit = MarkerFactory.getDetachedMarker("audit");
        audit.add(MarkerFactory.getDetachedMarker("pci"));
        LoggingEvent logback = new LoggingEvent(FapilogAppenderTests.class.getName(),
                loggerContext.getLogger("com.acme.Payments"), ch.qos.logback.classic.Level.INFO, "Charged", null, null);
        logback.setMDCPropertyMap(Map.of("request_id", "from-mdc", "tenant", "acme"));
        logback.addMarker(audit);
        logback.addMarker(MarkerFactory.getDetachedMarker("billing"));
        try (ContextScope scope = Fapilog.withContext("job_id", "j1", "tenant", "scoped")) {
            appender.doAppend(logback);
        }
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(sink.lines()).hasSize(1);
        JsonNode event = JsonMapper.builder().build().readTree(sink.lines().get(0));
        assertThat(event.get("context").get("request_id").asString()).isEqualTo("from-mdc");
        assertThat(event.get("context").get("job_id").asString()).isEqualTo("j1");
        assertThat(event.get("context").get("tenant").asString()).isEqualTo("scoped");
        assertThat(event.get("tags").toString()).isEqualTo("[\"audit\",\"pci\",\"billing\"]");
    }

    @Test
    void levelsMapOneToOne() {
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.TRACE)).isEqualTo(Level.TRACE);
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.DEBUG)).isEqualTo(Level.DEBUG);
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.INFO)).isEqualTo(Level.INFO);
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.WARN)).isEqualTo(Level.WARN);
        assertThat(FapilogAppender.level(ch.qos.logback.classic.Level.ERROR)).isEqualTo(Level.ERROR);
    }
}
