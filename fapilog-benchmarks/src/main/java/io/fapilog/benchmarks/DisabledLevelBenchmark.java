package io.fapilog.benchmarks;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Logger;
import io.fapilog.Preset;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;

/**
 * What a log statement costs when its level is disabled: a DEBUG call on loggers at INFO, fapilog in
 * each way a user gets a logger, next to Log4j2 (all-async loggers, as {@link Log4j2Benchmark}) and
 * Logback (through its SLF4J API). Run with {@code -prof gc} for the bytes per call. The {@code *Boxed}
 * variants pass an int and a long, whose boxing is the caller's cost in every library; the
 * {@code *Strings} ones pass String values only.
 *
 * <p>{@link #setup()} also checks that a level changed at run time ({@link FapilogRuntime#setLevel})
 * reaches loggers made before the change, and fails the run when it does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = "-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector")
public class DisabledLevelBenchmark {

    static final String LONG_NAME =
            "com.acme.shop.module42.service.internal.order.processing.OrderProcessingServiceImpl$Worker";
    static final String ITEM = "item-1";
    static final String SIZE = "large";

    private FapilogRuntime runtime;
    private FapilogRuntime prefixedRuntime;
    private Logger fapilog;
    private Logger bound;
    private Logger staticLogger;
    private Logger staticBound;
    private Logger manyPrefixes;
    private Logger levelChanged;

    private org.apache.logging.log4j.Logger log4j2;
    private ch.qos.logback.classic.LoggerContext logbackContext;
    private org.slf4j.Logger logback;

    private long seq;

    @Setup
    public void setup() {
        // Preset.PRODUCTION as shipped (INFO), only the sink replaced.
        runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(new NullSink()).shutdownHook(false).start();
        fapilog = runtime.getLogger(BenchEvent.LOGGER);
        bound = fapilog.bind("request_id", "r-1", "tenant", "acme");
        Fapilog.setDefaultRuntime(runtime); // what the Spring starter does with the application's runtime
        staticLogger = Fapilog.getLogger("bench.static");
        staticBound = staticLogger.bind("request_id", "r-1");

        // 50 prefixes configured (as 50 logging.level.* entries), a long logger name under one of them.
        var builder = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(new NullSink()).shutdownHook(false);
        for (int k = 0; k < 50; k++) {
            builder.level("com.acme.shop.module" + k + ".service", k % 2 == 0 ? Level.INFO : Level.WARN);
        }
        prefixedRuntime = builder.start();
        manyPrefixes = prefixedRuntime.getLogger(LONG_NAME);
        require(!manyPrefixes.isEnabled(Level.DEBUG) && manyPrefixes.isEnabled(Level.INFO), "prefix level");
        for (int k = 50; k < 100; k++) { // and 50 more set at run time
            prefixedRuntime.setLevel("org.example.pkg" + k, Level.ERROR);
        }

        // A level changed at run time reaches a logger made before the change.
        levelChanged = runtime.getLogger("bench.changed");
        require(!levelChanged.isEnabled(Level.DEBUG), "INFO at first");
        runtime.setLevel("bench", Level.DEBUG);
        require(levelChanged.isEnabled(Level.DEBUG), "DEBUG after setLevel(bench, DEBUG)");
        require(staticLogger.isEnabled(Level.DEBUG), "static logger DEBUG after setLevel(bench, DEBUG)");
        runtime.setLevel("bench", null);
        require(!levelChanged.isEnabled(Level.DEBUG), "INFO again after setLevel(bench, null)");
        runtime.setLevel(FapilogRuntime.ROOT_LOGGER, Level.TRACE);
        require(levelChanged.isEnabled(Level.TRACE) && staticLogger.isEnabled(Level.TRACE), "root TRACE");
        runtime.setLevel(FapilogRuntime.ROOT_LOGGER, Level.INFO);
        require(!levelChanged.isEnabled(Level.DEBUG) && !staticLogger.isEnabled(Level.DEBUG)
                && !bound.isEnabled(Level.DEBUG) && !staticBound.isEnabled(Level.DEBUG), "root INFO again");

        // Log4j2 all-async loggers, root at INFO.
        org.apache.logging.log4j.core.LoggerContext context =
                (org.apache.logging.log4j.core.LoggerContext) LogManager.getContext(false);
        AbstractAppender noop = new AbstractAppender("noop", null, null, false, null) {
            @Override
            public void append(LogEvent event) {
            }
        };
        log4j2 = Log4j2Benchmark.asOnlyAppender(context, noop);
        require(!log4j2.isDebugEnabled() && log4j2.isInfoEnabled(), "Log4j2 at INFO");

        // Logback, root at INFO, called through SLF4J's interface.
        logbackContext = new ch.qos.logback.classic.LoggerContext();
        logbackContext.setName("bench");
        logbackContext.start();
        logbackContext.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.INFO);
        logback = logbackContext.getLogger(BenchEvent.LOGGER);
        require(!logback.isDebugEnabled() && logback.isInfoEnabled(), "Logback at INFO");
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("level check failed: " + what);
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        Fapilog.setDefaultRuntime(null);
        runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
        prefixedRuntime.stopAndDrain().get(30, TimeUnit.SECONDS);
        logbackContext.stop();
        ((org.apache.logging.log4j.core.LoggerContext) LogManager.getContext(false)).stop();
    }

    // ---- fapilog ----

    /** The brief's call: three pairs (varargs), an int and a long boxed by the caller. */
    @Benchmark
    public void fapilogBoxed() {
        int i = (int) seq++;
        fapilog.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, i, SIZE_KEY, 1000L);
    }

    /** Three pairs, String values only: the varargs array is the only possible allocation. */
    @Benchmark
    public void fapilogStrings() {
        fapilog.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, ITEM, SIZE_KEY, SIZE);
    }

    /** Two pairs: the fixed-arity overload, no array. */
    @Benchmark
    public void fapilogTwoPairsStrings() {
        fapilog.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, ITEM);
    }

    @Benchmark
    public void fapilogBoundBoxed() {
        int i = (int) seq++;
        bound.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, i, SIZE_KEY, 1000L);
    }

    /** The fluent form, primitive overloads of add: nothing boxed. */
    @Benchmark
    public void fapilogFluent() {
        int i = (int) seq++;
        fapilog.atDebug().add(USER_KEY, USER).add(ITEM_ID_KEY, i).add(SIZE_KEY, 1000L).log(MESSAGE);
    }

    /** {@code Fapilog.getLogger(name)}: through the default-runtime holder. */
    @Benchmark
    public void fapilogStaticBoxed() {
        int i = (int) seq++;
        staticLogger.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, i, SIZE_KEY, 1000L);
    }

    @Benchmark
    public void fapilogStaticStrings() {
        staticLogger.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, ITEM, SIZE_KEY, SIZE);
    }

    @Benchmark
    public void fapilogStaticFluent() {
        int i = (int) seq++;
        staticLogger.atDebug().add(USER_KEY, USER).add(ITEM_ID_KEY, i).add(SIZE_KEY, 1000L).log(MESSAGE);
    }

    @Benchmark
    public void fapilogStaticBoundBoxed() {
        int i = (int) seq++;
        staticBound.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, i, SIZE_KEY, 1000L);
    }

    /** A long logger name under one of 100 configured prefixes. */
    @Benchmark
    public void fapilogManyPrefixesBoxed() {
        int i = (int) seq++;
        manyPrefixes.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, i, SIZE_KEY, 1000L);
    }

    /** A logger made before its level changed at run time (DEBUG, then back to INFO). */
    @Benchmark
    public void fapilogAfterLevelChangeBoxed() {
        int i = (int) seq++;
        levelChanged.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, i, SIZE_KEY, 1000L);
    }

    /**
     * One call on a runtime's logger and one on a static logger, per operation: the call site of
     * {@code Logger.debug(String, Object...)} sees both implementations, as in an application that
     * uses both.
     */
    @Benchmark
    public void fapilogTwoKindsStrings() {
        fapilog.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, ITEM, SIZE_KEY, SIZE);
        staticLogger.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, ITEM, SIZE_KEY, SIZE);
    }

    @Benchmark
    public void fapilogBoundStrings() {
        bound.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, ITEM, SIZE_KEY, SIZE);
    }

    @Benchmark
    public void fapilogStaticBoundStrings() {
        staticBound.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, ITEM, SIZE_KEY, SIZE);
    }

    @Benchmark
    public void fapilogManyPrefixesStrings() {
        manyPrefixes.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, ITEM, SIZE_KEY, SIZE);
    }

    @Benchmark
    public void fapilogAfterLevelChangeStrings() {
        levelChanged.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, ITEM, SIZE_KEY, SIZE);
    }

    /** The caller's boxing alone, no logger: the floor of every {@code *Boxed} variant. */
    @Benchmark
    public void boxingOnly(Blackhole blackhole) {
        int i = (int) seq++;
        blackhole.consume((Object) i);
        blackhole.consume((Object) 1000L);
    }

    // ---- peers ----

    @Benchmark
    public void log4j2Boxed() {
        int i = (int) seq++;
        log4j2.debug("Processing item {} {} {}", USER, i, 1000L);
    }

    @Benchmark
    public void log4j2Strings() {
        log4j2.debug("Processing item {} {} {}", USER, ITEM, SIZE);
    }

    @Benchmark
    public void logbackBoxed() {
        int i = (int) seq++;
        logback.debug("Processing item {} {} {}", USER, i, 1000L);
    }

    @Benchmark
    public void logbackStrings() {
        logback.debug("Processing item {} {} {}", USER, ITEM, SIZE);
    }
}
