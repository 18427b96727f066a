package io.fapilog.benchmarks.report;

import io.fapilog.benchmarks.LoggingBenchmark;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JMH JSON results of the {@code io.fapilog.benchmarks} suite into a Markdown table,
 * contender × metric, then the ratios fapilog ÷ Log4j2 and fapilog ÷ Logback per mode.
 *
 * <pre>
 * java -cp benchmarks.jar io.fapilog.benchmarks.report.BenchmarkReport [--log run.log] [--out results.md] results.json...
 * </pre>
 *
 * With {@code --log} (the JMH console output) it also reports the encoded size of an event, which
 * the harness prints when each trial ends, and lists the trials that lost events (exit status 3).
 * Without {@code --out} it prints to standard output.
 */
public final class BenchmarkReport {

    static final String LOG4J2 = "Log4j2 async loggers + JsonTemplateLayout";
    static final String LOGBACK = "Logback AsyncAppender + LogstashEncoder";
    private static final String FLOOR = "floor: ArrayBlockingQueue hand-off";
    private static final String LATENCY_FLOOR = "floor: the call's arguments alone, no logger (latency only)";
    static final List<String> MODES = List.of("THREAD", "BOUND_LOOP", "ASYNC");
    /** Production first: the headline rows, then the tuned ones. */
    static final List<String> SETUPS = List.of("production", "tuned");
    private static final Pattern FAILURE_LINE =
            Pattern.compile("IllegalStateException: (EVENTS LOST by [^\\n]+|[^\\n]+? stalled: consumed [^\\n]+)");
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    private static final Pattern MODE_PARAM = Pattern.compile("mode = (\\w+)");
    private static final Pattern SETUP_PARAM = Pattern.compile("setup = (\\w+)");
    private static final Pattern TEARDOWN_LINE =
            Pattern.compile("\\[bench] (.+?): produced=(\\d+) consumed=\\d+ libraryDrops=(\\d+) bytes/event=([0-9.]+)");

    /** One measured value: the median over iterations (or the percentile) and the 99.9% error of the mean. */
    record Cell(double value, double error) {
    }

    /** contender → metric → value, in order of first appearance. */
    private final Map<String, Map<Metric, Cell>> table = new LinkedHashMap<>();
    private final Map<String, Double> encodedBytes = new LinkedHashMap<>();
    /** contender → drop metric → percent of the events logged that the library dropped (and counted). */
    private final Map<String, Map<Metric, Cell>> drops = new LinkedHashMap<>();
    private final Set<String> failures = new LinkedHashSet<>();
    /** contender → the metrics of its failed trials (their scores are not valid). */
    private final Map<String, Set<Metric>> failed = new HashMap<>();

    enum Metric {
        E2E_1("end to end, 1 producer (M events/s)"),
        E2E_2("end to end, 2 producers (M events/s)"),
        WRITTEN_1("written, 1 producer (M events/s)"),
        WRITTEN_2("written, 2 producers (M events/s)"),
        SATURATED_2("saturated, 2 producers (M events/s)"),
        DROPPED_1("dropped, 1 producer (%)"),
        DROPPED_2("dropped, 2 producers (%)"),
        DROPPED_SATURATED("dropped, saturated (%)"),
        P50("caller p50 (ns)"),
        P99("caller p99 (ns)"),
        P999("caller p99.9 (ns)"),
        PRETOUCHED_P50("caller p50, heap pre-touched (ns)"),
        PRETOUCHED_P99("caller p99, heap pre-touched (ns)"),
        PRETOUCHED_P999("caller p99.9, heap pre-touched (ns)"),
        ALLOC("allocated (B/event)"),
        ENCODED("encoded (B/event)");

        final String title;

        Metric(String title) {
            this.title = title;
        }
    }

    public static void main(String[] args) throws IOException {
        BenchmarkReport report = new BenchmarkReport();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--log" -> report.readLog(Path.of(args[++i]));
                case "--out" -> out = Path.of(args[++i]);
                default -> report.readJson(Path.of(args[i]));
            }
        }
        String markdown = report.markdown();
        if (out == null) {
            System.out.print(markdown);
        } else {
            Files.writeString(out, markdown);
            System.out.println("wrote " + out);
        }
        if (!report.failures.isEmpty()) {
            System.err.println("benchmark report: " + report.failures.size() + " failed trial(s): events lost or consumer stalled");
            System.exit(3);
        }
    }

    void readJson(Path file) throws IOException {
        JsonNode runs = JsonMapper.builder().build().readTree(file.toFile());
        for (JsonNode run : runs) {
            String benchmark = run.path("benchmark").asString();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String contender = contender(benchmark, run.path("params"));
            JsonNode primary = run.path("primaryMetric");
            Map<Metric, Cell> row = table.computeIfAbsent(contender, c -> new LinkedHashMap<>());
            switch (method) {
                case "throughput1" -> {
                    row.put(Metric.E2E_1, median(primary, 1e-6));
                    JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
                    if (!alloc.isMissingNode()) {
                        row.put(Metric.ALLOC, new Cell(alloc.path("score").asDouble(), error(alloc)));
                    }
                }
                case "throughput2" -> row.put(Metric.E2E_2, median(primary, 1e-6));
                case "saturation2" -> row.put(Metric.SATURATED_2, median(primary, 1e-6));
                case "latency" -> {
                    boolean pretouched = preTouchedHeap(run);
                    row.put(pretouched ? Metric.PRETOUCHED_P50 : Metric.P50, percentile(primary, "50.0"));
                    row.put(pretouched ? Metric.PRETOUCHED_P99 : Metric.P99, percentile(primary, "99.0"));
                    row.put(pretouched ? Metric.PRETOUCHED_P999 : Metric.P999, percentile(primary, "99.9"));
                }
                default -> {
                }
            }
        }
    }

    void readLog(Path log) throws IOException {
        String benchmark = null;
        String mode = null;
        String setup = null;
        boolean preTouched = false;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("# VM options: ")) {   // before "# Benchmark:" in each trial's header
                preTouched = hasPreTouch(line.substring("# VM options: ".length()));
            } else if (line.startsWith("# Benchmark: ")) {
                benchmark = line.substring("# Benchmark: ".length()).strip();
                mode = null;
                setup = null;
            } else if (line.startsWith("# Parameters: ")) {
                Matcher p = MODE_PARAM.matcher(line);
                mode = p.find() ? p.group(1) : null;
                Matcher s = SETUP_PARAM.matcher(line);
                setup = s.find() ? s.group(1) : null;
            }
            Matcher m = TEARDOWN_LINE.matcher(line);
            if (m.find()) {
                encodedBytes.put(m.group(1), Double.parseDouble(m.group(4)));   // the last trial wins; all are alike
                Metric dropMetric = benchmark == null ? null : switch (benchmark.substring(benchmark.lastIndexOf('.') + 1)) {
                    case "throughput1" -> Metric.DROPPED_1;
                    case "throughput2" -> Metric.DROPPED_2;
                    case "saturation2" -> Metric.DROPPED_SATURATED;
                    default -> null;
                };
                long produced = Long.parseLong(m.group(2));
                if (dropMetric != null && produced > 0) {
                    drops.computeIfAbsent(m.group(1), c -> new LinkedHashMap<>())
                            .put(dropMetric, new Cell(100.0 * Long.parseLong(m.group(3)) / produced, Double.NaN));
                }
            }
            Matcher f = FAILURE_LINE.matcher(line);
            if (f.find() && failures.add(f.group(1).strip()) && benchmark != null) {
                String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                failed.computeIfAbsent(contender(benchmark, mode, setup), c -> new HashSet<>())
                        .addAll(metricsOf(method, preTouched));
            }
        }
    }

    /**
     * Whether the trial's JVM touched its whole heap at start ({@code -XX:+AlwaysPreTouch}): then no
     * call pays for the page faults of memory the heap uses for the first time.
     */
    private static boolean preTouchedHeap(JsonNode run) {
        for (JsonNode arg : run.path("jvmArgs")) {
            if (hasPreTouch(arg.asString())) {
                return true;
            }
        }
        return false;
    }

    /** Whether JVM options, one or several separated by spaces, include {@link #PRE_TOUCH}. */
    private static boolean hasPreTouch(String options) {
        return List.of(options.strip().split("\\s+")).contains(PRE_TOUCH);
    }

    private static List<Metric> metricsOf(String method, boolean preTouched) {
        return switch (method) {
            case "throughput1" -> List.of(Metric.E2E_1, Metric.WRITTEN_1, Metric.ALLOC, Metric.DROPPED_1);
            case "throughput2" -> List.of(Metric.E2E_2, Metric.WRITTEN_2, Metric.DROPPED_2);
            case "saturation2" -> List.of(Metric.SATURATED_2, Metric.DROPPED_SATURATED);
            case "latency" -> preTouched ? List.of(Metric.PRETOUCHED_P50, Metric.PRETOUCHED_P99, Metric.PRETOUCHED_P999)
                    : List.of(Metric.P50, Metric.P99, Metric.P999);
            default -> List.of();
        };
    }

    private static String contender(String benchmark, JsonNode params) {
        return contender(benchmark, params.path("mode").asString(null), params.path("setup").asString(null));
    }

    private static String contender(String benchmark, String mode, String setup) {
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        type = type.substring(type.lastIndexOf('.') + 1);
        return switch (type) {
            case "FapilogBenchmark" -> LoggingBenchmark.contenderName("fapilog", mode, setup);
            case "Log4j2Benchmark" -> LoggingBenchmark.contenderName(LOG4J2, null, setup);
            case "LogbackBenchmark" -> LoggingBenchmark.contenderName(LOGBACK, null, setup);
            case "QueueFloorBenchmark" -> FLOOR;
            case "LatencyFloorBenchmark" -> LATENCY_FLOOR;
            default -> type;
        };
    }

    private static Cell median(JsonNode metric, double scale) {
        return new Cell(metric.path("scorePercentiles").path("50.0").asDouble() * scale, error(metric) * scale);
    }

    private static Cell percentile(JsonNode metric, String p) {
        return new Cell(metric.path("scorePercentiles").path(p).asDouble(), Double.NaN);
    }

    private static double error(JsonNode metric) {
        double e = metric.path("scoreError").asDouble(Double.NaN);
        return Double.isFinite(e) ? e : Double.NaN;
    }

    /** Reads a run directory of {@code run-benchmarks.sh}: its JSON results and JMH logs. */
    static BenchmarkReport ofRun(Path directory) throws IOException {
        BenchmarkReport report = new BenchmarkReport();
        for (String name : List.of("main", "saturation", "latency-pretouched")) {
            if (Files.exists(directory.resolve(name + ".json"))) {
                report.readJson(directory.resolve(name + ".json"));
            }
            if (Files.exists(directory.resolve(name + ".log"))) {
                report.readLog(directory.resolve(name + ".log"));
            }
        }
        return report;
    }

    /** contender → metric → cell, with the encoded size, the drops and the written rates filled in. */
    Map<String, Map<Metric, Cell>> rows() {
        encodedBytes.forEach((contender, bytes) -> {
            if (table.containsKey(contender)) {
                table.get(contender).put(Metric.ENCODED, new Cell(bytes, Double.NaN));
            }
        });
        drops.forEach((contender, cells) -> {
            if (table.containsKey(contender)) {
                table.get(contender).putAll(cells);
            }
        });
        for (Map<Metric, Cell> row : table.values()) {
            written(row, Metric.E2E_1, Metric.DROPPED_1, Metric.WRITTEN_1);
            written(row, Metric.E2E_2, Metric.DROPPED_2, Metric.WRITTEN_2);
        }
        return table;
    }

    /** Whether a cell of a contender comes from a trial that lost events (its value is not valid). */
    boolean lost(String contender, Metric metric) {
        return failed.getOrDefault(contender, Set.of()).contains(metric);
    }

    String markdown() {
        rows();
        List<Metric> metrics = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            if (table.values().stream().anyMatch(row -> row.containsKey(metric))) {
                metrics.add(metric);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("| contender |");
        metrics.forEach(m -> md.append(' ').append(m.title).append(" |"));
        md.append("\n|---|");
        metrics.forEach(m -> md.append("---:|"));
        md.append('\n');
        for (String contender : ordered()) {
            Map<Metric, Cell> row = table.get(contender);
            md.append("| ").append(contender).append(" |");
            for (Metric m : metrics) {
                boolean lost = failed.getOrDefault(contender, Set.of()).contains(m);
                md.append(' ').append(lost ? "**lost events**" : format(m, row.get(m))).append(" |");
            }
            md.append('\n');
        }
        md.append("\nThroughput: median of the measurement iterations ± the 99.9% confidence half-width JMH reports "
                + "for the mean. Latency: percentiles of all sampled calls; \"heap pre-touched\": the same run in "
                + "JVMs started with `" + PRE_TOUCH + "` and a fixed heap, where no call pays for a page fault on "
                + "memory the heap uses for the first time. Allocation: `gc.alloc.rate.norm` of the "
                + "1-producer run (all threads, producer and consumer), per event ± 99.9% error. Dropped: events the "
                + "library dropped and counted, in percent of those logged; end to end counts events logged, written "
                + "leaves the dropped ones out.\n");

        if (!failures.isEmpty()) {
            md.append("\n**Failed trials** (events lost or consumer stalled; their cells read \"lost events\"):\n\n");
            failures.forEach(line -> md.append("- ").append(line).append('\n'));
        }

        List<Metric> ratioMetrics = metrics.stream()
                .filter(m -> m != Metric.ENCODED && m != Metric.DROPPED_1 && m != Metric.DROPPED_2 && m != Metric.DROPPED_SATURATED)
                .toList();
        md.append("\nfapilog ÷ peer, each setup against the same setup (throughput: above 1 means fapilog is faster; "
                + "latency and allocation: below 1 means fapilog is lower).\n\n| fapilog | peer |");
        ratioMetrics.forEach(m -> md.append(' ').append(m.title.replaceAll(" \\(.*\\)", "")).append(" |"));
        md.append("\n|---|---|");
        ratioMetrics.forEach(m -> md.append("---:|"));
        md.append('\n');
        for (String setup : SETUPS) {
            for (String modeName : MODES) {
                String mode = LoggingBenchmark.contenderName("fapilog", modeName, setup);
                for (String peerFamily : List.of(LOG4J2, LOGBACK)) {
                    String peer = LoggingBenchmark.contenderName(peerFamily, null, setup);
                    if (!table.containsKey(mode) || !table.containsKey(peer)) {
                        continue;
                    }
                    md.append("| ").append(mode.substring("fapilog ".length())).append(" | ")
                            .append(peer.substring(0, peer.indexOf(' '))).append(' ').append(setup).append(" |");
                    for (Metric m : ratioMetrics) {
                        boolean lost = failed.getOrDefault(mode, Set.of()).contains(m)
                                || failed.getOrDefault(peer, Set.of()).contains(m);
                        md.append(' ').append(lost ? "–" : ratio(table.get(mode).get(m), table.get(peer).get(m))).append(" |");
                    }
                    md.append('\n');
                }
            }
        }
        return md.toString();
    }

    /** Events written per second: the events logged per second less the share the library dropped. */
    private static void written(Map<Metric, Cell> row, Metric logged, Metric dropped, Metric written) {
        Cell rate = row.get(logged);
        Cell share = row.get(dropped);
        if (rate != null && share != null && share.value() > 0) {
            row.put(written, new Cell(rate.value() * (1 - share.value() / 100), Double.NaN));
        } else if (rate != null && share != null) {
            row.put(written, new Cell(rate.value(), Double.NaN));
        }
    }

    List<String> ordered() {
        List<String> order = new ArrayList<>();
        for (String setup : SETUPS) {
            for (String mode : MODES) {
                order.add(LoggingBenchmark.contenderName("fapilog", mode, setup));
            }
            order.add(LoggingBenchmark.contenderName(LOG4J2, null, setup));
            order.add(LoggingBenchmark.contenderName(LOGBACK, null, setup));
        }
        order.add(FLOOR);
        order.add(LATENCY_FLOOR);
        order.removeIf(c -> !table.containsKey(c));
        table.keySet().stream().filter(c -> !order.contains(c)).forEach(order::add);
        return order;
    }

    private static String format(Metric metric, Cell cell) {
        if (cell == null) {
            return "–";
        }
        Function<Double, String> f = switch (metric) {
            case E2E_1, E2E_2, WRITTEN_1, WRITTEN_2, SATURATED_2 -> v -> String.format(Locale.ROOT, "%.3f", v);
            case P50, P99, P999, PRETOUCHED_P50, PRETOUCHED_P99, PRETOUCHED_P999 -> v -> String.format(Locale.ROOT, "%,.0f", v);
            case ALLOC, ENCODED -> v -> String.format(Locale.ROOT, "%.1f", v);
            case DROPPED_1, DROPPED_2, DROPPED_SATURATED -> v -> String.format(Locale.ROOT, "%.2f", v);
        };
        String value = f.apply(cell.value());
        return Double.isNaN(cell.error()) ? value : value + " ± " + f.apply(cell.error());
    }

    static String ratio(Cell fapilog, Cell peer) {
        if (fapilog == null || peer == null || peer.value() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", fapilog.value() / peer.value());
    }
}
