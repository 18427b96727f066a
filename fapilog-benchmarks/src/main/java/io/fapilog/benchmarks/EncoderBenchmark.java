package io.fapilog.benchmarks;

import io.fapilog.Level;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.FieldsView;
import io.fapilog.spi.LogEventView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;

/**
 * The worker's largest step alone: encoding one {@link BenchEvent}, with the diagnostics the
 * {@code production} preset's enrichers add ({@code host}, {@code pid}, {@code thread}), into a batch,
 * on one thread. Single-threaded and allocation-free, so it is far steadier than the end-to-end runs:
 * the place to compare encoder changes (ns per event, a batch of 256 per operation).
 *
 * <p>Not part of the smoke run. Run e.g. {@code java -jar benchmarks.jar EncoderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class EncoderBenchmark {

    private static final int BATCH = 256;

    @Param({"FAPILOG", "ECS", "LOGSTASH"})
    public Format format;

    private final LogEventView[] events = new LogEventView[BATCH];
    final EncodedBatch batch = new EncodedBatch(64 * 1024);
    private Encoder encoder;

    @Setup
    public void setUp() {
        encoder = EncoderFactory.json(format, EncodingLimits.DEFAULT).create();
        long now = System.currentTimeMillis();
        Pairs diagnostics = new Pairs("host", "vm", "pid", 2452L, "thread", "http-nio-8080-exec-1");
        for (int i = 0; i < BATCH; i++) {
            events[i] = new Event(now + i, diagnostics,
                    new Pairs(USER_KEY, USER, ITEM_ID_KEY, BenchEvent.itemId(i), SIZE_KEY, BenchEvent.size(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encode() {
        batch.reset();
        for (LogEventView event : events) {
            encoder.encode(event, batch);
        }
        return batch.length();
    }

    /** An event as the engine hands it to encoders, after the enrichers. */
    private record Event(long timestampMillis, FieldsView diagnostics, FieldsView data) implements LogEventView {

        private static final Pairs NONE = new Pairs();

        @Override
        public Level level() {
            return Level.INFO;
        }

        @Override
        public String loggerName() {
            return BenchEvent.LOGGER;
        }

        @Override
        public String message() {
            return MESSAGE;
        }

        @Override
        public Throwable throwable() {
            return null;
        }

        @Override
        public String threadName() {
            return "http-nio-8080-exec-1";
        }

        @Override
        public FieldsView context() {
            return NONE;
        }
    }

    /** Alternating keys and values. */
    private record Pairs(Object... pairs) implements FieldsView {

        @Override
        public int size() {
            return pairs.length / 2;
        }

        @Override
        public String key(int index) {
            return (String) pairs[2 * index];
        }

        @Override
        public Object value(int index) {
            return pairs[2 * index + 1];
        }
    }
}
