package io.fapilog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's logging shutdown hook stops Logback's context, which detaches every appender, while
 * other shutdown hooks and threads may still log: their SLF4J events once found no appender and
 * were lost without a word, after the stop and while it reset the context.
 */
class LogbackStopTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final InMemorySink sink = new InMemorySink();
    private final FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();

    /** Logback as at JVM start, for the other tests: the reset also puts back levels and additivity. */
    @AfterEach
    void restore() throws Exception {
        runtime.close();
        if (!context.getConfigurationLock().tryLock(10, TimeUnit.SECONDS)) {
            throw new AssertionError("Logback's configuration lock is held: a stop is stuck"); // not a hang of the build
        }
        context.getConfigurationLock().unlock();
        context.reset();
        context.getStatusManager().clear();
        context.start();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void eventsLoggedAfterLogbackWasStoppedStillReachTheDrainedRuntime() throws Exception {
        LogbackBridge.connect(runtime);
        runtime.stopAndDrain(Duration.ofSeconds(10));
        LogbackBridge.disconnect(runtime);
        int drained = sink.lines().size();

        context.stop();
        LoggerFactory.getLogger("com.acme.ShutdownHook").info("after Logback stopped");

        assertThat(sink.lines()).hasSize(drained + 1);
        assertThat(JSON.readTree(sink.lines().get(drained)).get("message").asString()).isEqualTo("after Logback stopped");
        assertCounted();
        // the appender put back holds the drained runtime from its start: no warning that its events go nowhere
        assertNoStatusSaying("no appender-ref");
    }

    /**
     * Logback's stop removes every listener of the context, its own included: the bridge must come
     * back after a second stop too (Spring Boot stops Logback when it initializes logging for another
     * application in the same JVM, a test's or a DevTools restart's, and again at exit).
     */
    @Test
    void eventsLoggedAfterASecondStopStillReachTheRuntime() throws Exception {
        LogbackBridge.connect(runtime);
        context.stop();
        context.start();
        LoggerFactory.getLogger("com.acme.Restarted").info("between the stops");
        context.stop();
        LoggerFactory.getLogger("com.acme.ShutdownHook").info("after the second stop");
        runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(messagesOf("com.acme."))
                .containsExactly("between the stops", "after the second stop");
    }

    /**
     * Events logged at each step of the stop's reset: while the root's other appenders stop (fapilog's
     * is stopped and still attached), while the loggers below the root are reset (the root has no
     * appender left), and when the reset's listeners are told (the turbo filters are gone).
     */
    @Test
    void eventsLoggedWhileTheStopResetsLogbackAreWritten() throws Exception {
        LogbackBridge.connect(runtime);
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logsWhenStopped(context, "root-appender-stopping"));
        context.getLogger("com.acme.child").addAppender(logsWhenStopped(context, "child-appender-stopping"));
        context.addListener(new LogsOnReset());

        context.stop();
        LoggerFactory.getLogger("com.acme.Hook").info("after the stop");
        runtime.stopAndDrain(Duration.ofSeconds(10));

        List<String> messages = new ArrayList<>();
        for (String line : sink.lines()) {
            messages.add(JSON.readTree(line).get("message").asString());
        }
        assertThat(messages).containsSubsequence(
                "root-appender-stopping 0", "root-appender-stopping 1", "root-appender-stopping 2 (fluent)",
                "child-appender-stopping 0", "child-appender-stopping 1", "child-appender-stopping 2 (fluent)",
                "reset 0", "reset 1", "reset 2 (fluent)",
                "after the stop");
        assertThat(sink.lines()).filteredOn(line -> line.contains("(fluent)")).allMatch(line -> line.contains("\"step\""));
        assertCounted();
        assertNoStatusSaying("non started appender");
    }

    /**
     * A reset that is not a stop (a reconfiguration's first step): what is logged during it is
     * written, and the bridge is left for the configuration's end to install again.
     */
    @Test
    void aPlainResetForwardsWhatIsLoggedDuringItAndLeavesTheBridgeToTheReconfiguration() throws Exception {
        LogbackBridge.connect(runtime);
        context.getLogger("com.acme.child").addAppender(logsWhenStopped(context, "child-appender-stopping"));

        context.reset();

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(FapilogAppender.NAME)).isNull();
        assertThat(context.getTurboFilterList()).isEmpty();
        runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(messagesOf("com.acme."))
                .containsExactly("child-appender-stopping 0", "child-appender-stopping 1", "child-appender-stopping 2 (fluent)");
    }

    /** While the reset runs, the loggers' levels and the other turbo filters decide what is written, as before it. */
    @Test
    void duringTheResetLevelsAndTurboFiltersStillDecide() throws Exception {
        FapilogRuntime everyLevel = Fapilog.builder().preset(Preset.MINIMAL).level(io.fapilog.Level.TRACE)
                .sinks().sink(sink).shutdownHook(false).start();
        List<Boolean> probes = new ArrayList<>();
        LogbackBridge.connect(everyLevel);
        context.getLogger("com.acme.Quiet").setLevel(ch.qos.logback.classic.Level.WARN);
        TurboFilter byMessage = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, Logger logger, ch.qos.logback.classic.Level level, String format,
                    Object[] params, Throwable t) {
                if (format == null) {
                    return FilterReply.NEUTRAL;
                }
                return format.contains("denied") ? FilterReply.DENY
                        : format.contains("accepted") ? FilterReply.ACCEPT : FilterReply.NEUTRAL;
            }
        };
        byMessage.start();
        context.addTurboFilter(byMessage);
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(whenStopped(context, "logs-when-stopped", () -> {
            org.slf4j.Logger quiet = LoggerFactory.getLogger("com.acme.Quiet");
            quiet.info("quiet info");
            quiet.warn("quiet warn");
            quiet.warn("quiet warn denied");
            quiet.debug("quiet debug accepted");
            quiet.atWarn().addKeyValue("step", "fluent").log("quiet fluent warn");
            probes.add(quiet.isInfoEnabled());
            probes.add(quiet.isWarnEnabled());
        }));

        context.stop();
        everyLevel.stopAndDrain(Duration.ofSeconds(10));

        assertThat(messagesOf("com.acme.Quiet"))
                .containsExactly("quiet warn", "quiet debug accepted", "quiet fluent warn");
        assertThat(probes).containsExactly(false, true);
    }

    /**
     * Appenders the bridge leaves in place, and a logger that is not additive with an appender of its
     * own, get during the stop what they got before it; fapilog gets what it got before, no more.
     */
    @Test
    void duringTheResetOtherAppendersAndLoggersThatAreNotAdditiveKeepTheirEvents() throws Exception {
        Logger audit = context.getLogger("com.acme.Audit");
        ListAppender<ILoggingEvent> other = started(new ListAppender<>(), context, "other");
        ListAppender<ILoggingEvent> auditTrail = started(new ListAppender<>(), context, "audit");
        audit.setAdditive(false);
        audit.addAppender(auditTrail);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(whenStopped(context, "logs-when-stopped", () -> {
            LoggerFactory.getLogger("com.acme.App").info("app during the reset");
            LoggerFactory.getLogger("com.acme.Audit").info("audit during the reset");
        }));
        root.addAppender(other);
        LogbackBridge.connect(runtime);
        context.getLogger("com.acme.child").addAppender(logsWhenStopped(context, "child-appender-stopping"));

        LoggerFactory.getLogger("com.acme.App").info("app before");
        LoggerFactory.getLogger("com.acme.Audit").info("audit before");
        context.stop();
        runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(other.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("app before", "app during the reset");
        assertThat(auditTrail.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("audit before", "audit during the reset");
        assertThat(messagesOf("com.acme."))
                .containsExactly("app before", "app during the reset",
                        "child-appender-stopping 0", "child-appender-stopping 1", "child-appender-stopping 2 (fluent)");
    }

    /** The bridge connected and disconnected while another thread resets Logback: neither ever throws. */
    @Test
    void connectingWhileLogbackIsResetNeverThrows() throws Exception {
        List<Throwable> thrown = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean connecting = new AtomicBoolean(true);
        Thread connector = new Thread(() -> {
            for (int i = 0; i < 50_000; i++) {
                try {
                    LogbackBridge.connect(runtime);
                    LogbackBridge.disconnect(runtime);
                } catch (Throwable e) {
                    thrown.add(e);
                }
            }
            connecting.set(false);
        });
        Thread resetter = new Thread(() -> {
            while (connecting.get()) {
                try {
                    context.reset();
                    LoggerFactory.getLogger("com.acme.Resetter").info("reset");
                } catch (Throwable e) {
                    thrown.add(e);
                }
            }
        });
        connector.start();
        resetter.start();
        connector.join();
        resetter.join();

        assertThat(thrown).isEmpty();
        runtime.stopAndDrain(Duration.ofSeconds(10));
        assertCounted();
    }

    private static <A extends ch.qos.logback.core.Appender<ILoggingEvent>> A started(A appender, LoggerContext context, String name) {
        appender.setName(name);
        appender.setContext(context);
        appender.start();
        return appender;
    }

    /**
     * A logger whose level is above the event's keeps its level while the reset runs, also once the
     * reset has set it to DEBUG with every other logger it passed: the reset's appender on a logger
     * below it logs after that.
     */
    @Test
    void duringTheResetALoggerKeepsItsLevelAfterTheResetPassedIt() throws Exception {
        LogbackBridge.connect(runtime);
        context.getLogger("com.acme.Quiet").setLevel(ch.qos.logback.classic.Level.WARN);
        context.getLogger("com.acme.Quiet.Later").addAppender(whenStopped(context, "logs-when-stopped", () -> {
            org.slf4j.Logger quiet = LoggerFactory.getLogger("com.acme.Quiet");
            quiet.info("quiet info during the reset");
            quiet.warn("quiet warn during the reset");
        }));

        context.stop();
        runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(messagesOf("com.acme.Quiet"))
                .containsExactly("quiet warn during the reset");
    }

    /**
     * An appender whose append is synchronized and logs through SLF4J (a library it uses) while
     * another thread's event, handed over during the stop, waits for it (the reset has not reached
     * its logger yet): the stop completes, and every event of the two is written.
     */
    @Test
    void aSynchronizedAppenderThatLogsWhileTheStopRunsNeverHoldsTheStopUp() throws Exception {
        LogbackBridge.connect(runtime);
        Logger resetFirst = context.getLogger("com.acme.a"); // made first: the reset reaches it before com.acme.x
        Thread[] stopping = new Thread[1];
        Thread[] waiting = new Thread[1];
        CountDownLatch appending = new CountDownLatch(1);
        context.getLogger("com.acme.x").addAppender(started(new AppenderBase<ILoggingEvent>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().equals("first")) {
                    appending.countDown();
                    awaitState(() -> waiting[0], Thread.State.BLOCKED); // handed over, waiting for this appender
                    awaitState(() -> stopping[0], Thread.State.TERMINATED, Thread.State.WAITING);
                    LoggerFactory.getLogger("com.acme.lib").info("logged by the appender's library");
                }
            }
        }, context, "synchronized-and-logging"));
        resetFirst.addAppender(whenStopped(context, "starts-a-logging-thread-when-stopped", () -> {
            waiting[0] = daemon(() -> LoggerFactory.getLogger("com.acme.x").info("during the stop"));
            awaitState(() -> waiting[0], Thread.State.BLOCKED);
        }));
        Thread logging = daemon(() -> LoggerFactory.getLogger("com.acme.x").info("first"));
        appending.await();

        stopping[0] = daemon(context::stop);
        stopping[0].join(TimeUnit.SECONDS.toMillis(30));
        assertThat(stopping[0].isAlive()).as("Logback's stop is stuck").isFalse();
        logging.join();
        waiting[0].join();
        runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(sink.lines()).extracting(line -> JSON.readTree(line).get("message").asString())
                .contains("logged by the appender's library", "during the stop");
    }

    private void assertCounted() {
        assertThat(runtime.stats().submitted()).isEqualTo(runtime.stats().processed());
    }

    private void assertNoStatusSaying(String text) {
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(status -> status.getMessage().contains(text));
    }

    /** The messages the sink wrote of the events whose lines hold {@code text} (a logger's name, say). */
    private List<String> messagesOf(String text) {
        return sink.lines().stream().filter(line -> line.contains(text))
                .map(line -> JSON.readTree(line).get("message").asString()).toList();
    }

    /** Started as a daemon: a thread stuck in a deadlock must not keep the test JVM from exiting. */
    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits, at most 10 s, until the thread is in one of the states (a thread not made yet is in none). */
    private static void awaitState(java.util.function.Supplier<Thread> thread, Thread.State... states) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
                && (thread.get() == null || !java.util.Arrays.asList(states).contains(thread.get().getState()))) {
            Thread.onSpinWait();
        }
    }

    /**
     * Threads logging without pause through the stop, which takes a while to stop another appender
     * of the root logger (until each thread has logged 100 events meanwhile): every event logged
     * during the stop and after it is written, once; at most the one each thread had in flight when
     * the stop began may be lost (it had passed Logback's turbo filters before {@link ResetBridge}
     * came in, and reached the root logger's appenders after the reset had taken them away).
     */
    @Test
    void threadsLoggingThroughTheStopLoseNothingLoggedDuringOrAfterIt() throws Exception {
        int threads = 8;
        int[] logged = new int[threads];
        int[] firstAfterTheStop = new int[threads];
        int[] firstDuringTheStop = new int[threads];
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch allLogging = new CountDownLatch(threads);
        CountDownLatch loggedDuringTheStop = new CountDownLatch(threads);
        LogbackBridge.connect(runtime);
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(whenStopped(context, "slow-to-stop", () -> {
            stopping.set(true);
            try {
                loggedDuringTheStop.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        List<Thread> loggers = IntStream.range(0, threads).mapToObj(t -> new Thread(() -> {
            org.slf4j.Logger log = LoggerFactory.getLogger("com.acme.Worker" + t);
            firstDuringTheStop[t] = -1;
            firstAfterTheStop[t] = -1;
            while (firstAfterTheStop[t] < 0 || logged[t] < firstAfterTheStop[t] + 1_000) {
                if (firstDuringTheStop[t] < 0 && stopping.get()) {
                    firstDuringTheStop[t] = logged[t];
                }
                if (firstAfterTheStop[t] < 0 && stopped.get()) {
                    firstAfterTheStop[t] = logged[t];
                }
                log.info("event {} {}", t, logged[t]++);
                if (logged[t] == 100) {
                    allLogging.countDown();
                }
                if (firstDuringTheStop[t] >= 0 && logged[t] == firstDuringTheStop[t] + 100) {
                    loggedDuringTheStop.countDown();
                }
            }
        })).toList();
        loggers.forEach(Thread::start);
        allLogging.await();
        context.stop();
        stopped.set(true);
        for (Thread thread : loggers) {
            thread.join();
        }
        runtime.stopAndDrain(Duration.ofSeconds(30));

        boolean[][] written = new boolean[threads][];
        for (int t = 0; t < threads; t++) {
            written[t] = new boolean[logged[t]];
        }
        int lines = 0;
        for (String line : sink.lines()) {
            String[] words = JSON.readTree(line).get("message").asString().split(" ");
            if (words[0].equals("event")) {
                int t = Integer.parseInt(words[1]);
                int n = Integer.parseInt(words[2]);
                assertThat(written[t][n]).as("event %d %d written twice", t, n).isFalse();
                written[t][n] = true;
                lines++;
            }
        }
        int lost = 0;
        for (int t = 0; t < threads; t++) {
            for (int n = 0; n < logged[t]; n++) {
                if (!written[t][n]) {
                    assertThat(n).as("thread %d lost event %d, logged during the stop or after it (from %d; %s)", t, n,
                                    firstDuringTheStop[t], runtime.stats())
                            .isLessThan(firstDuringTheStop[t]);
                    lost++;
                }
            }
        }
        assertThat(lost).as("events lost of %d written", lines).isLessThanOrEqualTo(threads);
        assertCounted();
    }

    /** An appender that logs three events through SLF4J when Logback stops it. */
    private static AppenderBase<ILoggingEvent> logsWhenStopped(LoggerContext context, String what) {
        return whenStopped(context, what, () -> logThree("com.acme.Hook", what));
    }

    /** A started appender that takes no event and runs {@code whileStopping} when Logback stops it. */
    private static AppenderBase<ILoggingEvent> whenStopped(LoggerContext context, String name, Runnable whileStopping) {
        return started(new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
            }

            @Override
            public void stop() {
                whileStopping.run();
                super.stop();
            }
        }, context, name);
    }

    private static void logThree(String logger, String what) {
        org.slf4j.Logger log = LoggerFactory.getLogger(logger);
        log.info("{} 0", what);
        log.warn(what + " 1");
        log.atInfo().addKeyValue("step", what).log(what + " 2 (fluent)");
    }

    private static final class LogsOnReset implements LoggerContextListener {
        @Override
        public boolean isResetResistant() {
            return false;
        }

        @Override
        public void onReset(LoggerContext context) {
            logThree("com.acme.Hook", "reset");
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, ch.qos.logback.classic.Level level) {
        }
    }

}
