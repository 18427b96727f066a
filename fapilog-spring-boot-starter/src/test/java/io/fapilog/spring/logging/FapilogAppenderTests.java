package io.fapilog.spring.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.fapilog.FapilogRuntime;
import io.fapilog.config.RedactionSettings;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.autoconfigure.TestRuntimes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import org.slf4j.event.KeyValuePair;

import java.util.Map;

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

    /** A {@code @PreDestroy} logging after the drain: written by the drained runtime, redacted JSON, not raw text on the console. */
    @Test
    void anEventAfterTheDrainGoesThroughTheDrainedRuntimeNotTheConsole() {
        java.util.List<ILoggingEvent> console = new java.util.concurrent.CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> consoleAppender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                console.add(event);
            }
        };
        consoleAppender.start();
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = TestRuntimes.inMemory(sink, b -> b.redaction(new RedactionSettings(
                java.util.Set.of("credentials"), java.util.Set.of(), java.util.List.of(), true, false)));
        FapilogAppender appender = new FapilogAppender(java.util.List.of(consoleAppender));
        appender.connect(runtime);
        appender.start();
        runtime.stopAndDrain(Duration.ofSeconds(10));

        LoggingEvent late = new LoggingEvent(FapilogAppenderTests.class.getName(),
                loggerContext.getLogger("com.acme.Shutdown"), ch.qos.logback.classic.Level.INFO, "Closing pool", null, null);
        late.setMDCPropertyMap(Map.of());
        late.addKeyValuePair(new KeyValuePair("password", "hunter2"));
        appender.doAppend(late);

        assertThat(console).isEmpty();
        assertThat(sink.lines()).singleElement().satisfies(line -> {
            assertThat(line).contains("\"message\":\"Closing pool\"").doesNotContain("hunter2");
        });
        assertThat(runtime.stats().processed()).isEqualTo(1);
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
