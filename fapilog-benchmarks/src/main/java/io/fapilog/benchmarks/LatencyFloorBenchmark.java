package io.fapilog.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The machine's floor for the caller-latency percentiles: the same pacing as
 * {@code LoggingBenchmark.latency}, around a call that only builds what a log call's arguments
 * allocate (the varargs array and two boxed numbers) and stores it. No queue, no other thread: what
 * its p99 and p99.9 show is the timer, the JIT, the GC and the hypervisor, not a logger.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class LatencyFloorBenchmark {

    private Object[] last;
    private long seq;

    @Setup(Level.Invocation)
    public void pause() {
        Blackhole.consumeCPU(LoggingBenchmark.LATENCY_PAUSE_TOKENS);
    }

    @Benchmark
    public Object[] latency() {
        long n = seq++;
        last = new Object[] {"user", BenchEvent.user(n), "item_id", BenchEvent.itemId(n), "size", BenchEvent.size(n)};
        return last;
    }
}
