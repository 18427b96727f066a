package io.fapilog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's logging shutdown hook stops Logback's context, which detaches every appender, while
 * other shutdown hooks and threads may still log: their SLF4J events once found no appender and
 * were lost without a word.
 */
class LogbackStopTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eventsLoggedAfterLogbackWasStoppedStillReachTheDrainedRuntime() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        try {
            LogbackBridge.connect(runtime);
            runtime.stopAndDrain(Duration.ofSeconds(10));
            LogbackBridge.disconnect(runtime);
            int drained = sink.lines().size();

            context.stop();
            LoggerFactory.getLogger("com.acme.ShutdownHook").info("after Logback stopped");

            assertThat(sink.lines()).hasSize(drained + 1);
            assertThat(JSON.readTree(sink.lines().get(drained)).get("message").asString()).isEqualTo("after Logback stopped");
            assertThat(runtime.stats().submitted()).isEqualTo(runtime.stats().processed());
            // the appender put back holds the drained runtime from its start: no warning that its events go nowhere
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .noneMatch(status -> status.getMessage().contains("no appender-ref"));
        } finally {
            context.reset();
            context.start();
            new ContextInitializer(context).autoConfig(); // as at JVM start, for the other tests
        }
    }
}
