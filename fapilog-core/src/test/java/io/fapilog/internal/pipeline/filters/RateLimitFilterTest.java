package io.fapilog.internal.pipeline.filters;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimitFilterTest {

    private static final long SECOND = 1_000;

    /** The events' time, in milliseconds: the filter reads nothing else. */
    private long clock = 1_000 * SECOND;

    private long keep(RateLimitFilter filter, int attempts, Level level) {
        LogEvent event = LogEvent.of(clock, level, "test", "message");
        return IntStream.range(0, attempts).filter(i -> filter.test(event)).count();
    }

    @Test
    void keepsTheBurstThenRefillsAtTheRate() {
        RateLimitFilter filter = new RateLimitFilter(10, 5);

        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(5);

        clock += 250;
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(2);

        clock += 50;
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(1);

        clock += 99;
        assertThat(keep(filter, 10, Level.INFO)).isZero();
        clock += 1;
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(1);
    }

    /**
     * Events logged under the rate are kept however they reach the filter: the worker meets them in
     * clumps (behind a slow sink, after a pause), and a bucket read at the worker's time kept one of
     * these 100 (the clump met in one instant), the rest counted as filtered.
     */
    @Test
    void eventsLoggedUnderTheRateAreKeptWhenTheyReachTheFilterAllAtOnce() {
        RateLimitFilter filter = new RateLimitFilter(100, 1);
        List<LogEvent> clump = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clump.add(LogEvent.of(clock + 10L * i, Level.INFO, "test", "message"));
        }

        assertThat(clump.stream().filter(filter::test).count()).isEqualTo(100);
        assertThat(filter.test(LogEvent.of(clock + 990, Level.INFO, "test", "message"))).as("over the rate").isFalse();
    }

    @Test
    void aLongIdlePeriodRefillsNoMoreThanTheBurst() {
        RateLimitFilter filter = new RateLimitFilter(10, 5);
        keep(filter, 5, Level.INFO);

        clock += 3_600 * SECOND;

        assertThat(keep(filter, 100, Level.INFO)).isEqualTo(5);
    }

    /** A wall clock stepped back an hour does not hold every event back for that hour. */
    @Test
    void aClockSteppedBackStartsAgainWithAFullBucket() {
        RateLimitFilter filter = new RateLimitFilter(10, 5);
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(5);

        clock -= 3_600 * SECOND;

        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(5);
        clock += 100;
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(1);
    }

    /** Threads' events met a little out of order take their tokens as met, no more. */
    @Test
    void eventsMetSlightlyOutOfOrderTakeNoMoreThanTheBurst() {
        RateLimitFilter filter = new RateLimitFilter(10, 5);
        assertThat(keep(filter, 5, Level.INFO)).isEqualTo(5);

        clock -= 40;

        assertThat(keep(filter, 10, Level.INFO)).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Level.class, names = {"ERROR", "CRITICAL", "AUDIT", "SECURITY"})
    void alwaysKeepsErrorAndAboveWithoutTakingTokens(Level level) {
        RateLimitFilter filter = new RateLimitFilter(1, 2);
        assertThat(keep(filter, 1, Level.INFO)).isEqualTo(1);

        assertThat(keep(filter, 50, level)).isEqualTo(50);

        assertThat(keep(filter, 5, Level.WARN)).isEqualTo(1);
    }

    @Test
    void concurrentWorkersShareExactlyTheBurstWhenNoTimePasses() throws InterruptedException {
        RateLimitFilter filter = new RateLimitFilter(1, 1_000);
        LogEvent event = LogEvent.of(clock, Level.INFO, "test", "message");
        AtomicLong kept = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 10_000; i++) {
                    if (filter.test(event)) {
                        kept.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(kept.get()).isEqualTo(1_000);
    }

    @Test
    void startsFull() {
        assertThat(keep(new RateLimitFilter(0.001, 3), 10, Level.INFO)).isEqualTo(3);
        clock = 0;
        assertThat(keep(new RateLimitFilter(0.001, 3), 10, Level.INFO)).isEqualTo(3);
    }

    @Test
    void rejectsANonPositiveRateOrBurst() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitFilter(0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitFilter(Double.NaN, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitFilter(1, 0));
    }
}
