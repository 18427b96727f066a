package io.fapilog.internal.sinks;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySinkTest {

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        InMemorySink sink = new InMemorySink();
        int threads = 8;
        int batches = 1_000;
        List<String> expected = ConcurrentWriters.run(threads, batches,
                (thread, batch, lines) -> sink.write(TestBatches.of(lines)));

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
