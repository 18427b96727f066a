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
 * The smoke of {@link FileThroughput}, part of the benchmarks' smoke in {@code ./mvnw verify}: each
 * contender and target once, {@value #EVENTS} events, in a JVM of its own with standard output
 * redirected to a file (a few seconds in all). Passes when every run exits cleanly and its file holds
 * exactly the events it wrote (accepted less the drops it counted), no line more or less, the rolled
 * files included (the files roll every megabyte here). Log4j2 runs
 * with one producer: with more it loses events (see docs/performance.md); the others with two.
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
        return passed;
    }

    private static boolean runOnce(String java, String classpath, Run run, String target)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("file-smoke-", ".jsonl");
        try {
            Process process = new ProcessBuilder(java, "-Dfile.rollAtBytes=" + ROLL_AT_BYTES, "-cp", classpath,
                    FileThroughput.class.getName(),
                    run.contender(), target, String.valueOf(run.producers()), String.valueOf(EVENTS))
                    .redirectOutput(stdout.toFile())
                    .start();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
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
}
