package io.fapilog.sinks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySinkTest {

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        InMemorySink sink = new InMemorySink();
        int threads = 8;
        int batches = 1_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int b = 0; b < batches; b++) {
                        sink.write(TestBatches.of("t" + thread + "-b" + b + "-0", "t" + thread + "-b" + b + "-1"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        List<String> expected = IntStream.range(0, threads).boxed()
                .flatMap(t -> IntStream.range(0, batches).boxed()
                        .flatMap(b -> List.of("t" + t + "-b" + b + "-0", "t" + t + "-b" + b + "-1").stream()))
                .toList();
        assertThat(sink.size()).isEqualTo(threads * batches * 2);
        assertThat(sink.lines()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void awaitSizeWaitsForAnotherThreadAndTimesOut() throws Exception {
        InMemorySink sink = new InMemorySink("mem");
        CountDownLatch waiting = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                waiting.await();
                for (int i = 0; i < 5; i++) {
                    sink.write(TestBatches.of("line-" + i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        waiting.countDown();

        assertThat(sink.awaitSize(5, Duration.ofSeconds(10))).isTrue();
        assertThat(sink.awaitSize(6, Duration.ofMillis(20))).isFalse();
        writer.join();
        assertThat(sink.lines()).containsExactly("line-0", "line-1", "line-2", "line-3", "line-4");
    }

    @Test
    void linesIsAnUnmodifiableSnapshotAndClearEmpties() {
        InMemorySink sink = new InMemorySink();
        sink.write(TestBatches.of("a", "b"));
        List<String> snapshot = sink.lines();

        sink.write(TestBatches.of("c"));
        assertThat(snapshot).containsExactly("a", "b");
        assertThatThrownBy(() -> snapshot.add("x")).isInstanceOf(UnsupportedOperationException.class);

        sink.clear();
        assertThat(sink.size()).isZero();
        assertThat(sink.lines()).isEmpty();
        assertThat(sink.name()).isEqualTo("in-memory");
    }
}
