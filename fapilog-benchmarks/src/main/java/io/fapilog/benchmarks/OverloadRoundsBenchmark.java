package io.fapilog.benchmarks;

import io.fapilog.Preset;
import io.fapilog.config.ModeSelection;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@link OfferedLoadBenchmark}'s question, asked in pairs: does a mode whose callers never block
 * write as much under load as THREAD mode? Each operation (a round) runs one open-loop trial of
 * every mode back to back at the same offered rate, the order rotating from round to round, and
 * reports what BOUND_LOOP and ASYNC wrote as shares of what THREAD wrote in that round.
 *
 * <p>Why rounds: on this machine the worker's CPU per event drifts between 160 and 320 ns from one
 * second to the next, so cells measured a minute apart (one mode after another, as
 * {@code OfferedLoadBenchmark} runs them) differ by more than the modes do. Within a round the
 * three modes meet the same spell of the machine, and the median of the per-round shares is what
 * to read. The measured rounds go through all six orders of the modes in turn (so each mode comes
 * first, second and last, after each other mode, equally often in 6, 12, … rounds), each trial
 * after a full collection, so that no trial inherits another's garbage. Each {@code [overload-round]} line gives the round's written and dropped rates per mode, and the
 * most events its caller was ever behind schedule ({@code debt}).
 *
 * <p>The heap is fixed at 2 GiB ({@code -Xms2g -Xmx2g}), as a service sets it. With the default
 * sizing, the full collection before each trial shrinks G1's heap to a few tens of megabytes; each
 * trial then ran in a small, growing heap (frequent young collections, some of 10–19 ms, the waiting
 * events promoted), the worker needed up to half as much again per event, and the drops below
 * capacity measured the harness, not the engine. {@code -jvmArgsAppend} on the command line
 * replaces the fixed heap (for example {@code -jvmArgsAppend -Xlog:gc} runs with the default sizing
 * and logs the collections).
 *
 * <p>{@code -p preset=PRODUCTION} runs the shipped preset instead of {@code minimal}. A given
 * {@code threadCapacity} is one preset's (4.9 M events/s was {@code minimal}'s here); with another
 * preset pass that preset's, or 0 to measure it in each fork.
 *
 * <pre>java -jar fapilog-benchmarks/target/benchmarks.jar OverloadRounds -p threadCapacity=4900000</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 12)
public class OverloadRoundsBenchmark {

    private static final ModeSelection[] MODES = {ModeSelection.THREAD, ModeSelection.BOUND_LOOP, ModeSelection.ASYNC};
    /** The six orders of the three modes (indexes into {@link #MODES}). */
    private static final int[][] ORDERS = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}, {0, 2, 1}, {1, 0, 2}};

    /** Offered rate, in percent of {@link #threadCapacity}. */
    @Param({"90", "150", "300"})
    public int loadPercent;

    /**
     * THREAD mode's capacity in events/s; 0: measure it in this fork; -1: measure it at the start
     * of every round (THREAD saturated for {@code durationMs}), so that each round's load is a share
     * of what the worker manages in the same spell of the machine.
     */
    @Param("0")
    public long threadCapacity;

    /** {@code MINIMAL} (the worker's own cost only) or {@code PRODUCTION} (redaction and enrichers, as shipped). */
    @Param("MINIMAL")
    public Preset preset;

    /** Each mode's trial in a round. */
    @Param("1000")
    public int durationMs;

    /** The queue's capacity (the shipped default: 10,000); the waiting room is at least eight times it (at most 131,072), rounded up to fill the ring ({@code Engine.waitingRoom}). */
    @Param("10000")
    public int queueCapacity;

    private long offeredRate;
    /** Rounds of the current kind (warm-up or measured) so far: the measured ones start from the first order. */
    private int round;
    private IterationType kind;

    /** What one round measured; JMH reports these as secondary results (medians over the rounds are the figures). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Shares {
        public double threadWrittenPerSecond;
        public double boundLoopWrittenPerSecond;
        public double asyncWrittenPerSecond;
        /** BOUND_LOOP's written events over THREAD's, in this round. */
        public double boundLoopShareOfThread;
        /** ASYNC's written events over THREAD's, in this round. */
        public double asyncShareOfThread;
        public double boundLoopDroppedPerSecond;
        public double asyncDroppedPerSecond;
    }

    @Setup(Level.Trial)
    public void rate() throws Exception {
        if (threadCapacity >= 0) {
            offeredRate = OfferedLoadBenchmark.offeredRate(preset, threadCapacity, loadPercent);
        }
    }

    @Setup(Level.Iteration)
    public void count(IterationParams iteration) {
        if (iteration.getType() != kind) {
            kind = iteration.getType();
            round = 0;
        }
    }

    @Benchmark
    public void round(Shares shares) throws Exception {
        OfferedLoadBenchmark.Trial[] trials = new OfferedLoadBenchmark.Trial[MODES.length];
        long durationNanos = TimeUnit.MILLISECONDS.toNanos(durationMs);
        if (threadCapacity < 0) {
            System.gc();
            offeredRate = OfferedLoadBenchmark.saturatedThreadRate(preset, 1, durationNanos, queueCapacity)
                    * loadPercent / 100;
        }
        for (int m : ORDERS[round % ORDERS.length]) {
            System.gc();
            trials[m] = OfferedLoadBenchmark.trial(preset, MODES[m], offeredRate, durationNanos, queueCapacity);
        }
        round++;
        double thread = trials[0].writtenPerSecond();
        shares.threadWrittenPerSecond = thread;
        shares.boundLoopWrittenPerSecond = trials[1].writtenPerSecond();
        shares.asyncWrittenPerSecond = trials[2].writtenPerSecond();
        shares.boundLoopShareOfThread = trials[1].writtenPerSecond() / thread;
        shares.asyncShareOfThread = trials[2].writtenPerSecond() / thread;
        shares.boundLoopDroppedPerSecond = trials[1].droppedPerSecond();
        shares.asyncDroppedPerSecond = trials[2].droppedPerSecond();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[overload-round] %d%% target %d/s preset %s:", loadPercent, offeredRate, preset));
        for (int m = 0; m < MODES.length; m++) {
            line.append(String.format(Locale.ROOT, " %s offered %.0f/s written %.0f/s dropped %.0f/s cpu %.0f ns/event debt %d worst %s by backlog %s;", MODES[m],
                    trials[m].offeredPerSecond(), trials[m].writtenPerSecond(), trials[m].droppedPerSecond(),
                    trials[m].workerCpuNanosPerEvent(), trials[m].largestDebt(), trials[m].worstSpell(), trials[m].workerCostByBacklog()));
            if (trials[m].droppedPerSecond() > 0) {
                line.append(" (").append(MODES[m]).append(" dropped by reason ").append(trials[m].droppedByReason()).append(')');
            }
        }
        line.append(String.format(Locale.ROOT, " shares BOUND_LOOP %.3f ASYNC %.3f", shares.boundLoopShareOfThread, shares.asyncShareOfThread));
        System.out.println(line);
    }
}
