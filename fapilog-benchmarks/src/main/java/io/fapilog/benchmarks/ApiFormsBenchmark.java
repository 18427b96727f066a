package io.fapilog.benchmarks;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.ModeSelection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;

/**
 * The caller's cost of one call in each API form, for the benchmark event's three fields: varargs
 * ({@code log.info(msg, k, v, k, v, k, v)}) next to the fluent form
 * ({@code log.atInfo().add(k, v)...log(msg)}), at an enabled level (INFO) and a disabled one (DEBUG).
 * Run with {@code -prof gc} to see the bytes per call: the disabled fluent form allocates nothing.
 *
 * <p>The engine is fapilog THREAD, preset {@code minimal}, a null sink, and the {@code drop} policy so
 * that a caller never waits for the worker: when the single worker falls behind, calls drop, which
 * costs the caller the same in both forms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ApiFormsBenchmark {

    private FapilogRuntime runtime;
    private Logger logger;
    private long seq;

    @Setup
    public void start() {
        runtime = Fapilog.builder()
                .preset(Preset.MINIMAL)
                .sinks()
                .sink(new NullSink())
                .level(Level.INFO)
                .mode(ModeSelection.THREAD)
                .queueCapacity(BenchEvent.QUEUE_CAPACITY)
                .fullPolicy(FullPolicy.DROP)
                .batchTimeout(Duration.ofMillis(10))
                .shutdownHook(false)
                .start();
        logger = runtime.getLogger(BenchEvent.LOGGER);
    }

    @TearDown
    public void stop() throws Exception {
        runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
    }

    @Benchmark
    public void varargsEnabled() {
        long s = seq++;
        logger.info(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, BenchEvent.itemId(s), SIZE_KEY, BenchEvent.size(s));
    }

    @Benchmark
    public void fluentEnabled() {
        long s = seq++;
        logger.atInfo().add(USER_KEY, USER).add(ITEM_ID_KEY, BenchEvent.itemId(s)).add(SIZE_KEY, BenchEvent.size(s))
                .log(MESSAGE);
    }

    @Benchmark
    public void varargsDisabled() {
        long s = seq++;
        logger.debug(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, BenchEvent.itemId(s), SIZE_KEY, BenchEvent.size(s));
    }

    @Benchmark
    public void fluentDisabled() {
        long s = seq++;
        logger.atDebug().add(USER_KEY, USER).add(ITEM_ID_KEY, BenchEvent.itemId(s)).add(SIZE_KEY, BenchEvent.size(s))
                .log(MESSAGE);
    }
}
