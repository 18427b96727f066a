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

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * MILLI);

    private static final LogEvent INFO = LogEvent.of(0, Level.INFO, "test", "message");

    private static long keep(RateLimitFilter filter, int attempts, Level level) {
        LogEvent event = LogEvent.of(0, level, "test", "message");
        return IntStream.range(0, attempts).filter(i -> filter.test(event)).count();
    }

    @Test
    void keepsTheBurstThenRefillsAtTheRate() {
        RateLimitFilter filter = new RateLimitFilter(10, 5, clock::get);

        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(5);

        clock.addAndGet(250 * MILLI);
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(2);

        clock.addAndGet(50 * MILLI);
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(1);

        clock.addAndGet(99 * MILLI);
        assertThat(keep(filter, 10, Level.INFO)).isZero();
        clock.addAndGet(MILLI);
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(1);
    }

    @Test
    void aLongIdlePeriodRefillsNoMoreThanTheBurst() {
        RateLimitFilter filter = new RateLimitFilter(10, 5, clock::get);
        keep(filter, 5, Level.INFO);

        clock.addAndGet(TimeUnit.HOURS.toNanos(1));

        assertThat(keep(filter, 100, Level.INFO)).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(value = Level.class, names = {"ERROR", "CRITICAL", "AUDIT", "SECURITY"})
    void alwaysKeepsErrorAndAboveWithoutTakingTokens(Level level) {
        RateLimitFilter filter = new RateLimitFilter(1, 2, clock::get);
        assertThat(keep(filter, 1, Level.INFO)).isEqualTo(1);

        assertThat(keep(filter, 50, level)).isEqualTo(50);

        assertThat(keep(filter, 5, Level.WARN)).isEqualTo(1);
    }

    @Test
    void survivesTheNanoTimeWrapAround() {
        clock.set(Long.MAX_VALUE - 50 * MILLI);
        RateLimitFilter filter = new RateLimitFilter(10, 3, clock::get);
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(3);

        clock.addAndGet(200 * MILLI);

        assertThat(clock.get()).isNegative();
        assertThat(keep(filter, 10, Level.INFO)).isEqualTo(2);
    }

    @Test
    void concurrentWorkersShareExactlyTheBurstWhenNoTimePasses() throws InterruptedException {
        RateLimitFilter filter = new RateLimitFilter(1, 1_000, () -> 42L);
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
                    if (filter.test(INFO)) {
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
    void realClockConstructorStartsFull() {
        assertThat(keep(new RateLimitFilter(0.001, 3), 10, Level.INFO)).isEqualTo(3);
    }

    @Test
    void rejectsANonPositiveRateOrBurst() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitFilter(0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitFilter(Double.NaN, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitFilter(1, 0));
    }
}
