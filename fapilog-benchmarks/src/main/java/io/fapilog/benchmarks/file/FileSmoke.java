package io.fapilog.benchmarks.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The smoke of {@link FileThroughput} and {@link PacedCpu}, part of the benchmarks' smoke in
 * {@code ./mvnw verify}, each run in a JVM of its own with standard output redirected to a file (about
 * 15 s in all). {@code FileThroughput}: each contender and target once, {@value #EVENTS} events.
 * {@code PacedCpu}: fapilog, Logback and the floor for 2 s at {@value #PACED_RATE} events/s. Passes when
 * every run exits cleanly and its file holds exactly the events it wrote (accepted less the drops it
 * counted), no line more or less, the rolled files included (the files roll every megabyte here).
 * Log4j2 runs with one producer: with more it loses events (see docs/performance.md), so it has no
 * paced run (two producers); the others run with two.
 */
public final class FileSmoke {

    static final int EVENTS = 10_000;

    /** Small, so that the rolling files roll during the smoke (10,000 events are about 2.7 MB). */
    private static final long ROLL_AT_BYTES = 1_000_000;

    private static final Pattern RESULT =
            Pattern.compile("\\[file] .* dropped=(\\d+) written=(\\d+) lines=(-?\\d+) files=(\\d+) ");

    private record Run(String contender, int producers) {
    }

    private static final List<Run> RUNS = List.of(new Run("fapilog", 2), new Run("logback", 2), new Run("log4j2", 1));

    static final int PACED_RATE = 2_000;
    private static final List<String> PACED = List.of("fapilog", "logback", "floor");
    private static final Pattern PACED_RESULT =
            Pattern.compile("\\[paced] .* logged=(\\d+) events=(\\d+) dropped=(\\d+) ");

    private FileSmoke() {
    }

    /** The file smoke alone: {@code java -cp benchmarks.jar io.fapilog.benchmarks.file.FileSmoke}. */
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        boolean passed = run();
        System.out.printf("file smoke: %s in %d s%n", passed ? "passed" : "FAILED", (System.nanoTime() - started) / 1_000_000_000L);
        System.exit(passed ? 0 : 1);
    }

    /** Runs the smoke; returns whether every run passed, printing one line per run. */
    public static boolean run() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        boolean passed = true;
        for (Run run : RUNS) {
            for (Target target : Target.values()) {
                passed &= runOnce(java, classpath, run, target.name().toLowerCase(Locale.ROOT));
            }
        }
        for (String contender : PACED) {
            passed &= pacedOnce(java, classpath, contender);
        }
        return passed;
    }

    private static boolean runOnce(String java, String classpath, Run run, String target)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("file-smoke-", ".jsonl");
        try {
            Launched launched = launch(stdout, java, "-Dfile.rollAtBytes=" + ROLL_AT_BYTES, "-cp", classpath,
                    FileThroughput.class.getName(),
                    run.contender(), target, String.valueOf(run.producers()), String.valueOf(EVENTS));
            String stderr = launched.stderr();
            int exit = launched.exit();
            Matcher result = RESULT.matcher(stderr);
            if (exit != 0 || !result.find()) {
                System.out.printf("file smoke %s %s: FAILED, exit %d%n%s%n", run.contender(), target, exit, stderr);
                return false;
            }
            long dropped = Long.parseLong(result.group(1));
            long written = Long.parseLong(result.group(2));
            long lines = "stdout".equals(target) ? Lines.count(stdout) : Long.parseLong(result.group(3));
            boolean ok = lines == written && written + dropped == EVENTS;
            System.out.printf("file smoke %s %s, %d producers: %d events, %d dropped (counted), %d lines in %s file(s): %s%n",
                    run.contender(), target, run.producers(), EVENTS, dropped, lines,
                    "stdout".equals(target) ? "1" : result.group(4), ok ? "ok" : "FAILED");
            return ok;
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    private static boolean pacedOnce(String java, String classpath, String contender)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("paced-smoke-", ".jsonl");
        try {
            Launched launched = launch(stdout, java, "-cp", classpath, PacedCpu.class.getName(),
                    contender, String.valueOf(PACED_RATE), "1", "1");
            Matcher result = PACED_RESULT.matcher(launched.stderr());
            if (launched.exit() != 0 || !result.find()) {
                System.out.printf("paced smoke %s: FAILED, exit %d%n%s%n", contender, launched.exit(), launched.stderr());
                return false;
            }
            long logged = Long.parseLong(result.group(1));
            long steady = Long.parseLong(result.group(2));
            long dropped = Long.parseLong(result.group(3));
            long lines = Lines.count(stdout);
            boolean ok = steady > 0 && lines == logged - dropped;
            System.out.printf("paced smoke %s: %d events, %d in the steady second, %d dropped (counted), %d lines: %s%n",
                    contender, logged, steady, dropped, lines, ok ? "ok" : "FAILED");
            return ok;
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    private record Launched(int exit, String stderr) {
    }

    private static Launched launch(Path stdout, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Launched(process.waitFor(), stderr);
    }
}
