package io.fapilog.benchmarks;

import io.fapilog.benchmarks.file.FileSmoke;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.util.Collection;

/**
 * The benchmarks' smoke run in {@code ./mvnw verify}: every contender in both setups with two
 * producers and in the latency mode, plus fapilog THREAD saturated by two producers, one 200 ms
 * warm-up and one 200 ms measurement each, in forked JVMs (about 50 s on 2 cores), and the four
 * {@link ApiFormsBenchmark} calls. Exits non-zero when any
 * benchmark fails, which includes any contender losing an event silently (asserted in
 * {@link LoggingBenchmark}'s tear-down), or when a benchmark is missing. Log4j2's saturation run is
 * left out, and Log4j2 runs with one producer instead of two: with two it loses events (see
 * docs/performance.md). Then {@link FileSmoke}: each contender writing JSON lines to a real file,
 * whose lines must be exactly the events written.
 */
public final class Smoke {

    private static final String PACKAGE = LoggingBenchmark.class.getPackageName().replace(".", "\\.");

    /** ((3 fapilog modes + Log4j2 + Logback) × 2 setups + floor) × 2 benchmarks. */
    private static final int EXPECTED = 22;

    /** {@link ApiFormsBenchmark}: varargs and fluent, enabled and disabled. */
    private static final int API_FORMS = 4;

    private Smoke() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        int code = 0;
        try {
            Collection<RunResult> results = new Runner(options()
                    .include(PACKAGE + "\\.(FapilogBenchmark|LogbackBenchmark|QueueFloorBenchmark)\\.(throughput2|latency)$")
                    .include(PACKAGE + "\\.Log4j2Benchmark\\.(throughput1|latency)$")
                    .build()).run();
            Collection<RunResult> saturated = new Runner(options()
                    .include(PACKAGE + "\\.FapilogBenchmark\\.saturation2$")
                    .param("mode", "THREAD")
                    .build()).run();
            Collection<RunResult> apiForms = new Runner(options()
                    .include(PACKAGE + "\\.ApiFormsBenchmark\\..*")
                    .build()).run();
            if (results.size() != EXPECTED || saturated.size() != 2 || apiForms.size() != API_FORMS) {
                System.err.println("benchmark smoke: expected " + EXPECTED + " + 2 + " + API_FORMS + " results, got "
                        + results.size() + " + " + saturated.size() + " + " + apiForms.size());
                code = 1;
            }
            if (!FileSmoke.run()) {
                System.err.println("benchmark smoke: the file smoke failed");
                code = 1;
            }
        } catch (RunnerException | IOException e) {
            System.err.println("benchmark smoke FAILED: " + e.getMessage());
            code = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        }
        System.out.printf("benchmark smoke: %s in %d s%n", code == 0 ? "passed" : "FAILED",
                (System.nanoTime() - started) / 1_000_000_000L);
        System.exit(code);
    }

    private static ChainedOptionsBuilder options() {
        return new OptionsBuilder()
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true);
    }
}
