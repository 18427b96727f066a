package io.fapilog.logback;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.internal.FapilogThreads;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain Logback configuration with an {@code AsyncAppender} in front of fapilog's appender: the
 * events reach it on the async appender's thread, where the caller's scoped context cannot be read.
 * The appender says so once, and still tells events of fapilog's own threads by the thread that logged them.
 */
class FapilogAppenderBehindAsyncAppenderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void warnsOnceAndKeepsEventsOfFapilogsOwnThreadsOutOfTheEngine() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> fallback = new ListAppender<>();
        fallback.setContext(context);
        fallback.start();
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        FapilogAppender fapilog = new FapilogAppender();
        fapilog.setContext(context);
        fapilog.setUseDefaultRuntime(false);
        fapilog.addAppender(fallback);
        fapilog.connect(runtime);
        fapilog.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("ASYNC");
        async.addAppender(fapilog);
        async.start();
        Logger logger = context.getLogger("com.acme.behind.async");
        logger.setAdditive(false);
        logger.addAppender(async);
        try {
            MDC.put("mdc_key", "mdc-val");
            try (var scope = Fapilog.withContext("request_id", "r-1")) {
                logger.info("order placed");
                logger.info("order shipped");
            } finally {
                MDC.remove("mdc_key");
            }
            CountDownLatch logged = new CountDownLatch(1);
            CountDownLatch appended = new CountDownLatch(1);
            Thread own = FapilogThreads.newThread(() -> {
                logger.info("logged inside a sink's write");
                logged.countDown();
                await(appended); // still running fapilog's work when the async appender hands the event on
            }, "fapilog-sink-test");
            own.start();
            Thread application = new Thread(() -> logger.info("logged by the application"), "fapilog-importer");
            application.start();
            application.join();
            logged.await(); // else a slow start could log after the async appender stopped, where nothing takes it
            async.stop(); // writes what it holds
            appended.countDown();
            own.join();
        } finally {
            logger.detachAppender(async);
            async.stop();
            fapilog.stop();
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }
        List<JsonNode> events = sink.lines().stream().map(JSON::readTree).toList();
        assertThat(events).extracting(event -> event.get("level").asString() + " " + event.get("logger").asString())
                .containsExactlyInAnyOrder("WARN " + FapilogAppender.class.getName(), "INFO com.acme.behind.async",
                        "INFO com.acme.behind.async", "INFO com.acme.behind.async");
        JsonNode warning = events.stream().filter(event -> event.get("level").asString().equals("WARN")).findFirst().orElseThrow();
        assertThat(warning.get("message").asString())
                .contains("'" + FapilogAppender.NAME + "'", "logged on '" + Thread.currentThread().getName() + "'",
                        "appended on 'AsyncAppender-Worker-ASYNC'", "not behind an AsyncAppender");
        JsonNode placed = events.stream().filter(event -> event.get("message").asString().equals("order placed")).findFirst().orElseThrow();
        assertThat(placed.get("context").get("mdc_key").asString()).isEqualTo("mdc-val");
        assertThat(events).extracting(event -> event.get("message").asString()).contains("logged by the application");
        assertThat(fallback.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("logged inside a sink's write");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
