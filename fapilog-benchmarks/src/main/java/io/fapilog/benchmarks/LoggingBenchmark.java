package io.fapilog.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.fapilog.benchmarks.BenchEvent.EVENTS_PER_OP;

/**
 * The harness every contender shares. A subclass is one contender family and its JMH state: it
 * starts a logging stack whose encoded output goes to a {@link ConsumerCounter}, logs one
 * {@link BenchEvent}, and stops the stack, reporting the events the library itself says it dropped.
 *
 * <ul>
 *   <li>{@code throughput1}, {@code throughput2}: end to end, with 1 and 2 producer threads. One
 *       operation logs {@link BenchEvent#EVENTS_PER_OP} events, then waits until the consumer has
 *       written or dropped as many events as all producers have logged so far; the score is in
 *       events/s logged. A contender that only fills its queue does not win. A burst is larger than
 *       fapilog's production queue (10,000) and Logback's default queue (256), so back-pressure and
 *       a contender's drop policy are part of what is measured: drops the library counts are
 *       reported ({@code libraryDrops} in the {@code [bench]} line, a column of the report).</li>
 *   <li>{@code latency}: the caller's time in one log call ({@code SampleTime}, ns), lightly loaded:
 *       a pause outside the measured region before every call keeps the queue near empty.</li>
 *   <li>{@code saturation2}: two producers log without waiting for the consumer, so the queue is
 *       full and callers are back-pressured; the score is the sustained rate, and the point is the
 *       zero-loss check at the end.</li>
 * </ul>
 *
 * <p>At the end of every trial the harness waits for the consumer to catch up, stops the
 * contender and fails the benchmark (an exception from {@code @TearDown}) when any event was
 * lost silently: consumed plus the library's own drop count must equal produced.
 *
 * <p>A contender's {@code setup} parameter chooses the configuration: {@code production} (what a user runs: fapilog's
 * {@code production} preset as shipped, the peers' defaults) or {@code tuned} (fapilog's
 * {@code minimal} preset and the peers with a 64 Ki queue and fapilog's fields only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class LoggingBenchmark {

    /** How long a consumer may fall behind before the harness calls it stalled (events lost). */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(10);

    /** The pause before each latency sample, in {@link Blackhole#consumeCPU} tokens (about 10 µs here). */
    static final long LATENCY_PAUSE_TOKENS = 4_000;

    private final ConsumerCounter consumer = new ConsumerCounter();

    /** The contender's name in reports: the family, its mode if any, and the setup. */
    public static String contenderName(String family, String mode, String setup) {
        String label = switch (setup == null ? "" : setup) {
            case "production" -> family.startsWith("fapilog") ? "production preset" : "production defaults";
            case "tuned" -> family.startsWith("fapilog") ? "minimal preset, tuned" : "tuned";
            default -> null;
        };
        String name = mode == null ? family : family + " " + mode;
        return label == null ? name : name + " (" + label + ")";
    }

    /** Events the library itself counted as dropped so far (0 for one that never drops or cannot say). */
    protected long droppedSoFar() {
        return 0;
    }

    /** Contender name in reports, e.g. {@code "Log4j2 async + JsonTemplateLayout"}. */
    protected abstract String contender();

    /** Builds and starts the logging stack; its encoded output goes to {@code consumer}. */
    protected abstract void start(ConsumerCounter consumer) throws Exception;

    /** Logs event number {@code seq}: {@link BenchEvent#MESSAGE} with its three fields. */
    protected abstract void log(long seq);

    /** Logs {@code count} events from {@code firstSeq} on; a contender may move the loop to another thread. */
    protected void logBatch(long firstSeq, int count) {
        for (int i = 0; i < count; i++) {
            log(firstSeq + i);
        }
    }

    /** Stops the stack, draining it; returns how many events the library reports it dropped. */
    protected abstract long stop() throws Exception;

    @Setup(Level.Trial)
    public final void startContender() throws Exception {
        start(consumer);
    }

    @TearDown(Level.Trial)
    public final void stopContender(Tally tally) throws Exception {
        long produced = tally.produced.get();
        awaitWrittenOrDropped(produced);
        long reportedDrops = stop();
        long consumed = consumer.events();
        long bytes = consumer.bytes();
        String report = String.format(Locale.ROOT,
                "[bench] %s: produced=%d consumed=%d libraryDrops=%d bytes/event=%.1f checksum=%d%n[bench] sample: %s",
                contender(), produced, consumed, reportedDrops,
                consumed == 0 ? 0.0 : (double) bytes / consumed, consumer.checksum(), consumer.sample());
        System.out.println(report);
        if (consumed + reportedDrops != produced) {
            throw new IllegalStateException("EVENTS LOST by " + contender() + ": produced=" + produced
                    + " consumed=" + consumed + " libraryDrops=" + reportedDrops);
        }
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(EVENTS_PER_OP)
    public void throughput1(Producer producer, Tally tally) {
        produceAndAwait(producer, tally);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(EVENTS_PER_OP)
    public void throughput2(Producer producer, Tally tally) {
        produceAndAwait(producer, tally);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(EVENTS_PER_OP)
    public void saturation2(Producer producer, Tally tally) {
        logBatch(producer.take(EVENTS_PER_OP), EVENTS_PER_OP);
        tally.produced.addAndGet(EVENTS_PER_OP);
    }

    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void latency(Pacer pacer) {
        log(pacer.seq++);
    }

    private void produceAndAwait(Producer producer, Tally tally) {
        logBatch(producer.take(EVENTS_PER_OP), EVENTS_PER_OP);
        long target = tally.produced.addAndGet(EVENTS_PER_OP);
        if (!awaitWrittenOrDropped(target)) {
            throw new IllegalStateException(contender() + " stalled: consumed " + consumer.events() + " of " + target
                    + " events after " + STALL_TIMEOUT.toSeconds() + " s (events lost?)");
        }
    }

    private boolean awaitWrittenOrDropped(long target) {
        long deadline = System.nanoTime() + STALL_TIMEOUT.toNanos();
        while (!consumer.await(target - droppedSoFar(), Duration.ofMillis(1))) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
        }
        return true;
    }

    /** Events logged by all threads of a trial. */
    @State(Scope.Benchmark)
    public static class Tally {
        final AtomicLong produced = new AtomicLong();
    }

    /** A producer thread's event numbers. */
    @State(Scope.Thread)
    public static class Producer {
        private long next;

        long take(int count) {
            long first = next;
            next += count;
            return first;
        }
    }

    /** The latency producer: pauses outside the measured region before every call, counts its calls. */
    @State(Scope.Thread)
    public static class Pacer {
        long seq;
        private long flushed;

        @Setup(Level.Invocation)
        public void pause() {
            Blackhole.consumeCPU(LATENCY_PAUSE_TOKENS);
        }

        @TearDown(Level.Iteration)
        public void flush(Tally tally) {
            tally.produced.addAndGet(seq - flushed);
            flushed = seq;
        }
    }
}
