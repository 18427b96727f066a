package io.fapilog.benchmarks;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logback's {@link AsyncAppender}, unchanged except that it counts the events it discards: above
 * its discarding threshold (by default while the queue is more than 80 % full) it drops INFO and
 * below without counting them anywhere, so the benchmarks count them here to report losses.
 */
public class DiscardCountingAsyncAppender extends AsyncAppender {

    private final AtomicLong discarded = new AtomicLong();

    @Override
    protected boolean isDiscardable(ILoggingEvent event) {
        boolean discard = super.isDiscardable(event);   // asked only when the queue is above its threshold
        if (discard) {
            discarded.incrementAndGet();
        }
        return discard;
    }

    /** Events discarded so far. */
    public long discarded() {
        return discarded.get();
    }
}
