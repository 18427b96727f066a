package io.fapilog.internal.engine;

import io.fapilog.internal.ConsoleLine;
import java.io.OutputStream;
import java.io.PrintStream;
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

    /** Loads and runs once what a report needs, printing nowhere. */
    static void preload() {
        ConsoleLine.println(new PrintStream(OutputStream.nullOutputStream()), describe(new IllegalStateException()));
    }

    /** {@code error.toString()}, or its class name when that throws. */
    static String describe(Throwable error) {
        try {
            return String.valueOf(error);
        } catch (Throwable failure) {
            return error.getClass().getName();
        }
    }

    static void report(String what, Throwable error) {
        report(what, describe(error));
    }

    /** Says {@code what} failed, and how ({@code description}, a failure's text masked by the redaction). */
    static void report(String what, String description) {
        long now = System.nanoTime();
        long last = lastReport.get();
        if (now - last >= MIN_INTERVAL_NANOS && lastReport.compareAndSet(last, now)) {
            try {
                ConsoleLine.println(System.err, "fapilog: " + what + ": " + description);
            } catch (Throwable ignored) {
                // standard error itself failed: nowhere left to report to
            }
        }
    }
}
