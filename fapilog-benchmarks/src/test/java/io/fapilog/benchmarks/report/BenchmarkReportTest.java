package io.fapilog.benchmarks.report;

import io.fapilog.benchmarks.report.BenchmarkReport.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkReportTest {

    private static final String THREAD = "fapilog THREAD (production preset)";

    @TempDir
    Path dir;

    @Test
    void aLatencyTrialInAJvmWithAPreTouchedHeapFillsColumnsOfItsOwn() throws IOException {
        BenchmarkReport report = new BenchmarkReport();
        report.readJson(write("main.json", latencyTrial(List.of("-Xmx1g"), 80, 10_000, 40_000)));
        report.readJson(write("latency-pretouched.json",
                latencyTrial(List.of("-XX:+AlwaysPreTouch", "-Xms2g", "-Xmx2g"), 70, 400, 9_000)));

        var row = report.rows().get(THREAD);
        assertThat(row.get(Metric.P99).value()).isEqualTo(10_000);
        assertThat(row.get(Metric.PRETOUCHED_P50).value()).isEqualTo(70);
        assertThat(row.get(Metric.PRETOUCHED_P99).value()).isEqualTo(400);
        assertThat(row.get(Metric.PRETOUCHED_P999).value()).isEqualTo(9_000);
        assertThat(report.markdown())
                .contains("| caller p50 (ns) | caller p99 (ns) | caller p99.9 (ns) | caller p50, heap pre-touched (ns) "
                        + "| caller p99, heap pre-touched (ns) | caller p99.9, heap pre-touched (ns) |")
                .contains("| " + THREAD + " | 80 | 10,000 | 40,000 | 70 | 400 | 9,000 |");
    }

    @Test
    void aTrialThatLostEventsInThePreTouchedRunVoidsOnlyThatRunsLatencyCells() throws IOException {
        BenchmarkReport report = new BenchmarkReport();
        report.readJson(write("main.json", latencyTrial(List.of(), 80, 10_000, 40_000)));
        report.readJson(write("latency-pretouched.json",
                latencyTrial(List.of("-XX:+AlwaysPreTouch", "-Xms2g", "-Xmx2g"), 70, 400, 9_000)));
        report.readLog(write("latency-pretouched.log", """
                # VM options: -XX:+AlwaysPreTouch -Xms2g -Xmx2g
                # Benchmark: io.fapilog.benchmarks.FapilogBenchmark.latency
                # Parameters: (batchTimeoutMs = 250, mode = THREAD, setup = production)
                java.lang.IllegalStateException: EVENTS LOST by fapilog THREAD (production preset): produced=10 consumed=9 libraryDrops=0
                """));

        assertThat(report.lost(THREAD, Metric.PRETOUCHED_P99)).isTrue();
        assertThat(report.lost(THREAD, Metric.P99)).isFalse();
        assertThat(report.markdown()).contains("| " + THREAD + " | 80 | 10,000 | 40,000 | **lost events** | **lost events** | **lost events** |");
    }

    @Test
    void jvmOptionsGivenAsOneArgumentAreRecognisedToo() throws IOException {
        BenchmarkReport report = new BenchmarkReport();
        report.readJson(write("latency-pretouched.json", latencyTrial(List.of("-XX:+AlwaysPreTouch -Xmx2g"), 70, 400, 9_000)));

        assertThat(report.rows().get(THREAD)).containsKey(Metric.PRETOUCHED_P99).doesNotContainKey(Metric.P99);
    }

    @Test
    void theRunsSummaryGivesTheMediansOfBothLatencyRuns() throws IOException {
        Path first = run("a", 10_000, 400);
        Path second = run("b", 12_000, 600);

        String markdown = RunsSummary.markdown(List.of(BenchmarkReport.ofRun(first), BenchmarkReport.ofRun(second)));

        assertThat(markdown)
                .contains("| caller p50 / p99 / p99.9 (ns) | the same, heap pre-touched (ns) |")
                .contains("| 80 / 11,000 / 40,000 | 70 / 500 / 9,000 |");
    }

    /** A run directory as run-benchmarks.sh writes it: the plain latency trial and the pre-touched one. */
    private Path run(String name, double p99, double preTouchedP99) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.writeString(run.resolve("main.json"), latencyTrial(List.of(), 80, p99, 40_000));
        Files.writeString(run.resolve("latency-pretouched.json"),
                latencyTrial(List.of("-XX:+AlwaysPreTouch"), 70, preTouchedP99, 9_000));
        return run;
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }

    /** JMH's JSON for one {@code latency} trial of fapilog THREAD, production setup. */
    private static String latencyTrial(List<String> jvmArgs, double p50, double p99, double p999) {
        String args = String.join(", ", jvmArgs.stream().map(a -> '"' + a + '"').toList());
        return String.format(Locale.ROOT, """
                [ {
                  "benchmark" : "io.fapilog.benchmarks.FapilogBenchmark.latency",
                  "mode" : "sample",
                  "jvmArgs" : [ %s ],
                  "params" : { "batchTimeoutMs" : "250", "mode" : "THREAD", "setup" : "production" },
                  "primaryMetric" : {
                    "score" : 200.0, "scoreError" : 5.0,
                    "scorePercentiles" : { "0.0" : 30.0, "50.0" : %.1f, "99.0" : %.1f, "99.9" : %.1f, "100.0" : 90000.0 }
                  },
                  "secondaryMetrics" : { }
                } ]
                """, args, p50, p99, p999);
    }
}
