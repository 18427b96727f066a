package io.fapilog.internal.sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs writer threads that start together, each writing its batches in order; returns the lines they wrote. */
final class ConcurrentWriters {

    @FunctionalInterface
    interface BatchWriter {
        void write(int thread, int batch, List<String> lines) throws Exception;
    }

    private ConcurrentWriters() {
    }

    /** The two lines of batch {@code b} of thread {@code t}: {@code t3-b7-0} and {@code t3-b7-1}. */
    static List<String> lines(int thread, int batch) {
        return List.of("t" + thread + "-b" + batch + "-0", "t" + thread + "-b" + batch + "-1");
    }

    /** @return every line handed to {@code writer}, in no particular order across threads */
    static List<String> run(int threads, int batches, BatchWriter writer) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> expected = new ArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int b = 0; b < batches; b++) {
                        writer.write(thread, b, lines(thread, b));
                    }
                    return null;
                }));
                for (int b = 0; b < batches; b++) {
                    expected.addAll(lines(t, b));
                }
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        return expected;
    }
}
