package io.fapilog.internal.pipeline.filters;

import io.fapilog.spi.LogEventView;
import io.fapilog.Level;
import io.fapilog.spi.Filter;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket of {@code burst} tokens refilled at {@code eventsPerSecond}: an event below
 * {@code ERROR} is kept when it can take a token. {@code ERROR} and above are always kept and take
 * none.
 *
 * <p>Lock-free: the bucket is kept as one {@link AtomicLong}, the time at which it would be full
 * again (the "theoretical arrival time" of the generic cell rate algorithm, equivalent to a token
 * bucket), updated by compare-and-set, so any number of workers may share an instance.
 */
public final class RateLimitFilter implements Filter {

    private final LongSupplier nanoTime;
    private final long nanosPerToken;
    private final long capacityNanos;
    private final AtomicLong fullAt;

    /** Measures time with {@link System#nanoTime()}. */
    public RateLimitFilter(double eventsPerSecond, int burst) {
        this(eventsPerSecond, burst, System::nanoTime);
    }

    /**
     * @param eventsPerSecond refill rate, greater than 0
     * @param burst tokens in a full bucket (the bucket starts full), at least 1
     * @param nanoTime a monotonic clock in nanoseconds
     */
    public RateLimitFilter(double eventsPerSecond, int burst, LongSupplier nanoTime) {
        if (!(eventsPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate limit needs eventsPerSecond > 0 and burst >= 1: "
                    + eventsPerSecond + ", " + burst);
        }
        this.nanoTime = nanoTime;
        this.nanosPerToken = Math.max(1, Math.round(1e9 / eventsPerSecond));
        this.capacityNanos = (long) Math.min((double) nanosPerToken * burst, Long.MAX_VALUE / 4.0);
        this.fullAt = new AtomicLong(nanoTime.getAsLong());
    }

    @Override
    public boolean test(LogEventView event) {
        if (event.level().isAtLeast(Level.ERROR)) {
            return true;
        }
        long now = nanoTime.getAsLong();
        while (true) {
            long current = fullAt.get();
            long next = (current - now < 0 ? now : current) + nanosPerToken;
            if (next - now > capacityNanos) {
                return false;
            }
            if (fullAt.compareAndSet(current, next)) {
                return true;
            }
        }
    }
}
