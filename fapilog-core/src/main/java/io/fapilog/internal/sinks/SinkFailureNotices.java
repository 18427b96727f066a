package io.fapilog.internal.sinks;

import io.fapilog.internal.ConsoleLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Tells an operator, on standard error, that a sink stopped writing and that it writes again: the
 * first failed write, then at most one notice a minute (and the recovery of a failure it told of). A
 * run of failures is reminded once a minute while it lasts; a sink that fails now and then (every
 * fourth export rejected) gets a line a minute counting what happened since the last, not two lines
 * at each failure; events a sink rejected while writing the others (a record too large for the
 * broker) likewise, and events a sink too slow for the load did not take in time. A sink's failures are otherwise only counted (health, metrics), and its events
 * appear on standard error without a word of why (a full disk, a second writer holding the file).
 * One per sink; on success, one volatile read while the sink is well.
 */
final class SinkFailureNotices {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Consumer<String> out;
    private final Clock clock;
    private volatile boolean failing;
    private boolean failingAnnounced;   // guarded by this: the run of failures under way was said
    private long runFailures;           // guarded by this: failed writes of the run under way
    private long failedWrites;          // guarded by this: since the last notice
    private long recoveries;            // guarded by this: since the last notice
    private long rejectedEvents;        // guarded by this: since the last notice
    private long spilledEvents;         // guarded by this: since the last notice
    private Instant lastNotice;         // guarded by this

    SinkFailureNotices(Consumer<String> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    static SinkFailureNotices toStandardError() {
        return new SinkFailureNotices(line -> ConsoleLine.println(System.err, line), Clock.systemUTC());
    }

    /** A write (every retry counts) failed; {@code whereEventsGo} ends the first notice. */
    synchronized void failed(String sinkName, String error, String whereEventsGo) {
        failedWrites++;
        runFailures++;
        boolean started = !failing;
        failing = true;
        if (!due()) {
            return;
        }
        if (started && failedWrites == 1 && recoveries == 0 && rejectedEvents == 0) {
            say("fapilog: sink '" + sinkName + "' failed: " + error + "; " + whereEventsGo
                    + " until it writes again (fapilog.sink.errors counts its failures)");
        } else {
            say("fapilog: sink '" + sinkName + "' " + (started ? "failed again" : "still failing") + ", " + sinceLastNotice()
                    + ": " + error);
        }
        failingAnnounced = true;
    }

    /**
     * A write in which the sink rejected some events and wrote the others (a record too large for
     * the broker): the sink works, those events go to its fallback.
     */
    synchronized void rejected(String sinkName, String error, int events) {
        rejectedEvents += events;
        if (due()) {
            say("fapilog: sink '" + sinkName + "' rejected " + events(rejectedEvents) + alsoCounted(true, false) + period()
                    + ": " + error + "; rejected events go to its fallback, the others were written");
        }
    }

    /**
     * Events the sink did not take in time, sent to its fallback without being tried: a sink that
     * works but more slowly than the events come (a receiver answering in seconds), or one a shutdown
     * could not wait for; {@code why} says which. Counted otherwise only in its fallback's metric.
     */
    synchronized void spilled(String sinkName, int events, String why) {
        spilledEvents += events;
        if (due()) {
            say("fapilog: sink '" + sinkName + "' did not take " + events(spilledEvents) + " in time" + alsoCounted(false, true)
                    + period() + ": " + why + "; they went to its fallback, as will later ones it cannot take, told at most"
                    + " once a minute (fapilog.sink.fallback counts them all, the drain's line too)");
        }
    }

    private boolean closedTold;         // guarded by this

    /**
     * Events logged after the sink was closed went to its fallback untried; said once, without a
     * count, which would be out of date at once (they come until the JVM exits): the fallback's
     * metric counts them.
     */
    synchronized void closed(String sinkName, String why) {
        if (!closedTold) {
            closedTold = true;
            say("fapilog: sink '" + sinkName + "' takes no more events: " + why
                    + "; they go to its fallback from now on (fapilog.sink.fallback counts them)");
        }
    }

    /**
     * The sink's {@code close()} failed: what it still held may not have reached its destination.
     * Said whatever the notices before it (it comes once, at the end, when no later notice could).
     */
    synchronized void closeFailed(String sinkName, String error) {
        say("fapilog: sink '" + sinkName + "' failed to close: " + error
                + "; what it still held may not have been written (fapilog.sink.errors counts it)");
    }

    /** A write succeeded. */
    void succeeded(String sinkName) {
        if (failing) {
            recovered(sinkName);
        }
    }

    private synchronized void recovered(String sinkName) {
        if (!failing) {
            return;
        }
        failing = false;
        recoveries++;
        long failures = runFailures;
        runFailures = 0;
        if (failingAnnounced) {
            failingAnnounced = false;
            say("fapilog: sink '" + sinkName + "' writes again, after " + failures + " failed writes");
        }
    }

    /** Whether a notice may be given now (none in the last {@link #INTERVAL}). */
    private boolean due() {
        return lastNotice == null || !clock.instant().isBefore(lastNotice.plus(INTERVAL));
    }

    private String sinceLastNotice() {
        StringBuilder counts = new StringBuilder();
        counts.append(failedWrites).append(" failed writes");
        if (recoveries > 0) {
            counts.append(", ").append(recoveries).append(" recoveries");
        }
        if (rejectedEvents > 0) {
            counts.append(", ").append(events(rejectedEvents)).append(" rejected");
        }
        if (spilledEvents > 0) {
            counts.append(", ").append(events(spilledEvents)).append(" not taken in time");
        }
        return counts.append(period()).toString();
    }

    /**
     * The other counts since the last notice, as {@code " (and 3 failed writes, 50 events rejected)"}, or
     * nothing: a notice resets them all, so each says what the others would have.
     */
    private String alsoCounted(boolean rejecting, boolean spilling) {
        java.util.List<String> counts = new java.util.ArrayList<>();
        if (failedWrites > 0) {
            counts.add(failedWrites + " failed writes");
        }
        if (recoveries > 0) {
            counts.add(recoveries + " recoveries");
        }
        if (!rejecting && rejectedEvents > 0) {
            counts.add(events(rejectedEvents) + " rejected");
        }
        if (!spilling && spilledEvents > 0) {
            counts.add(events(spilledEvents) + " not taken in time");
        }
        return counts.isEmpty() ? "" : " (and " + String.join(", ", counts) + ")";
    }

    private static String events(long count) {
        return count == 1 ? "1 event" : count + " events";
    }

    private String period() {
        return lastNotice == null ? " so far" : " in the last minute";
    }

    private void say(String line) {
        lastNotice = clock.instant();
        failedWrites = 0;
        recoveries = 0;
        rejectedEvents = 0;
        spilledEvents = 0;
        try {
            out.accept(line);
        } catch (Throwable ignored) {
            // standard error itself failed: nowhere left to say it
        }
    }
}
