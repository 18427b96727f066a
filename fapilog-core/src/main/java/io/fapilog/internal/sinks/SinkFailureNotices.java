package io.fapilog.internal.sinks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Tells an operator, on standard error, that a sink stopped writing and that it writes again: the
 * first failed write of a run of failures, a reminder at most once a minute while they go on, and
 * the first success after them. A sink's failures are otherwise only counted (health, metrics), and
 * its events appear on standard error without a word of why (a full disk, a second writer holding
 * the file). One per sink; cheap on success, the only call made while the sink is well.
 */
final class SinkFailureNotices {

    static final Duration REMINDER_INTERVAL = Duration.ofMinutes(1);

    private final Consumer<String> out;
    private final Clock clock;
    private volatile boolean failing;
    private long failedWrites;  // guarded by this
    private Instant lastNotice; // guarded by this

    SinkFailureNotices(Consumer<String> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    static SinkFailureNotices toStandardError() {
        return new SinkFailureNotices(line -> System.err.println(line), Clock.systemUTC());
    }

    /** A write (every retry counts) failed; {@code whereEventsGo} ends the first notice. */
    synchronized void failed(String sinkName, String error, String whereEventsGo) {
        failedWrites++;
        Instant now = clock.instant();
        if (!failing) {
            failing = true;
            lastNotice = now;
            say("fapilog: sink '" + sinkName + "' failed: " + error + "; " + whereEventsGo
                    + " until it writes again (fapilog.sink.errors counts its failures)");
        } else if (!now.isBefore(lastNotice.plus(REMINDER_INTERVAL))) {
            lastNotice = now;
            say("fapilog: sink '" + sinkName + "' still failing, " + failedWrites + " failed writes so far: " + error);
        }
    }

    /** A write succeeded. */
    void succeeded(String sinkName) {
        if (failing) {
            recovered(sinkName);
        }
    }

    private synchronized void recovered(String sinkName) {
        if (failing) {
            failing = false;
            say("fapilog: sink '" + sinkName + "' writes again, after " + failedWrites + " failed writes");
            failedWrites = 0;
        }
    }

    private void say(String line) {
        try {
            out.accept(line);
        } catch (Throwable ignored) {
            // standard error itself failed: nowhere left to say it
        }
    }
}
