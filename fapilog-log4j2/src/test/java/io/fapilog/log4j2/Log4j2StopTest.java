package io.fapilog.log4j2;

import io.fapilog.EngineStats;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's logging shutdown hook stops Log4j2's context; Log4j2 then hands a logger obtained
 * later to a new context, which it would configure from {@code log4j2.xml}: a logger first used at
 * exit (a shutdown hook, a bean destroyed late) wrote raw, unredacted lines to the console there.
 */
class Log4j2StopTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InMemorySink sink = new InMemorySink();
    private final FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
            .shutdownHook(false).start();
    private final PrintStream stdout = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private LoggerContext other;

    @AfterEach
    void restore() {
        System.setOut(stdout);
        runtime.close();
        if (other != null) {
            other.stop();
        }
        // As at JVM start, for the other tests: Log4j2's context configured from log4j2-test.xml.
        context().reconfigure();
        assertThat(context().getConfiguration().getRootLogger().getAppenders().values())
                .noneMatch(FapilogAppender.class::isInstance).anyMatch(ConsoleAppender.class::isInstance);
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }

    /** Connects, drains, disconnects, and stops Log4j2's context, as a Spring Boot application's exit does. */
    private LoggerContext exit() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext stopped = context();
        Log4j2Bridge.connect(runtime);
        runtime.stopAndDrain().join();
        Log4j2Bridge.disconnect(runtime);
        stopped.stop();
        return stopped;
    }

    private String stdout() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private void assertCounted() {
        EngineStats stats = runtime.stats();
        assertThat(stats.submitted()).isEqualTo(stats.processed() + stats.dropped() + stats.filtered());
    }

    @Test
    void aLoggerFirstObtainedAfterLog4j2WasStoppedWritesToTheDrainedRuntimeMasked() {
        LoggerContext stopped = exit();
        int drained = sink.lines().size();
        long submitted = runtime.stats().submitted();

        LogManager.getLogger("late.logger").error("late logger after stop password=LATE-SECRET");

        assertThat(context()).isNotSameAs(stopped);
        assertThat(stdout()).doesNotContain("LATE-SECRET").doesNotContain("RAW");
        assertThat(sink.lines()).hasSize(drained + 1);
        JsonNode line = JSON.readTree(sink.lines().get(drained));
        assertThat(line.get("logger").asString()).isEqualTo("late.logger");
        assertThat(line.get("level").asString()).isEqualTo("ERROR");
        assertThat(line.get("message").asString()).isEqualTo("late logger after stop password=***");
        assertThat(String.join("\n", sink.lines())).doesNotContain("LATE-SECRET");
        assertThat(runtime.stats().submitted()).isEqualTo(submitted + 1);
        assertCounted();
    }

    /** Log4j2's levels still gate, as the last configuration had them; a logger obtained before the stop works too. */
    @Test
    void theLevelsOfTheLastConfigurationStillApplyAfterTheStop() {
        org.apache.logging.log4j.Logger early = LogManager.getLogger("com.acme.Early"); // as a static field holds it
        exit();
        int drained = sink.lines().size();

        LogManager.getLogger("com.acme.Late").debug("below the level Log4j2 had");
        LogManager.getLogger("com.acme.Late").info("late info token=LATE-TOKEN");
        early.warn("early warn password=EARLY-SECRET");

        assertThat(sink.lines()).hasSize(drained + 2);
        assertThat(JSON.readTree(sink.lines().get(drained)).get("message").asString()).isEqualTo("late info token=***");
        assertThat(JSON.readTree(sink.lines().get(drained + 1)).get("message").asString()).isEqualTo("early warn password=***");
        assertThat(stdout()).doesNotContain("SECRET").doesNotContain("TOKEN");
        assertCounted();
    }

    /**
     * Log4j2 stopped while the runtime still runs (an application's own LogManager.shutdown(), Log4j2's
     * shutdown hook before fapilog's drain): later events, of loggers obtained before and after, are
     * written by the runtime. The bridge had put itself into the stop's configuration, all off, and
     * every later event was lost without a word.
     */
    @Test
    void log4j2StoppedWhileTheRuntimeRunsStillHandsItLaterEvents() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        org.apache.logging.log4j.Logger early = LogManager.getLogger("com.acme.Early");
        Log4j2Bridge.connect(runtime);
        LogManager.shutdown();

        early.warn("early after shutdown password=EARLY-SECRET");
        LogManager.getLogger("com.acme.Late").info("late after shutdown");
        runtime.flush().join();

        assertThat(sink.lines()).extracting(line -> JSON.readTree(line).get("message").asString())
                .contains("early after shutdown password=***", "late after shutdown");
        assertThat(stdout()).doesNotContain("EARLY-SECRET");
        Log4j2Bridge.disconnect(runtime);
        assertCounted();
    }

    /**
     * The stop turns every logger off, then stops the last configuration's appenders, which can take
     * a while (a file's flush): what a thread logged meanwhile, and what the stopping appender logged
     * itself, was lost without a word. The bridge hands the context the late events' configuration as
     * soon as the loggers are off: every event logged once the appenders stop is written, once.
     */
    @Test
    void eventsLoggedWhileTheStopStopsTheAppendersAreWritten() throws Exception {
        LoggerContext context = context();
        Log4j2Bridge.connect(runtime);
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch loggedDuringTheStop = new CountDownLatch(1);
        AbstractAppender slowToStop = new AbstractAppender("slow-to-stop", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
            }

            @Override
            public boolean stop(long timeout, TimeUnit timeUnit) {
                stopping.set(true);
                LogManager.getLogger("com.acme.Stopping").warn("from a stopping appender password=STOPPING-SECRET");
                try {
                    loggedDuringTheStop.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.stop(timeout, timeUnit);
            }
        };
        slowToStop.start();
        context.getConfiguration().addAppender(slowToStop);
        context.getConfiguration().getRootLogger().addAppender(slowToStop, null, null);
        context.updateLoggers();
        int[] logged = new int[1];
        int[] firstDuringTheStop = {-1};
        Thread worker = new Thread(() -> {
            org.apache.logging.log4j.Logger log = LogManager.getLogger("com.acme.Worker");
            while (firstDuringTheStop[0] < 0 || logged[0] < firstDuringTheStop[0] + 1_000) {
                if (firstDuringTheStop[0] < 0 && stopping.get()) {
                    firstDuringTheStop[0] = logged[0];
                }
                log.info("event {}", logged[0]++);
                if (firstDuringTheStop[0] >= 0 && logged[0] == firstDuringTheStop[0] + 100) {
                    loggedDuringTheStop.countDown();
                }
            }
        });
        worker.start();
        context.stop();
        worker.join();
        runtime.flush().join();

        boolean[] written = new boolean[logged[0]];
        for (String line : sink.lines()) {
            String message = JSON.readTree(line).get("message").asString();
            if (message.startsWith("event ")) {
                int n = Integer.parseInt(message.substring("event ".length()));
                assertThat(written[n]).as("event %d written twice", n).isFalse();
                written[n] = true;
            }
        }
        for (int n = firstDuringTheStop[0]; n < logged[0]; n++) {
            assertThat(written[n]).as("event %d, logged while the appenders stopped or after", n).isTrue();
        }
        assertThat(sink.lines()).filteredOn(line -> line.contains("from a stopping appender"))
                .singleElement().satisfies(line -> assertThat(line).contains("password=***"));
        assertCounted();
    }

    /**
     * The late events' configuration is built ahead, when a drained runtime is disconnected: a
     * runtime connected after that, still running at the stop, is the one the stop's configuration
     * writes to.
     */
    @Test
    void theStopWritesToTheRuntimeConnectedAfterADrainedOne() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        InMemorySink firstSink = new InMemorySink();
        FapilogRuntime first = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(firstSink).shutdownHook(false).start();
        Log4j2Bridge.connect(first);
        first.stopAndDrain().join();
        Log4j2Bridge.disconnect(first);
        Log4j2Bridge.connect(runtime);

        context().stop();
        LogManager.getLogger("com.acme.Late").warn("after the stop");
        runtime.flush().join();

        assertThat(sink.lines()).extracting(line -> JSON.readTree(line).get("message").asString()).contains("after the stop");
        assertThat(firstSink.lines()).noneMatch(line -> line.contains("after the stop"));
        Log4j2Bridge.disconnect(runtime);
        assertCounted();
    }

    /** Stopped again (Log4j2's own shutdown, a second hook), the context that follows still writes to the runtime. */
    @Test
    void aSecondStopKeepsTheBridge() {
        exit();
        context().stop();
        int drained = sink.lines().size();

        LogManager.getLogger("late.again").error("second stop password=AGAIN-SECRET");

        assertThat(sink.lines()).hasSize(drained + 1);
        assertThat(JSON.readTree(sink.lines().get(drained)).get("message").asString()).isEqualTo("second stop password=***");
        assertThat(stdout()).doesNotContain("AGAIN-SECRET");
        assertCounted();
    }

    /**
     * A restart in the same JVM into an application without fapilog: Boot configures Log4j2 from its
     * file again, with no runtime running, and that application's own exit stops it. Its late events
     * are Log4j2's, not the previous application's drained runtime's: the bridge let go of that one
     * at the reconfiguration (it held it, and the previous application's classes, for good).
     */
    @Test
    void aReconfigurationWithNoRuntimeRunningLetsGoOfTheDrainedOne() {
        exit();
        context().reconfigure();
        int drained = sink.lines().size();

        context().stop();
        LogManager.getLogger("next.application").error("the next application's late event");

        assertThat(sink.lines()).hasSize(drained);
        assertThat(context().getConfiguration().getRootLogger().getAppenders().values())
                .noneMatch(FapilogAppender.class::isInstance);
    }

    /**
     * A thread that obtains a logger in the instant between the stop and the bridge's turn gets the
     * new context started from Log4j2's file; the bridge gives that context its configuration at once.
     */
    @Test
    void aContextStartedFromLog4j2sFileRightAfterTheStopIsGivenTheBridge() {
        // A context the bridge has not followed yet (a bridge disconnected while running does not follow its stop) ...
        FapilogRuntime first = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(new InMemorySink()).shutdownHook(false).start();
        Log4j2Bridge.connect(first);
        Log4j2Bridge.disconnect(first);
        first.close();
        LoggerContext previous = context();
        previous.stop();
        assertThat(context()).isNotSameAs(previous);
        assertThat(context().getConfiguration().getRootLogger().getAppenders().values()).anyMatch(ConsoleAppender.class::isInstance);
        // ... so that this listener, registered before the bridge's, runs first, as another thread would have.
        org.apache.logging.log4j.Logger[] racer = new org.apache.logging.log4j.Logger[1];
        context().addShutdownListener(stopped -> racer[0] = LogManager.getLogger("com.acme.Racer"));
        exit();
        int drained = sink.lines().size();

        racer[0].error("raced password=RACE-SECRET");

        assertThat(sink.lines()).hasSize(drained + 1);
        assertThat(JSON.readTree(sink.lines().get(drained)).get("message").asString()).isEqualTo("raced password=***");
        assertThat(stdout()).doesNotContain("RACE-SECRET");
        assertCounted();
    }

    /** A runtime connected after the stop takes the events; disconnected while running, Log4j2's own configuration returns. */
    @Test
    void aRuntimeConnectedAfterTheStopAndDisconnectedGivesLog4j2ItsConfigurationBack() {
        exit();
        InMemorySink nextSink = new InMemorySink();
        FapilogRuntime next = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(nextSink).shutdownHook(false).start();
        try {
            Log4j2Bridge.connect(next);
            LogManager.getLogger("com.acme.Next").warn("to the next runtime");
            next.flush().join();
            assertThat(nextSink.lines()).anyMatch(line -> line.contains("to the next runtime"));

            Log4j2Bridge.disconnect(next);
            assertThat(context().getConfiguration().getRootLogger().getAppenders().values())
                    .noneMatch(FapilogAppender.class::isInstance).anyMatch(ConsoleAppender.class::isInstance);
        } finally {
            next.close();
        }
    }

    /** Another class loader's context (another application in the JVM) keeps its own configuration and appenders. */
    @Test
    void anotherClassLoadersContextIsLeftAlone() throws Exception {
        URL config = Log4j2StopTest.class.getResource("/log4j2-test.xml");
        ClassLoader otherLoader = new URLClassLoader(new URL[0], Log4j2StopTest.class.getClassLoader());
        other = (LoggerContext) LogManager.getContext(otherLoader, false, config.toURI());
        assertThat(other).isNotSameAs(context());

        exit();
        LogManager.getLogger("late.logger").error("late password=LATE-SECRET");

        assertThat(other.isStarted()).isTrue();
        assertThat(other.getConfiguration().getRootLogger().getAppenders().values())
                .noneMatch(FapilogAppender.class::isInstance).anyMatch(ConsoleAppender.class::isInstance);
        assertThat(LogManager.getContext(otherLoader, false)).isSameAs(other);

        // Stopped in turn, it is not given the bridge either.
        other.stop();
        LoggerContext next = (LoggerContext) LogManager.getContext(otherLoader, false, config.toURI());
        other = next;
        assertThat(next.getConfiguration().getRootLogger().getAppenders().values())
                .noneMatch(FapilogAppender.class::isInstance).anyMatch(ConsoleAppender.class::isInstance);
        List<String> lines = sink.lines();
        assertThat(String.join("\n", lines)).doesNotContain("LATE-SECRET");
    }
}
