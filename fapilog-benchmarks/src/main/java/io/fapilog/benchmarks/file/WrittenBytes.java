package io.fapilog.benchmarks.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.locks.LockSupport;

/**
 * How many bytes a run's target holds, sampled every {@value #PERIOD_MICROS} µs on a thread of its
 * own while the run goes on, so that {@link FileThroughput} can tell the rate once warm: a fresh
 * JVM spends the first part of a run compiling the logger's code (see docs/performance.md), so the
 * lines of the second half of the bytes are written by compiled code. The same for every contender:
 * it reads only what reached the file.
 */
final class WrittenBytes implements AutoCloseable {

    static final long PERIOD_MICROS = 2_000;

    private final Path target;
    private final boolean directory;
    private final Thread sampler;
    private volatile boolean stopped;
    // Written by the sampler only, read after it ended.
    private long[] times = new long[4096];
    private long[] sizes = new long[4096];
    private int count;

    private WrittenBytes(Path target, boolean directory) {
        this.target = target;
        this.directory = directory;
        this.sampler = new Thread(this::sample, "written-bytes");
        sampler.setDaemon(true);
    }

    /**
     * Samples the files in {@code directory}, or, for {@link Target#STDOUT}, the file standard output
     * is redirected to; empty when standard output is not a regular file (a terminal, a pipe).
     */
    static Optional<WrittenBytes> start(Target target, Path directory) {
        WrittenBytes bytes;
        if (target == Target.FILE) {
            bytes = new WrittenBytes(directory, true);
        } else {
            Path stdout = Path.of("/proc/self/fd/1");
            if (!Files.isRegularFile(stdout)) {
                return Optional.empty();
            }
            bytes = new WrittenBytes(stdout, false);
        }
        bytes.sampler.start();
        return Optional.of(bytes);
    }

    /** Bytes the target holds now; a file renamed by a roll meanwhile is missed, never counted twice. */
    long now() {
        if (!directory) {
            return sizeOf(target);
        }
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target)) {
            for (Path file : files) {
                total += sizeOf(file);
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;  // rolled away between the listing and now
        } catch (IOException e) {
            return -1;
        }
    }

    private void sample() {
        while (!stopped) {
            long size = now();
            if (size >= 0) {
                if (count == times.length) {
                    times = Arrays.copyOf(times, 2 * count);
                    sizes = Arrays.copyOf(sizes, 2 * count);
                }
                times[count] = System.nanoTime();
                sizes[count] = size;
                count++;
            }
            LockSupport.parkNanos(PERIOD_MICROS * 1_000);
        }
    }

    /**
     * Lines per second over the second half of the bytes written from {@code startBytes} to
     * {@code endBytes}: from when the target held half of them (interpolated between samples) to
     * {@code endNanos}, during which half of the run's {@code lines} were written (its lines are of
     * nearly one length). Stops the sampling. Empty when no sample saw the half before the end.
     */
    OptionalDouble secondHalfLinesPerSecond(long startBytes, long endNanos, long endBytes, long lines)
            throws InterruptedException {
        close();
        return secondHalfLinesPerSecond(Arrays.copyOf(times, count), Arrays.copyOf(sizes, count),
                startBytes, endNanos, endBytes, lines);
    }

    static OptionalDouble secondHalfLinesPerSecond(long[] times, long[] sizes, long startBytes, long endNanos,
            long endBytes, long lines) {
        double half = startBytes + (endBytes - startBytes) / 2.0;
        for (int i = 0; i < times.length; i++) {
            if (sizes[i] >= half) {
                double crossed = times[i];
                if (i > 0 && sizes[i] > sizes[i - 1]) {
                    double fraction = (half - sizes[i - 1]) / (sizes[i] - sizes[i - 1]);
                    crossed = times[i - 1] + fraction * (times[i] - times[i - 1]);
                }
                double seconds = (endNanos - crossed) / 1e9;
                return seconds > 0 && lines > 0 ? OptionalDouble.of(lines / 2.0 / seconds) : OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        LockSupport.unpark(sampler);
        sampler.join();
    }
}
