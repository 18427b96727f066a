package io.fapilog.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the engine reports its own failures: standard error, rate limited, since the logging
 * system cannot log through itself.
 */
final class InternalErrors {

    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    private static final AtomicLong lastReport = new AtomicLong(System.nanoTime() - MIN_INTERVAL_NANOS);

    private InternalErrors() {
    }

    static void report(String what, Throwable error) {
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= MIN_INTERVAL_NANOS && lastReport.compareAndSet(last, now)) {
            System.err.println("fapilog: " + what + ": " + error);
        }
    }
}
