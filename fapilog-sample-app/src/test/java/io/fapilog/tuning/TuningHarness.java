package io.fapilog.tuning;

import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.config.FullPolicy;
import io.fapilog.spi.Sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * A rough timing harness behind the "measured effects" of docs/performance-tuning.md: each setting
 * against the production preset, two producer threads in THREAD mode, JSON encoded into a sink that
 * only counts bytes (optionally slowed down per batch, to stand for a slow destination). Not a test
 * and not a benchmark (see fapilog-benchmarks for the JMH numbers); run it by hand:
 *
 * <pre>
 * ./mvnw -q -pl fapilog-sample-app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "fapilog-sample-app/target/test-classes:$(cat fapilog-sample-app/target/cp.txt)" io.fapilog.tuning.TuningHarness 1000000
 * </pre>
 */
public final class TuningHarness {

    private static final int PRODUCERS = 2;

    private TuningHarness() {
    }

    record Result(String setting, double eventsPerSecond, long dropped, int highWatermark, double p99CallMicros) {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        List<Result> results = new ArrayList<>();
        measure(results, "warm-up", events, 0, b -> b);
        measure(results, "production defaults", events, 0, b -> b);
        measure(results, "workers 2", events, 0, b -> b.workers(2));
        measure(results, "batch.max-size 1", events / 10, 0, b -> b.batchMaxSize(1));
        measure(results, "batch.max-size 16", events, 0, b -> b.batchMaxSize(16));
        measure(results, "batch.max-size 1024", events, 0, b -> b.batchMaxSize(1024));
        measure(results, "queue.capacity 1000", events, 0, b -> b.queueCapacity(1_000));
        measure(results, "queue.capacity 100000", events, 0, b -> b.queueCapacity(100_000));
        measure(results, "slow sink, wait 50ms", events / 10, 2000, b -> b);
        measure(results, "slow sink, drop", events / 10, 2000, b -> b.fullPolicy(FullPolicy.DROP));
        measure(results, "slow sink, wait 50ms, capacity 100000", events / 10, 2000, b -> b.queueCapacity(100_000));
        System.out.printf("%-40s %15s %10s %12s %14s%n", "setting", "events/s", "dropped", "high water", "call p99 µs");
        for (Result r : results.subList(1, results.size())) {
            System.out.printf("%-40s %,15.0f %,10d %,12d %14.1f%n", r.setting(), r.eventsPerSecond(), r.dropped(),
                    r.highWatermark(), r.p99CallMicros());
        }
    }

    private static void measure(List<Result> results, String setting, int eventsPerProducer, long sinkMicrosPerBatch,
            UnaryOperator<FapilogConfig.Builder> tuning) throws Exception {
        CountingSink sink = new CountingSink(sinkMicrosPerBatch);
        FapilogConfig config = tuning.apply(Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
                .shutdownHook(false)).build();
        FapilogRuntime runtime = Fapilog.runtime(config);
        CountDownLatch done = new CountDownLatch(PRODUCERS);
        long[][] samples = new long[PRODUCERS][];
        long start = System.nanoTime();
        for (int t = 0; t < PRODUCERS; t++) {
            int producer = t;
            Thread thread = new Thread(() -> {
                Logger log = runtime.getLogger("tuning");
                long[] sampled = new long[eventsPerProducer / 64 + 1];
                int n = 0;
                for (int i = 0; i < eventsPerProducer; i++) {
                    if ((i & 63) == 0) {
                        long before = System.nanoTime();
                        log.info("Processing item", "item_id", i, "size", 10L);
                        sampled[n++] = System.nanoTime() - before;
                    } else {
                        log.info("Processing item", "item_id", i, "size", 10L);
                    }
                }
                samples[producer] = java.util.Arrays.copyOf(sampled, n);
                done.countDown();
            }, "producer-" + t);
            thread.start();
        }
        done.await();
        DrainResult result = runtime.stopAndDrain().get(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = java.util.Arrays.stream(samples).flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        double p99 = all[(int) Math.min(all.length - 1, Math.round(all.length * 0.99))] / 1_000.0;
        results.add(new Result(setting, result.processed() / seconds, result.dropped(), result.queueHighWatermark(), p99));
    }

    /** Counts bytes; optionally busy for a while per batch, like a slow destination. */
    static final class CountingSink implements Sink {

        private final LongAdder bytes = new LongAdder();
        private final long microsPerBatch;

        CountingSink(long microsPerBatch) {
            this.microsPerBatch = microsPerBatch;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void write(EncodedBatch batch) throws InterruptedException {
            bytes.add(batch.length());
            if (microsPerBatch > 0) {
                Thread.sleep(Duration.ofNanos(microsPerBatch * 1_000).toMillis(), (int) (microsPerBatch * 1_000 % 1_000_000));
            }
        }
    }
}
