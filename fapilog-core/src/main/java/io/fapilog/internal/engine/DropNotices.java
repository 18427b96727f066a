package io.fapilog.internal.engine;

import io.fapilog.internal.ConsoleLine;
import io.fapilog.DropReason;
import io.fapilog.EngineStats;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tells an operator, on standard error, that events are being dropped: at the first drop, then at
 * most once a minute while drops go on, with the counts by reason. They are counted either way
 * ({@code fapilog.events.dropped}); this is for whoever reads the process's output and no metrics.
 * Checked by the workers about once a second.
 */
final class DropNotices {

    static final long REMINDER_NANOS = Duration.ofMinutes(1).toNanos();

    private final Supplier<EngineStats> stats;
    private final String settings;
    private final Consumer<String> out;
    private long told;         // guarded by this: the drops the last notice counted
    private long lastNotice;   // guarded by this
    private boolean noticeGiven; // guarded by this

    /** @param settings the queue's settings, as the notice names them */
    DropNotices(Supplier<EngineStats> stats, String settings, Consumer<String> out) {
        this.stats = stats;
        this.settings = settings;
        this.out = out;
    }

    static DropNotices toStandardError(Supplier<EngineStats> stats, EngineSettings settings) {
        String described = "fapilog.queue.capacity=" + settings.queueCapacity() + ", fapilog.queue.full-policy="
                + settings.fullPolicy().name().toLowerCase(Locale.ROOT)
                + ", fapilog.queue.wait-timeout=" + settings.waitTimeout().toMillis() + "ms";
        return new DropNotices(stats, described, line -> ConsoleLine.println(System.err, line));
    }

    /** Called about once a second, on a worker. */
    synchronized void check(long nowNanos) {
        EngineStats now = stats.get();
        if (now.dropped() == told || noticeGiven && nowNanos - lastNotice < REMINDER_NANOS) {
            return;
        }
        tell(now, "so far", "said again at most once a minute while events are dropped");
        lastNotice = nowNanos;
        noticeGiven = true;
    }

    /**
     * At the end of a drain: drops no notice counted yet are told now, whatever the time since the
     * last one. A program that exits right after a burst (a command-line tool, a serverless function)
     * ends before the workers' next look, and its drops went untold.
     */
    synchronized void atDrain() {
        EngineStats now = stats.get();
        if (now.dropped() != told) {
            tell(now, "in all", "the engine is drained");
        }
    }

    private void tell(EngineStats now, String when, String after) {
        StringJoiner reasons = new StringJoiner(", ");
        for (Map.Entry<DropReason, Long> reason : now.droppedByReason().entrySet()) {
            if (reason.getValue() > 0) {
                reasons.add(reason.getKey().tag() + " " + reason.getValue());
            }
        }
        say("fapilog: " + now.dropped() + " events dropped " + when + " (" + reasons + "; " + settings
                + "), counted in fapilog.events.dropped; " + after);
        told = now.dropped();
    }

    private void say(String line) {
        try {
            out.accept(line);
        } catch (Throwable ignored) {
            // standard error itself failed: nowhere left to say it
        }
    }
}
