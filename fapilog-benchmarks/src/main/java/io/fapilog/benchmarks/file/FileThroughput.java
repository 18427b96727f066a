package io.fapilog.benchmarks.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * JSON lines to a real file, end to end, in a fresh JVM as an application would start: {@code
 * producers} threads log {@code events} {@code BenchEvent} events between them as fast as they can,
 * then the contender is stopped and drained. No warm-up: the JIT compiles while the events flow,
 * as it does in a service that has just started.
 *
 * <pre>
 * java -cp benchmarks.jar io.fapilog.benchmarks.file.FileThroughput &lt;fapilog|logback|log4j2&gt; &lt;stdout|file&gt; &lt;producers&gt; &lt;events&gt;
 * </pre>
 *
 * <p>With {@code stdout} the caller redirects standard output to a file ({@code > out.jsonl}) and
 * counts its lines; with {@code file} the contender writes a rolling file into a new temporary
 * directory, whose lines this class counts (all files, rolled ones included) and then deletes. Prints
 * one line to standard error:
 *
 * <pre>
 * [file] contender=fapilog target=file producers=4 events=2000000 dropped=0 written=2000000 lines=2000000 files=6 logged_s=1.02 seconds=1.10 lines_per_s=1818181 second_half_lines_per_s=2212389
 * </pre>
 *
 * {@code written} is events less the drops the library counted; {@code lines_per_s} is {@code written}
 * over the time from the producers' start to the end of the drain; {@code lines} is what the file
 * holds ({@code -1} for {@code stdout}), {@code files} how many files (the active one and the rolled ones);
 * {@code second_half_lines_per_s} the rate once warm, over the second half of the bytes the target
 * received ({@link WrittenBytes}; {@code NaN} when standard output is not a file). Exits with 3 when the
 * file holds other than {@code written} lines.
 */
public final class FileThroughput {

    private FileThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: FileThroughput <fapilog|logback|log4j2|floor> <stdout|file> <producers> <events>");
            System.exit(2);
        }
        String name = args[0];
        Target target = Target.parse(args[1]);
        int producers = Integer.parseInt(args[2]);
        long events = Long.parseLong(args[3]);

        FileContender contender = contender(name);
        Path directory = target == Target.FILE ? Files.createTempDirectory("file-throughput-" + name + "-") : null;
        contender.start(target, directory);
        Optional<WrittenBytes> bytes = WrittenBytes.start(target, directory);
        long startBytes = bytes.map(WrittenBytes::now).orElse(0L);

        Timing timing = runProducers(contender, producers, events);
        long dropped = contender.stopAndDrain();
        long ended = System.nanoTime();
        long started = timing.started();
        long written = events - dropped;
        double secondHalf = bytes.isEmpty() ? Double.NaN : bytes.get()
                .secondHalfLinesPerSecond(startBytes, ended, bytes.get().now(), written).orElse(Double.NaN);

        long lines = -1;
        int files = 0;
        if (directory != null) {
            lines = Lines.countInDirectory(directory);
            files = Lines.files(directory).size();
            Lines.delete(directory);
        }
        double seconds = (ended - started) / 1e9;
        System.err.printf(Locale.ROOT,
                "[file] contender=%s target=%s producers=%d events=%d dropped=%d written=%d lines=%d files=%d logged_s=%.3f seconds=%.3f lines_per_s=%.0f second_half_lines_per_s=%.0f%n",
                name, target.name().toLowerCase(Locale.ROOT), producers, events, dropped, written, lines, files,
                (timing.logged() - started) / 1e9, seconds, written / seconds, secondHalf);
        System.exit(lines >= 0 && lines != written ? 3 : 0);
    }

    static FileContender contender(String name) {
        return switch (name) {
            case "fapilog" -> new FapilogFileContender();
            case "logback" -> new LogbackFileContender();
            case "log4j2" -> {
                System.setProperty("log4j2.contextSelector", Log4j2FileContender.CONTEXT_SELECTOR);   // before Log4j2 starts
                yield new Log4j2FileContender();
            }
            case "floor" -> new FloorFileContender();
            default -> throw new IllegalArgumentException("contender: fapilog, logback, log4j2 or floor, not " + name);
        };
    }

    /** {@link System#nanoTime} when the producers were let go and when the last one had logged its share. */
    private record Timing(long started, long logged) {
    }

    /**
     * Starts {@code producers} threads together, each logging its share of {@code events} (event numbers
     * are disjoint), and waits for them.
     */
    private static Timing runProducers(FileContender contender, int producers, long events) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long first = events * p / producers;
            long end = events * (p + 1) / producers;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (long seq = first; seq < end; seq++) {
                        contender.log(seq);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "producer-" + (p + 1));
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a producer failed", failure.get());
        }
        return new Timing(started, System.nanoTime());
    }
}
