package io.fapilog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge on SLF4J's own Logback context: what happens to events once the last runtime is disconnected. */
class LogbackBridgeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRuntimeDisconnectedAfterItsDrainWritesTheEventsLoggedLater() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = runtime(sink);
        LogbackBridge.connect(runtime);
        LoggerFactory.getLogger("com.acme.Running").info("while running");
        runtime.stopAndDrain(Duration.ofSeconds(10));
        LogbackBridge.disconnect(runtime);
        int drained = sink.lines().size(); // the bridge's installation notice and "while running"
        assertThat(drained).isEqualTo(2);

        assertThat(rootAppenders()).anyMatch(FapilogAppender.class::isInstance).noneMatch(ConsoleAppender.class::isInstance);
        LoggerFactory.getLogger("com.acme.Late").warn("after the disconnect");
        assertThat(sink.lines()).hasSize(drained + 1);
        assertThat(JSON.readTree(sink.lines().get(drained)).get("message").asString()).isEqualTo("after the disconnect");
        assertThat(runtime.stats().processed()).isEqualTo(drained + 1);
        assertThat(runtime.stats().submitted()).isEqualTo(drained + 1);

        // A runtime connected later takes over; disconnected while running, the console comes back.
        InMemorySink nextSink = new InMemorySink();
        FapilogRuntime next = runtime(nextSink);
        LogbackBridge.connect(next);
        LogbackBridge.disconnect(next);
        next.stopAndDrain(Duration.ofSeconds(10));
        assertThat(rootAppenders()).noneMatch(FapilogAppender.class::isInstance).anyMatch(ConsoleAppender.class::isInstance);
        LoggerFactory.getLogger("com.acme.Console").info("to the console again");
        assertThat(sink.lines()).hasSize(drained + 1);
        assertThat(nextSink.lines()).isEmpty();
    }

    private static FapilogRuntime runtime(InMemorySink sink) {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
    }

    private static List<Appender<?>> rootAppenders() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<?>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }
}
