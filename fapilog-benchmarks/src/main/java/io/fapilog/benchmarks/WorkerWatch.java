package io.fapilog.benchmarks;

import io.fapilog.EngineStats;
import io.fapilog.FapilogRuntime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the worker while a trial runs, to tell an engine that fell behind from a machine that did
 * not run it: every 2 ms it reads the engine's backlog and, from Linux's {@code schedstat} of the
 * worker thread, the time it ran on a core and the time it waited, runnable, for one. {@link #worstSpell()}
 * is the 50 ms with work throughout (a backlog of at least {@value #MIN_BACKLOG} events) in which the
 * worker ran least: a worker that ran most of it and still fell behind costs too much per event; one
 * that waited for a core was starved; one that did neither was asleep with work to do (a lost wake-up).
 * For the same 50 ms it gives the cores this process and the whole machine kept busy ({@code /proc/self/stat},
 * {@code /proc/stat}: clock ticks of 10 ms, so ±0.2 core over 50 ms) and the cores the hypervisor took
 * (steal): who had the cores the worker waited for. {@link #costByBacklog()} is the worker's time on a core per
 * event written, by how many events were queued (the ring, waiting room included) when each 2 ms began: a
 * worker whose cost per event grows with its backlog falls further behind the more it is behind.
 *
 * <p>Linux only; elsewhere (no {@code /proc/self/task}) {@link #start} returns a watch that saw nothing.
 */
final class WorkerWatch {

    private static final long PERIOD_NANOS = 2_000_000;
    private static final int WINDOW_SAMPLES = 25;  // 50 ms, the shipped wait-timeout
    private static final long MIN_BACKLOG = 2_000;
    private static final int MAX_SAMPLES = 16_384;
    /** Linux's {@code USER_HZ}: the unit of {@code /proc}'s CPU times. */
    private static final double TICK_NANOS = 10_000_000;
    private static final Path SELF_STAT = Path.of("/proc/self/stat");
    private static final Path MACHINE_STAT = Path.of("/proc/stat");

    private final FapilogRuntime runtime;
    /** The workers' {@code schedstat} files; found by the sampler, as a worker thread starts with the first event. */
    private List<Path> workerStats = List.of();
    private final long[] wall = new long[MAX_SAMPLES];
    private final long[] ran = new long[MAX_SAMPLES];
    private final long[] waited = new long[MAX_SAMPLES];
    private final long[] backlog = new long[MAX_SAMPLES];
    private final long[] processed = new long[MAX_SAMPLES];
    private final long[] processTicks = new long[MAX_SAMPLES];
    private final long[] machineBusyTicks = new long[MAX_SAMPLES];
    private final long[] stealTicks = new long[MAX_SAMPLES];
    private int samples;
    private volatile boolean stopped;
    private final Thread sampler;

    /**
     * The worst 50 ms for the worker: the shares of the wall time it ran and waited runnable for a core
     * (the rest it slept), from {@code atMillis} after the watch started; the cores the process, the
     * machine (all processes) and the hypervisor (steal) used meanwhile.
     */
    record Spell(double ran, double waitedForCore, long atMillis, double processCores, double machineCores,
                 double stealCores) {
        static final Spell NONE = new Spell(Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN);

        double slept() {
            return Math.max(0, 1 - ran - waitedForCore);
        }

        @Override
        public String toString() {
            return atMillis < 0 ? "none"
                    : String.format(Locale.ROOT, "ran %.0f %% waited %.0f %% slept %.0f %% at %d ms, cores process %.1f machine %.1f steal %.1f",
                            ran * 100, waitedForCore * 100, slept() * 100, atMillis, processCores, machineCores, stealCores);
        }
    }

    private WorkerWatch(FapilogRuntime runtime) {
        this.runtime = runtime;
        this.sampler = new Thread(this::sample, "worker-watch");
        this.sampler.setDaemon(true);
    }

    /** Starts watching the runtime's worker threads ({@code fapilog-worker…}), from the first one alive. */
    static WorkerWatch start(FapilogRuntime runtime) {
        WorkerWatch watch = new WorkerWatch(runtime);
        if (Files.isDirectory(Path.of("/proc/self/task"))) {
            watch.sampler.start();
        }
        return watch;
    }

    /** Stops sampling. */
    WorkerWatch stop() throws InterruptedException {
        stopped = true;
        sampler.join();
        return this;
    }

    /** The cost per event by backlog band, as printed: {@code <10K 350 / 10–50K 420 / ≥50K –} (ns). */
    String costByBacklogText() {
        double[] cost = costByBacklog();
        String[] names = {"<10K", "10-50K", ">=50K"};
        StringBuilder text = new StringBuilder();
        for (int band = 0; band < cost.length; band++) {
            text.append(band == 0 ? "" : " / ").append(names[band]).append(' ')
                    .append(Double.isNaN(cost[band]) ? "-" : String.format(Locale.ROOT, "%.0f", cost[band]));
        }
        return text.toString();
    }

    private void sample() {
        long[] schedstat = new long[2];
        long[] machine = new long[2];
        while (!stopped && samples < MAX_SAMPLES) {
            if (workerStats.isEmpty()) {
                workerStats = workerSchedstats();
            }
            EngineStats stats = runtime.stats();
            if (!readWorker(schedstat)) {
                workerStats = List.of();  // not started yet, or an earlier runtime's that ended: look again
                LockSupport.parkNanos(PERIOD_NANOS);
                continue;
            }
            int i = samples;
            processTicks[i] = processTicks();
            readMachine(machine);
            machineBusyTicks[i] = machine[0];
            stealTicks[i] = machine[1];
            wall[i] = System.nanoTime();
            ran[i] = schedstat[0];
            waited[i] = schedstat[1];
            backlog[i] = stats.queueSize();
            processed[i] = stats.processed();
            samples = i + 1;
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    Spell worstSpell() {
        Spell worst = Spell.NONE;
        int busySince = 0;
        for (int end = 0; end < samples; end++) {
            if (backlog[end] < MIN_BACKLOG) {
                busySince = end + 1;
                continue;
            }
            int start = end - WINDOW_SAMPLES;
            if (start < busySince) {
                continue;
            }
            double span = wall[end] - wall[start];
            double share = (ran[end] - ran[start]) / span;
            if (worst == Spell.NONE || share < worst.ran()) {
                double ticks = span / TICK_NANOS;
                worst = new Spell(share, (waited[end] - waited[start]) / span, (wall[start] - wall[0]) / 1_000_000,
                        (processTicks[end] - processTicks[start]) / ticks,
                        (machineBusyTicks[end] - machineBusyTicks[start]) / ticks,
                        (stealTicks[end] - stealTicks[start]) / ticks);
            }
        }
        return worst;
    }

    /** Upper bounds of the backlog bands of {@link #costByBacklog()}: within the queue, up to 50,000, more. */
    static final long[] BACKLOG_BANDS = {10_000, 50_000, Long.MAX_VALUE};

    /** The worker's ns on a core per event written, per band of {@link #BACKLOG_BANDS} (NaN: none written in it). */
    double[] costByBacklog() {
        double[] ranNanos = new double[BACKLOG_BANDS.length];
        double[] events = new double[BACKLOG_BANDS.length];
        for (int i = 1; i < samples; i++) {
            int band = 0;
            while (backlog[i - 1] >= BACKLOG_BANDS[band]) {
                band++;
            }
            ranNanos[band] += ran[i] - ran[i - 1];
            events[band] += processed[i] - processed[i - 1];
        }
        double[] cost = new double[BACKLOG_BANDS.length];
        for (int band = 0; band < cost.length; band++) {
            cost[band] = events[band] < 1_000 ? Double.NaN : ranNanos[band] / events[band];
        }
        return cost;
    }

    /** Sums the workers' {@code schedstat} (ns on a core, ns runnable waiting for one); false once none is readable. */
    private boolean readWorker(long[] into) {
        long run = 0;
        long wait = 0;
        int read = 0;
        for (Path stat : workerStats) {
            try {
                String[] fields = Files.readString(stat).trim().split(" ");
                run += Long.parseLong(fields[0]);
                wait += Long.parseLong(fields[1]);
                read++;
            } catch (IOException | RuntimeException ended) {
                // the thread ended: its last figures no longer count
            }
        }
        into[0] = run;
        into[1] = wait;
        return read > 0;
    }

    /** This process's user + system time, in clock ticks ({@code /proc/self/stat} fields 14 and 15). */
    private static long processTicks() {
        try {
            String stat = Files.readString(SELF_STAT);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");  // fields from the third on
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    /** All cores' busy ticks (not idle, not waiting for I/O, not stolen) and stolen ticks, from {@code /proc/stat}'s first line. */
    private static void readMachine(long[] into) {
        try (java.io.BufferedReader stat = Files.newBufferedReader(MACHINE_STAT)) {
            String[] ticks = stat.readLine().trim().split(" +");  // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(ticks[field]);
            }
            into[0] = busy;
            into[1] = Long.parseLong(ticks[8]);
        } catch (IOException | RuntimeException unreadable) {
            into[0] = 0;
            into[1] = 0;
        }
    }

    private static List<Path> workerSchedstats() {
        List<Path> stats = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith("fapilog-worker")) {
                        stats.add(task.resolve("schedstat"));
                    }
                } catch (IOException ended) {
                    // a thread that ended while listed
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return List.of();
        }
        return stats;
    }
}
