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
import java.util.function.ToLongFunction;

/**
 * Tells an operator, on standard error, that events are being dropped, or trimmed to fit the
 * queue's memory budget: at the first one, then at most once a minute while they go on, with the
 * counts. They are counted either way ({@code fapilog.events.dropped}, {@code fapilog.events.trimmed});
 * this is for whoever reads the process's output and no metrics. Checked by the workers about once a second.
 */
final class DropNotices {

    static final long REMINDER_NANOS = Duration.ofMinutes(1).toNanos();

    private final Supplier<EngineStats> stats;
    private final String settings;
    private final String memorySettings;
    private final Consumer<String> out;
    private final Reminder drops = new Reminder(EngineStats::dropped);
    private final Reminder trims = new Reminder(EngineStats::trimmed);

    /**
     * @param settings the queue's settings, as the notice of drops names them
     * @param memorySettings the queue's memory budget, as the notice of trimmed events names it
     */
    DropNotices(Supplier<EngineStats> stats, String settings, String memorySettings, Consumer<String> out) {
        this.stats = stats;
        this.settings = settings;
        this.memorySettings = memorySettings;
        this.out = out;
    }

    static DropNotices toStandardError(Supplier<EngineStats> stats, EngineSettings settings) {
        String described = "fapilog.queue.capacity=" + settings.queueCapacity() + ", fapilog.queue.full-policy="
                + settings.fullPolicy().name().toLowerCase(Locale.ROOT)
                + ", fapilog.queue.wait-timeout=" + settings.waitTimeout().toMillis() + "ms";
        return new DropNotices(stats, described, "fapilog.queue.max-bytes=" + size(settings.queueMaxBytes()),
                line -> ConsoleLine.println(System.err, line));
    }

    /**
     * A size as a property would give it ({@code 64MB}, {@code 1536KB}, {@code 1000B}), and, for the
     * default, a tenth of the heap, in bytes, what it comes to: {@code 13421772B, about 12.8MB}.
     */
    static String size(long bytes) {
        if (bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "MB";
        }
        if (bytes % 1024 == 0) {
            return (bytes >> 10) + "KB";
        }
        return bytes < (1 << 20) ? bytes + "B" : bytes + "B, about " + String.format(Locale.ROOT, "%.1f", bytes / 1048576.0) + "MB";
    }

    /** Called about once a second, on a worker. */
    synchronized void check(long nowNanos) {
        EngineStats now = stats.get();
        if (drops.due(now, nowNanos)) {
            tellDrops(now, "so far", "said again at most once a minute while events are dropped");
        }
        if (trims.due(now, nowNanos)) {
            tellTrims(now, "so far", "said again at most once a minute while events are trimmed");
        }
    }

    /**
     * At the end of a drain: drops no notice counted yet are told now, whatever the time since the
     * last one. A program that exits right after a burst (a command-line tool, a serverless function)
     * ends before the workers' next look, and its drops went untold.
     */
    synchronized void atDrain() {
        EngineStats now = stats.get();
        if (drops.untold(now)) {
            tellDrops(now, "in all", "the engine is drained");
        }
        if (trims.untold(now)) {
            tellTrims(now, "in all", "the engine is drained");
        }
    }

    private void tellDrops(EngineStats now, String when, String after) {
        StringJoiner reasons = new StringJoiner(", ");
        for (Map.Entry<DropReason, Long> reason : now.droppedByReason().entrySet()) {
            if (reason.getValue() > 0) {
                reasons.add(reason.getKey().tag() + " " + reason.getValue());
            }
        }
        say("fapilog: " + now.dropped() + " events dropped " + when + " (" + reasons + "; " + settings
                + "), counted in fapilog.events.dropped; " + after);
        drops.told(now);
    }

    private void tellTrims(EngineStats now, String when, String after) {
        say("fapilog: " + now.trimmed() + " events trimmed " + when + ", their large values cut to "
                + Engine.TRIMMED_CHARS + " characters and " + Engine.TRIMMED_ELEMENTS
                + " elements (a stack trace's frames too), as the queued events' large values held the queue's memory"
                + " budget (" + memorySettings + "); written, and counted in fapilog.events.trimmed; " + after);
        trims.told(now);
    }

    private void say(String line) {
        try {
            out.accept(line);
        } catch (Throwable ignored) {
            // standard error itself failed: nowhere left to say it
        }
    }

    /** When to tell of one count: at its first rise, then at most once a minute while it rises. Guarded by the notices. */
    private static final class Reminder {
        private final ToLongFunction<EngineStats> count;
        private long told;
        private long lastNotice;
        private boolean noticeGiven;

        Reminder(ToLongFunction<EngineStats> count) {
            this.count = count;
        }

        boolean untold(EngineStats now) {
            return count.applyAsLong(now) != told;
        }

        /** Whether to tell now; if so, taken as told at {@code nowNanos}. */
        boolean due(EngineStats now, long nowNanos) {
            if (!untold(now) || noticeGiven && nowNanos - lastNotice < REMINDER_NANOS) {
                return false;
            }
            lastNotice = nowNanos;
            noticeGiven = true;
            return true;
        }

        void told(EngineStats now) {
            told = count.applyAsLong(now);
        }
    }
}
