package io.fapilog.benchmarks.report;

import io.fapilog.benchmarks.LoggingBenchmark;
import io.fapilog.benchmarks.report.BenchmarkReport.Cell;
import io.fapilog.benchmarks.report.BenchmarkReport.Metric;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison across several runs of {@code run-benchmarks.sh}: per contender, the median of the
 * runs' written rates with one and two producers and their range, the share dropped with two, the
 * allocation and the caller's latency percentiles (paced calls, in JVMs with the default heap and
 * with a pre-touched one); then fapilog ÷ peer on those medians. A single fork on a small machine
 * moves by ±25 % from one run to the next; the median of a few runs is the figure to quote. A run's
 * cell from a trial that lost events is left out.
 *
 * <pre>
 * java -cp benchmarks.jar io.fapilog.benchmarks.report.RunsSummary benchmark-results/RUN benchmark-results/RUN...
 * </pre>
 */
public final class RunsSummary {

    private static final List<Metric> COLUMNS = List.of(Metric.WRITTEN_1, Metric.WRITTEN_2, Metric.DROPPED_2, Metric.ALLOC,
            Metric.P50, Metric.P99, Metric.P999, Metric.PRETOUCHED_P50, Metric.PRETOUCHED_P99, Metric.PRETOUCHED_P999);

    private RunsSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: RunsSummary <run directory>... (directories written by run-benchmarks.sh)");
            System.exit(2);
        }
        List<BenchmarkReport> runs = new ArrayList<>();
        for (String directory : args) {
            runs.add(BenchmarkReport.ofRun(Path.of(directory)));
        }
        System.out.print(markdown(runs));
    }

    static String markdown(List<BenchmarkReport> runs) {
        Map<String, Map<Metric, List<Double>>> values = new LinkedHashMap<>();
        for (BenchmarkReport run : runs) {
            Map<String, Map<Metric, Cell>> rows = run.rows();
            for (String contender : run.ordered()) {
                for (Metric metric : COLUMNS) {
                    Cell cell = rows.get(contender).get(metric);
                    if (cell != null && !run.lost(contender, metric)) {
                        values.computeIfAbsent(contender, c -> new LinkedHashMap<>())
                                .computeIfAbsent(metric, m -> new ArrayList<>()).add(cell.value());
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("Medians of ").append(runs.size()).append(" runs (range in brackets).\n\n")
                .append("| contender | written, 1 producer (M events/s) | written, 2 producers (M events/s) "
                        + "| dropped, 2 producers (%) | allocated (B/event) | caller p50 / p99 / p99.9 (ns) "
                        + "| the same, heap pre-touched (ns) |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|\n");
        values.forEach((contender, metrics) -> md.append("| ").append(contender)
                .append(" | ").append(rangeOf(metrics.get(Metric.WRITTEN_1), "%.3f"))
                .append(" | ").append(rangeOf(metrics.get(Metric.WRITTEN_2), "%.3f"))
                .append(" | ").append(medianOf(metrics.get(Metric.DROPPED_2), "%.2f"))
                .append(" | ").append(medianOf(metrics.get(Metric.ALLOC), "%.1f"))
                .append(" | ").append(percentiles(metrics, Metric.P50, Metric.P99, Metric.P999))
                .append(" | ").append(percentiles(metrics, Metric.PRETOUCHED_P50, Metric.PRETOUCHED_P99, Metric.PRETOUCHED_P999))
                .append(" |\n"));

        md.append("\nfapilog ÷ peer on the medians of the written rates (above 1: fapilog writes more per second).\n\n"
                + "| fapilog | ÷ Log4j2, 1 producer | ÷ Log4j2, 2 producers | ÷ Logback, 1 producer | ÷ Logback, 2 producers |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (String setup : BenchmarkReport.SETUPS) {
            Map<Metric, List<Double>> log4j2 = values.get(LoggingBenchmark.contenderName(BenchmarkReport.LOG4J2, null, setup));
            Map<Metric, List<Double>> logback = values.get(LoggingBenchmark.contenderName(BenchmarkReport.LOGBACK, null, setup));
            for (String mode : BenchmarkReport.MODES) {
                String name = LoggingBenchmark.contenderName("fapilog", mode, setup);
                Map<Metric, List<Double>> fapilog = values.get(name);
                if (fapilog == null || log4j2 == null || logback == null) {
                    continue;
                }
                md.append("| ").append(name.substring("fapilog ".length()));
                for (Map<Metric, List<Double>> peer : List.of(log4j2, logback)) {
                    for (Metric metric : List.of(Metric.WRITTEN_1, Metric.WRITTEN_2)) {
                        md.append(" | ").append(BenchmarkReport.ratio(medianCell(fapilog.get(metric)), medianCell(peer.get(metric))));
                    }
                }
                md.append(" |\n");
            }
        }
        return md.toString();
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The medians of three latency percentiles, "p50 / p99 / p99.9". */
    private static String percentiles(Map<Metric, List<Double>> metrics, Metric p50, Metric p99, Metric p999) {
        return medianOf(metrics.get(p50), "%,.0f") + " / " + medianOf(metrics.get(p99), "%,.0f") + " / "
                + medianOf(metrics.get(p999), "%,.0f");
    }

    private static Cell medianCell(List<Double> values) {
        return values == null || values.isEmpty() ? null : new Cell(median(values), Double.NaN);
    }

    private static String medianOf(List<Double> values, String format) {
        return values == null || values.isEmpty() ? "–" : String.format(Locale.ROOT, format, median(values));
    }

    private static String rangeOf(List<Double> values, String format) {
        if (values == null || values.isEmpty()) {
            return "–";
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return medianOf(values, format) + " (" + String.format(Locale.ROOT, format, sorted[0]) + "–"
                + String.format(Locale.ROOT, format, sorted[sorted.length - 1]) + ")";
    }
}
