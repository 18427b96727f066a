package io.fapilog.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of an {@code OverloadRoundsBenchmark} run, from its console output: per offered load,
 * the medians over the measured rounds (warm-up rounds left out) of each mode's written and dropped
 * rates and worker CPU per event, and of BOUND_LOOP's and ASYNC's written rate as a share of
 * THREAD's in the same round, with the shares' range and how many rounds dropped anything; for the
 * non-blocking modes' trials with and without drops, how far their callers fell behind and the
 * worker's worst 50 ms with work to do (how much of it the worker ran, waited for a core, slept); and the
 * worker's cost per event by how many events were queued; and which trials dropped by the worker's load in
 * the trial: the offered rate times the worker's CPU per event, in cores (1.0: it needed all of its core).
 *
 * <pre>
 * java -jar benchmarks.jar OverloadRounds -p threadCapacity=4900000 | tee rounds.log
 * java -cp benchmarks.jar io.fapilog.benchmarks.report.OverloadRoundsSummary rounds.log
 * </pre>
 */
public final class OverloadRoundsSummary {

    static final List<String> MODES = List.of("THREAD", "BOUND_LOOP", "ASYNC");

    private static final Pattern LOAD = Pattern.compile("\\[overload-round] (\\d+)% ");
    private static final Pattern PRESET = Pattern.compile(" preset (\\w+):");
    private static final Pattern MODE = Pattern.compile("(THREAD|BOUND_LOOP|ASYNC) (?:offered (\\d+)/s )?written (\\d+)/s dropped (\\d+)/s cpu (-?\\d+) ns/event(?: debt (\\d+))?"
            + "(?: worst (?:none|ran (\\d+) % waited (\\d+) % slept (\\d+) % at \\d+ ms, cores process [\\d.]+ machine ([\\d.]+) steal ([\\d.]+)))?"
            + "(?: by backlog <10K (\\d+|-) / 10-50K (\\d+|-) / >=50K (\\d+|-))?");

    private OverloadRoundsSummary() {
    }

    /**
     * One mode's trial in a round; {@code debt}: the most events its caller was behind schedule, -1 if not printed;
     * {@code worst}: the worker's worst 50 ms with work, null if not printed or never 50 ms of work.
     */
    record Trial(double offered, double written, double dropped, double cpuNanosPerEvent, long debt, Spell worst,
                 double[] costByBacklog) {
    }

    /** Percent of the worker's worst 50 ms it ran, waited runnable for a core and slept; the cores the machine kept busy and the hypervisor took. */
    record Spell(double ran, double waited, double slept, double machineCores, double stealCores) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: OverloadRoundsSummary <console output of OverloadRoundsBenchmark>");
            System.exit(2);
        }
        System.out.print(markdown(rounds(Files.readAllLines(Path.of(args[0])))));
    }

    /**
     * The measured rounds by offered load (percent); each round's trials in {@link #MODES} order.
     *
     * @throws IllegalArgumentException if the rounds name more than one preset (their loads are
     *         shares of different capacities): summarise one preset at a time
     */
    static Map<Integer, List<Trial[]>> rounds(List<String> lines) {
        Map<Integer, List<Trial[]>> rounds = new TreeMap<>();
        String preset = null;
        for (String line : lines) {
            Matcher load = LOAD.matcher(line);
            // JMH prints a measured iteration's output after "Iteration N:", a warm-up's after "# Warmup Iteration".
            if (!line.startsWith("Iteration") || !load.find()) {
                continue;
            }
            Matcher named = PRESET.matcher(line);
            if (named.find()) {  // runs before 2 December's evening did not print it
                if (preset != null && !preset.equals(named.group(1))) {
                    throw new IllegalArgumentException("the rounds mix presets " + preset + " and " + named.group(1)
                            + ": summarise one preset at a time");
                }
                preset = named.group(1);
            }
            Trial[] round = new Trial[MODES.size()];
            Matcher mode = MODE.matcher(line);
            while (mode.find()) {
                double offered = mode.group(2) == null ? Double.NaN : Double.parseDouble(mode.group(2));  // older runs lack it
                Spell worst = mode.group(7) == null ? null : new Spell(Double.parseDouble(mode.group(7)), Double.parseDouble(mode.group(8)),
                        Double.parseDouble(mode.group(9)), Double.parseDouble(mode.group(10)), Double.parseDouble(mode.group(11)));
                double[] cost = new double[3];
                for (int band = 0; band < cost.length; band++) {
                    String value = mode.group(12 + band);
                    cost[band] = value == null || value.equals("-") ? Double.NaN : Double.parseDouble(value);
                }
                round[MODES.indexOf(mode.group(1))] = new Trial(offered, Double.parseDouble(mode.group(3)),
                        Double.parseDouble(mode.group(4)), Double.parseDouble(mode.group(5)),
                        mode.group(6) == null ? -1 : Long.parseLong(mode.group(6)), worst, cost);
            }
            if (round[0] != null && round[1] != null && round[2] != null) {
                rounds.computeIfAbsent(Integer.parseInt(load.group(1)), l -> new ArrayList<>()).add(round);
            }
        }
        return rounds;
    }

    static String markdown(Map<Integer, List<Trial[]>> rounds) {
        StringBuilder out = new StringBuilder();
        out.append("| load | rounds | offered THREAD / BOUND_LOOP / ASYNC (M/s) | written THREAD / BOUND_LOOP / ASYNC (M/s) | BOUND_LOOP ÷ THREAD | ASYNC ÷ THREAD "
                + "| dropped BOUND_LOOP / ASYNC (M/s) | rounds with drops (THREAD / BOUND_LOOP / ASYNC) "
                + "| worker CPU THREAD / BOUND_LOOP / ASYNC (ns/event) "
                + "| caller's largest debt, BOUND_LOOP and ASYNC trials with drops: min–max / without: max (events) "
                + "| worker's worst 50 ms with work, BOUND_LOOP and ASYNC trials with drops / without (medians): ran / waited for a core / slept %, machine's busy cores "
                + "| worker ns/event with < 10,000 / 10,000–50,000 / ≥ 50,000 events queued (medians of the trials, all modes) "
                + "| BOUND_LOOP and ASYNC trials with drops, by the worker's load in the trial (cores): < 0.8 / 0.8–0.9 / 0.9–1.0 / ≥ 1.0 |\n");
        out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        rounds.forEach((load, trials) -> {
            out.append(String.format(Locale.ROOT, "| %d %% | %d | %s | %s | %s | %s | %.2f / %.2f | %d / %d / %d | %s | %s | %s | %s | %s |\n",
                    load, trials.size(),
                    joined(trials, t -> t.offered() / 1e6, "%.2f"),
                    joined(trials, t -> t.written() / 1e6, "%.2f"),
                    share(trials, 1), share(trials, 2),
                    median(trials, 1, t -> t.dropped() / 1e6), median(trials, 2, t -> t.dropped() / 1e6),
                    withDrops(trials, 0), withDrops(trials, 1), withDrops(trials, 2),
                    joined(trials, Trial::cpuNanosPerEvent, "%.0f"), debts(trials), spells(trials), costByBacklog(trials),
                    dropsByWorkerLoad(trials)));
        });
        return out.toString();
    }

    private static String joined(List<Trial[]> trials, java.util.function.ToDoubleFunction<Trial> value, String format) {
        List<String> medians = new ArrayList<>();
        for (int m = 0; m < MODES.size(); m++) {
            double median = median(trials, m, value);
            medians.add(Double.isNaN(median) ? "–" : String.format(Locale.ROOT, format, median));
        }
        return String.join(" / ", medians);
    }

    /** The median of the rounds' written(mode) ÷ written(THREAD), and their range. */
    private static String share(List<Trial[]> trials, int mode) {
        List<Double> shares = new ArrayList<>();
        for (Trial[] round : trials) {
            shares.add(round[0].written() == 0 ? 0 : round[mode].written() / round[0].written());
        }
        shares.sort(null);
        return String.format(Locale.ROOT, "%.3f (%.2f–%.2f)", RunsSummary.median(shares), shares.get(0),
                shares.get(shares.size() - 1));
    }

    private static double median(List<Trial[]> trials, int mode, java.util.function.ToDoubleFunction<Trial> value) {
        List<Double> values = new ArrayList<>();
        for (Trial[] round : trials) {
            values.add(value.applyAsDouble(round[mode]));
        }
        return RunsSummary.median(values);
    }

    /**
     * How far behind schedule the non-blocking modes' callers fell in the trials that dropped and in
     * those that did not: a caller that owes more than the queue and its room offers it all at once.
     */
    private static String debts(List<Trial[]> trials) {
        List<Long> dropping = new ArrayList<>();
        List<Long> keeping = new ArrayList<>();
        for (Trial[] round : trials) {
            for (int m = 1; m < MODES.size(); m++) {
                if (round[m].debt() >= 0) {
                    (round[m].dropped() > 0 ? dropping : keeping).add(round[m].debt());
                }
            }
        }
        if (dropping.isEmpty() && keeping.isEmpty()) {
            return "–";
        }
        String withDrops = dropping.isEmpty() ? "none"
                : String.format(Locale.ROOT, "%,d–%,d", Collections.min(dropping), Collections.max(dropping));
        return withDrops + " / " + (keeping.isEmpty() ? "none" : String.format(Locale.ROOT, "%,d", Collections.max(keeping)));
    }

    /** The worker's worst spells in the non-blocking modes' trials, those that dropped and those that did not. */
    private static String spells(List<Trial[]> trials) {
        List<Spell> dropping = new ArrayList<>();
        List<Spell> keeping = new ArrayList<>();
        for (Trial[] round : trials) {
            for (int m = 1; m < MODES.size(); m++) {
                if (round[m].worst() != null) {
                    (round[m].dropped() > 0 ? dropping : keeping).add(round[m].worst());
                }
            }
        }
        if (dropping.isEmpty() && keeping.isEmpty()) {
            return "–";
        }
        return spellMedians(dropping) + " / " + spellMedians(keeping);
    }

    private static String spellMedians(List<Spell> spells) {
        if (spells.isEmpty()) {
            return "none";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f, %.1f (%d)", medianOf(spells, Spell::ran), medianOf(spells, Spell::waited),
                medianOf(spells, Spell::slept), medianOf(spells, Spell::machineCores), spells.size());
    }

    private static double medianOf(List<Spell> spells, java.util.function.ToDoubleFunction<Spell> value) {
        List<Double> values = new ArrayList<>();
        spells.forEach(spell -> values.add(value.applyAsDouble(spell)));
        return RunsSummary.median(values);
    }

    private static String costByBacklog(List<Trial[]> trials) {
        List<String> bands = new ArrayList<>();
        for (int band = 0; band < 3; band++) {
            List<Double> costs = new ArrayList<>();
            for (Trial[] round : trials) {
                for (Trial trial : round) {
                    if (trial.costByBacklog() != null && !Double.isNaN(trial.costByBacklog()[band])) {
                        costs.add(trial.costByBacklog()[band]);
                    }
                }
            }
            bands.add(costs.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f (%d)", RunsSummary.median(costs), costs.size()));
        }
        return String.join(" / ", bands);
    }

    /** Upper bounds of the worker-load bands of {@link #dropsByWorkerLoad}, in cores. */
    private static final double[] LOAD_BANDS = {0.8, 0.9, 1.0, Double.MAX_VALUE};

    /** "a of b" per band: of the non-blocking trials whose worker load fell in the band, how many dropped. */
    static String dropsByWorkerLoad(List<Trial[]> trials) {
        int[] dropping = new int[LOAD_BANDS.length];
        int[] all = new int[LOAD_BANDS.length];
        for (Trial[] round : trials) {
            for (int m = 1; m < MODES.size(); m++) {
                Trial trial = round[m];
                if (Double.isNaN(trial.offered()) || trial.cpuNanosPerEvent() <= 0) {
                    continue;  // older runs printed no offered rate
                }
                double load = trial.offered() * trial.cpuNanosPerEvent() / 1e9;
                int band = 0;
                while (load >= LOAD_BANDS[band]) {
                    band++;
                }
                all[band]++;
                if (trial.dropped() > 0) {
                    dropping[band]++;
                }
            }
        }
        List<String> bands = new ArrayList<>();
        for (int band = 0; band < LOAD_BANDS.length; band++) {
            bands.add(dropping[band] + " of " + all[band]);
        }
        return String.join(" / ", bands);
    }

    private static long withDrops(List<Trial[]> trials, int mode) {
        return trials.stream().filter(round -> round[mode].dropped() > 0).count();
    }
}
