package io.fapilog.benchmarks;

import io.fapilog.AsyncLogger;
import io.fapilog.DrainResult;
import io.fapilog.DropReason;
import io.fapilog.EngineStats;
import io.fapilog.ExecutionMode;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.ModeSelection;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;

/**
 * Open loop: one producer offers events at a fixed rate whatever the logger does (a caller that
 * was held up catches up at once, as the requests of a server keep arriving), for each mode at a
 * share of THREAD mode's capacity, and the harness reports what came out: events written and
 * dropped per second, and the caller's time in the log call (p50, p99, p99.9, ns). Under overload
 * a good engine writes near its capacity and drops exactly the excess; a bad one collapses.
 *
 * <p>Setup as in {@link FapilogBenchmark} (preset {@code minimal}, or {@code -p preset=PRODUCTION}; JSON, one worker, a null sink),
 * but with the shipped queue defaults: capacity 10,000, {@code wait} policy, {@code wait-timeout}
 * 50 ms. ASYNC callers do not wait for their {@code Mono} (fire and forget, what the docs allow);
 * BOUND_LOOP runs the producer on a Reactor {@code parallel()} thread.
 *
 * <p>{@code threadCapacity} (events/s) is THREAD mode's rate at saturation on the machine; 0
 * measures it first (one producer, closed loop, one second) in every fork. Pass it ({@code -p
 * threadCapacity=..}) so that every mode is offered the same rates. Each iteration starts a new
 * runtime, offers for {@code durationMs}, and checks {@code submitted == processed + dropped +
 * filtered} after the drain. Figures come from the {@code [offered-load]} lines and the secondary
 * results; the primary score (the iteration's time) means nothing.
 *
 * <pre>java -jar fapilog-benchmarks/target/benchmarks.jar OfferedLoad -p threadCapacity=1400000</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class OfferedLoadBenchmark {

    @Param({"THREAD", "BOUND_LOOP", "ASYNC"})
    public ModeSelection mode;

    /** Offered rate, in percent of {@link #threadCapacity}. */
    @Param({"50", "90", "150", "300"})
    public int loadPercent;

    /** THREAD mode's capacity in events/s, for {@link #preset}; 0: measure it in this fork. */
    @Param("0")
    public long threadCapacity;

    @Param("1000")
    public int durationMs;

    /** The queue's capacity (the shipped default: 10,000). */
    @Param("10000")
    public int queueCapacity;

    /** {@code MINIMAL} (the worker's own cost only) or {@code PRODUCTION} (redaction and enrichers, as shipped). */
    @Param("MINIMAL")
    public Preset preset;

    private static final Map<Preset, Long> measuredCapacity = new java.util.EnumMap<>(Preset.class);

    private long offeredRate;

    /** What one iteration measured; JMH reports these as secondary results. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Outcome {
        /** Below the target rate when the producer itself could not keep up. */
        public double offeredPerSecond;
        public double writtenPerSecond;
        public double droppedPerSecond;
        public double callerP50Nanos;
        public double callerP99Nanos;
        public double callerP999Nanos;
        /** CPU time of the worker thread per written event: what the worker's capacity hangs on. */
        public double workerCpuNanosPerEvent;
    }

    @Setup(Level.Trial)
    public void capacity() throws Exception {
        offeredRate = offeredRate(preset, threadCapacity, loadPercent);
    }

    @Benchmark
    public void offer(Outcome outcome) throws Exception {
        Trial trial = trial(preset, mode, offeredRate, TimeUnit.MILLISECONDS.toNanos(durationMs), queueCapacity);
        outcome.offeredPerSecond = trial.offeredPerSecond();
        outcome.writtenPerSecond = trial.writtenPerSecond();
        outcome.droppedPerSecond = trial.droppedPerSecond();
        outcome.callerP50Nanos = trial.callerP50Nanos();
        outcome.callerP99Nanos = trial.callerP99Nanos();
        outcome.callerP999Nanos = trial.callerP999Nanos();
        outcome.workerCpuNanosPerEvent = trial.workerCpuNanosPerEvent();
        System.out.printf(Locale.ROOT, "[offered-load] %s %d%% %s: target %d/s, offered %.0f/s written %.0f/s dropped %.0f/s "
                        + "caller p50 %.0f ns p99 %.0f ns p99.9 %.0f ns worker CPU %.0f ns/event largest debt %d events worst 50 ms with work: %s; worker ns/event by backlog %s%n", mode, loadPercent,
                preset, offeredRate, trial.offeredPerSecond(), trial.writtenPerSecond(), trial.droppedPerSecond(), trial.callerP50Nanos(),
                trial.callerP99Nanos(), trial.callerP999Nanos(), trial.workerCpuNanosPerEvent(), trial.largestDebt(), trial.worstSpell(), trial.workerCostByBacklog());
        System.out.println("[offered-load] dropped by reason " + trial.droppedByReason());
    }

    /** {@code loadPercent} of THREAD mode's capacity ({@code threadCapacity}, or measured in this JVM when 0). */
    static long offeredRate(Preset preset, long threadCapacity, int loadPercent) throws Exception {
        long capacity = threadCapacity > 0 ? threadCapacity : measureThreadCapacity(preset);
        return capacity * loadPercent / 100;
    }

    /** What one open-loop run of one mode gave, per second of offering. */
    record Trial(double offeredPerSecond, double writtenPerSecond, double droppedPerSecond, double callerP50Nanos,
                 double callerP99Nanos, double callerP999Nanos, double workerCpuNanosPerEvent,
                 Map<DropReason, Long> droppedByReason, long largestDebt, WorkerWatch.Spell worstSpell,
                 String workerCostByBacklog) {
    }

    /**
     * Starts a runtime of {@code preset} in {@code mode}, offers {@code rate} events/s for {@code durationNanos} (on a
     * Reactor {@code parallel()} thread for BOUND_LOOP), drains it and checks {@code submitted ==
     * processed + dropped + filtered}.
     */
    static Trial trial(Preset preset, ModeSelection mode, long rate, long durationNanos, int queueCapacity) throws Exception {
        CountingSink sink = new CountingSink();
        FapilogRuntime runtime = runtime(preset, mode, sink, queueCapacity);
        Producer producer = new Producer(mode, runtime, rate, durationNanos, sink);
        long workerCpu;
        WorkerWatch watched;
        DrainResult result;
        try {
            Map<Long, Long> workerCpuBefore = workerCpuNanos();
            WorkerWatch watch = WorkerWatch.start(runtime);
            if (mode == ModeSelection.BOUND_LOOP) {
                Mono.fromRunnable(producer).subscribeOn(Schedulers.parallel()).block();
            } else {
                producer.run();
            }
            workerCpu = workerCpuNanosSince(workerCpuBefore);
            watched = watch.stop();
        } finally {
            result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
        }
        if (result.submitted() != result.processed() + result.dropped() + result.filtered()) {
            throw new IllegalStateException("accounting identity broken: " + result);
        }
        double seconds = producer.elapsedNanos / 1e9;
        return new Trial(producer.offered / seconds, producer.written / seconds, producer.dropped / seconds,
                producer.latency.percentile(0.50), producer.latency.percentile(0.99), producer.latency.percentile(0.999),
                producer.written == 0 ? 0 : (double) workerCpu / producer.written, producer.droppedByReason,
                producer.largestDebt, watched.worstSpell(), watched.costByBacklogText());
    }

    /** CPU time used so far by each of the engine's worker threads (found by name), by thread id. */
    private static Map<Long, Long> workerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("fapilog-worker")) {
                long used = threads.getThreadCpuTime(info.getThreadId());
                if (used >= 0) {  // -1: the thread ended since it was listed
                    cpu.put(info.getThreadId(), used);
                }
            }
        }
        return cpu;
    }

    /**
     * CPU time the worker threads alive now used since {@code before}: a thread of an earlier
     * runtime that ended in between must not subtract its time.
     */
    private static long workerCpuNanosSince(Map<Long, Long> before) {
        long used = 0;
        for (Map.Entry<Long, Long> now : workerCpuNanos().entrySet()) {
            used += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return used;
    }

    private static FapilogRuntime runtime(Preset preset, ModeSelection mode, Sink sink, int queueCapacity) {
        return Fapilog.builder()
                .preset(preset)
                .sinks()
                .sink(sink)
                .workers(1)
                .queueCapacity(queueCapacity)
                .mode(mode)
                .fullPolicy(FullPolicy.WAIT)
                .waitTimeout(Duration.ofMillis(50))
                .shutdownHook(false)
                .start();
    }

    /**
     * THREAD mode at saturation: one producer logging as fast as the queue lets it; three rounds of
     * one second, the first two to warm up (JIT), the last one counted.
     */
    private static synchronized long measureThreadCapacity(Preset preset) throws Exception {
        Long measured = measuredCapacity.get(preset);
        if (measured == null) {
            measured = saturatedThreadRate(preset, 3, TimeUnit.SECONDS.toNanos(1), 10_000);
            measuredCapacity.put(preset, measured);
            System.out.printf(Locale.ROOT, "[offered-load] THREAD capacity %d events/s (%s)%n", measured, preset);
        }
        return measured;
    }

    /**
     * What THREAD mode writes with one producer logging as fast as the queue lets it: {@code rounds}
     * of {@code roundNanos} in one new runtime, the last one counted (earlier ones warm the JIT up;
     * with one round, the JVM's earlier work must have).
     */
    static long saturatedThreadRate(Preset preset, int rounds, long roundNanos, int queueCapacity) throws Exception {
        CountingSink sink = new CountingSink();
        FapilogRuntime runtime = runtime(preset, ModeSelection.THREAD, sink, queueCapacity);
        Logger log = runtime.getLogger(BenchEvent.LOGGER);
        long seq = 0;
        double rate = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                long written = sink.events();
                long start = System.nanoTime();
                long end = start + roundNanos;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 256; i++, seq++) {
                        log.info(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, BenchEvent.itemId(seq), SIZE_KEY, BenchEvent.size(seq));
                    }
                }
                rate = (sink.events() - written) / ((System.nanoTime() - start) / 1e9);
            }
        } finally {
            runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
        }
        return (long) rate;
    }

    /** The open-loop producer: at any time it has offered {@code rate × elapsed} events, whatever each call cost. */
    private static final class Producer implements Runnable {
        private final Logger logger;
        private final AsyncLogger asyncLogger;
        private final FapilogRuntime runtime;
        private final long rate;
        private final long durationNanos;
        private final CountingSink sink;
        final LatencyHistogram latency = new LatencyHistogram();
        long offered;
        long written;
        long dropped;
        /** The engine's drops by reason when the offering ended (all of them, like {@link #dropped}'s baseline). */
        Map<DropReason, Long> droppedByReason = Map.of();
        long elapsedNanos;
        /**
         * The most events the caller was ever behind its schedule (a caller held up, by the logger, the
         * scheduler or the collector, owes them and offers them at once, as a server's queued requests).
         */
        long largestDebt;

        Producer(ModeSelection mode, FapilogRuntime runtime, long rate, long durationNanos, CountingSink sink) {
            this.runtime = runtime;
            this.rate = rate;
            this.durationNanos = durationNanos;
            this.sink = sink;
            this.asyncLogger = mode == ModeSelection.ASYNC ? runtime.getAsyncLogger(BenchEvent.LOGGER) : null;
            this.logger = mode == ModeSelection.ASYNC ? null : runtime.getLogger(BenchEvent.LOGGER);
        }

        @Override
        public void run() {
            if (logger != null && logger.executionMode() == ExecutionMode.ASYNC) {
                throw new IllegalStateException("a sync logger cannot be ASYNC");
            }
            long writtenBefore = sink.events();
            long droppedBefore = runtime.stats().dropped();
            long start = System.nanoTime();
            long end = start + durationNanos;
            long seq = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                long due = (long) ((double) rate * (now - start) / 1e9);
                if (seq < due) {
                    if (due - seq > largestDebt) {
                        largestDebt = due - seq;
                    }
                    if (asyncLogger != null) {
                        asyncLogger.info(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, BenchEvent.itemId(seq),
                                SIZE_KEY, BenchEvent.size(seq));
                    } else {
                        logger.info(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, BenchEvent.itemId(seq),
                                SIZE_KEY, BenchEvent.size(seq));
                    }
                    latency.record(System.nanoTime() - now);
                    seq++;
                }
            }
            elapsedNanos = System.nanoTime() - start;
            EngineStats stats = runtime.stats();
            offered = seq;
            written = sink.events() - writtenBefore;
            dropped = stats.dropped() - droppedBefore;
            droppedByReason = stats.droppedByReason();
        }
    }

    /**
     * Log-linear buckets (16 per power of two, about 6 % wide) from 1 ns to about 9 s: no
     * allocation per sample, so the histogram does not disturb what it measures.
     */
    static final class LatencyHistogram {
        private static final int SUB = 16;
        private final long[] counts = new long[64 * SUB];
        private long total;

        void record(long nanos) {
            long value = Math.max(1, nanos);
            int exponent = 63 - Long.numberOfLeadingZeros(value);
            int sub = exponent < 4 ? (int) value & (SUB - 1) : (int) (value >>> (exponent - 4)) & (SUB - 1);
            counts[exponent * SUB + sub]++;
            total++;
        }

        /** The lower bound of the bucket holding the {@code quantile}'s sample. */
        double percentile(double quantile) {
            long rank = (long) Math.ceil(quantile * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank && counts[i] > 0) {
                    int exponent = i / SUB;
                    int sub = i % SUB;
                    return exponent < 4 ? sub : (double) ((long) (SUB + sub) << (exponent - 4));
                }
            }
            return 0;
        }
    }

    /** The null sink: counts the events the worker wrote. */
    private static final class CountingSink implements Sink {
        private volatile long events;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void write(EncodedBatch batch) {
            events += batch.eventCount();  // the one worker only
        }

        long events() {
            return events;
        }
    }
}
