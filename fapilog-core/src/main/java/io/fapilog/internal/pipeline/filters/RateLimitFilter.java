package io.fapilog.internal.pipeline.filters;

import io.fapilog.spi.LogEventView;
import io.fapilog.Level;
import io.fapilog.spi.Filter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket of {@code burst} tokens refilled at {@code eventsPerSecond}: an event below
 * {@code ERROR} is kept when it can take a token. {@code ERROR} and above are always kept and take
 * none.
 *
 * <p>Time is the events' own, their timestamps taken at the call: the worker meets events in
 * clumps (after a pause, behind a slow sink, at the drain), and a bucket read by the worker's clock
 * cut a clump of events logged under the rate to its burst. Threads' events met out of order take
 * their tokens as met; times more than a second behind the bucket are the wall clock stepping back,
 * which starts the bucket again full rather than holding every event back until the clock catches up.
 *
 * <p>Lock-free: the bucket is kept as one {@link AtomicLong}, the time at which it would be full
 * again (the "theoretical arrival time" of the generic cell rate algorithm, equivalent to a token
 * bucket), updated by compare-and-set, so any number of workers may share an instance.
 */
public final class RateLimitFilter implements Filter {

    private static final long STEP_BACK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long nanosPerToken;
    private final long capacityNanos;
    private final AtomicLong fullAt = new AtomicLong(Long.MIN_VALUE / 4);

    /**
     * @param eventsPerSecond refill rate, greater than 0
     * @param burst tokens in a full bucket (the bucket starts full), at least 1
     */
    public RateLimitFilter(double eventsPerSecond, int burst) {
        if (!(eventsPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate limit needs eventsPerSecond > 0 and burst >= 1: "
                    + eventsPerSecond + ", " + burst);
        }
        this.nanosPerToken = Math.max(1, Math.round(1e9 / eventsPerSecond));
        this.capacityNanos = (long) Math.min((double) nanosPerToken * burst, Long.MAX_VALUE / 4.0);
    }

    @Override
    public boolean test(LogEventView event) {
        if (event.level().isAtLeast(Level.ERROR)) {
            return true;
        }
        long now = event.timestampMicros() * 1_000;
        while (true) {
            long current = fullAt.get();
            long from = current - now < 0 || current - now > capacityNanos + STEP_BACK_NANOS ? now : current;
            long next = from + nanosPerToken;
            if (next - now > capacityNanos) {
                return false;
            }
            if (fullAt.compareAndSet(current, next)) {
                return true;
            }
        }
    }
}
