package io.fapilog.internal.sinks;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.spi.SinkErrorListener;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Faults under the rotating file sink: a full disk, a file deleted or moved away, a second writer, a stray file. */
class FileSinkFaultsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final List<Throwable> backgroundErrors = new CopyOnWriteArrayList<>();

    private RotatingFileSink sink(Path path, long maxFileSize) {
        return new RotatingFileSink("rotating-file", new RotatingFileSettings(path, maxFileSize, false, 5, false, 64),
                Clock.systemDefaultZone(), SinkErrorListener.NONE);
    }

    /** A sink dated by the test's clock, keeping every rolled file, whose background errors are collected. */
    private RotatingFileSink sink(Path path, long maxFileSize, boolean gzip, RotatingFileSink.Rename rename) {
        return new RotatingFileSink("rotating-file", new RotatingFileSettings(path, maxFileSize, false, 1_000, gzip, 64),
                clock, (name, error) -> backgroundErrors.add(error), rename);
    }

    /** Lines {@code who-00} to {@code who-(to-1)}: 5 bytes each with the newline. */
    private static List<String> tagged(String who, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> String.format("%s-%02d", who, i)).toList();
    }

    private static List<String> json(int from, int to, int padding) {
        String pad = "x".repeat(padding);
        return IntStream.range(from, to).mapToObj(i -> "{\"seq\":" + i + ",\"pad\":\"" + pad + "\"}").toList();
    }

    private static List<String> lines(Path file) throws IOException {
        String text;
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).as("%s ends with a whole line", file).matches("|(?s).*\n");
        return text.lines().toList();
    }

    @Test
    void aFileDeletedUnderneathIsNoticedAndANewOneStarted() throws Exception {
        Path path = dir.resolve("app.log");
        RotatingFileSink sink = sink(path, 0);
        sink.write(TestBatches.of(json(0, 3, 1)));
        Files.delete(path);
        sink.write(TestBatches.of(json(3, 5, 1)));
        sink.close();
        assertThat(lines(path)).containsExactlyElementsOf(json(3, 5, 1));
    }

    @Test
    void aFileMovedAwayByLogrotateKeepsItsLinesAndANewOneIsStarted() throws Exception {
        Path path = dir.resolve("app.log");
        RotatingFileSink sink = sink(path, 0);
        sink.write(TestBatches.of(json(0, 3, 1)));
        Files.move(path, dir.resolve("app.log.1"));
        sink.write(TestBatches.of(json(3, 5, 1)));
        sink.close();
        assertThat(lines(dir.resolve("app.log.1"))).containsExactlyElementsOf(json(0, 3, 1));
        assertThat(lines(path)).containsExactlyElementsOf(json(3, 5, 1));
    }

    @Test
    void twoSinksOnOnePathFailClearly() throws Exception {
        Path path = dir.resolve("app.log");
        RotatingFileSink first = sink(path, 0);
        first.open();
        RotatingFileSink second = sink(path, 0);
        assertThatThrownBy(second::open).isInstanceOf(IOException.class)
                .hasMessageContaining("fapilog.file.path").hasMessageContaining("in use");
        assertThatThrownBy(() -> second.write(TestBatches.of("{\"a\":1}"))).isInstanceOf(IOException.class)
                .hasMessageContaining("in use");
        RotatingFileSettings settings = new RotatingFileSettings(path, 0, false, 1, false, 64);
        ResilientSink third = ResilientSink.builder(Sinks.create(SinkType.ROTATING_FILE, settings, null))
                .settings(new io.fapilog.config.CircuitBreakerSettings(0, java.time.Duration.ZERO, 1,
                        java.time.Duration.ofHours(1), false)).build();
        third.write(TestBatches.of("{\"third\":1}"));
        assertThat(third.health().lastError()).contains("fapilog.file.path").contains("in use");
        assertThat(third.droppedEventCount()).isEqualTo(1);
        first.write(TestBatches.of("{\"a\":1}"));
        first.close();
        assertThat(lines(path)).containsExactly("{\"a\":1}");
    }

    /**
     * Two writers on one path taking turns, as when logrotate moves the active file away from the
     * one holding it: each rolls to the next number free on disk, so neither's archive replaces the
     * other's (the second once rolled to the number it remembered, and its gzip replaced the first's).
     */
    @Test
    void writersTakingTurnsOnOnePathNeverReplaceEachOthersArchives() throws Exception {
        Path path = dir.resolve("app.log");
        RotatingFileSink a = sink(path, 60, true, Files::move);
        RotatingFileSink b = sink(path, 60, true, Files::move);
        b.write(TestBatches.of(tagged("B", 0, 10)));
        b.write(TestBatches.of(tagged("B", 10, 20))); // rolls to .1
        assertThat(b.awaitCompressions(Duration.ofSeconds(30))).isTrue();
        Files.move(path, dir.resolve("moved-1.log")); // b still holds the moved file
        a.write(TestBatches.of(tagged("A", 0, 10)));
        a.write(TestBatches.of(tagged("A", 10, 20))); // rolls to .2
        assertThat(a.awaitCompressions(Duration.ofSeconds(30))).isTrue();
        Files.move(path, dir.resolve("moved-2.log")); // a still holds the moved file
        b.write(TestBatches.of(tagged("B", 20, 30)));
        b.write(TestBatches.of(tagged("B", 30, 40))); // rolls to .3, the first number free on disk
        a.close();
        b.close();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly("app.log",
                    "app.log.2026-11-23.1.gz", "app.log.2026-11-23.2.gz", "app.log.2026-11-23.3.gz",
                    "moved-1.log", "moved-2.log");
        }
        assertThat(lines(dir.resolve("app.log.2026-11-23.1.gz"))).containsExactlyElementsOf(tagged("B", 0, 10));
        assertThat(lines(dir.resolve("app.log.2026-11-23.2.gz"))).containsExactlyElementsOf(tagged("A", 0, 10));
        assertThat(lines(dir.resolve("app.log.2026-11-23.3.gz"))).containsExactlyElementsOf(tagged("B", 20, 30));
        assertThat(lines(path)).containsExactlyElementsOf(tagged("B", 30, 40));
        assertThat(lines(dir.resolve("moved-1.log"))).containsExactlyElementsOf(tagged("B", 10, 20));
        assertThat(lines(dir.resolve("moved-2.log"))).containsExactlyElementsOf(tagged("A", 10, 20));
        assertThat(backgroundErrors).isEmpty();
    }

    /**
     * The roll renames the file while it still holds its lock: a second writer trying in that moment
     * is refused (its batch goes to its fallback) rather than taking the file and writing into what
     * becomes the rolled file, which the compressor may already have read.
     */
    @Test
    void aSecondWriterIsRefusedWhileTheFileIsRolled() throws Exception {
        Path path = dir.resolve("app.log");
        RotatingFileSink other = sink(path, 0, false, Files::move);
        List<Throwable> duringRename = new ArrayList<>();
        RotatingFileSink rolling = sink(path, 60, false, (from, to) -> {
            duringRename.add(catchThrowable(() -> other.write(TestBatches.of("other"))));
            Files.move(from, to);
        });
        rolling.write(TestBatches.of(tagged("A", 0, 10)));
        rolling.write(TestBatches.of(tagged("A", 10, 20))); // rolls
        assertThatThrownBy(() -> other.write(TestBatches.of("other"))).hasMessageContaining("in use");
        rolling.close();
        other.close();

        assertThat(duringRename).singleElement().isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e).hasMessageContaining("fapilog.file.path").hasMessageContaining("in use"));
        assertThat(lines(dir.resolve("app.log.2026-11-23.1"))).containsExactlyElementsOf(tagged("A", 0, 10));
        assertThat(lines(path)).containsExactlyElementsOf(tagged("A", 10, 20));
    }

    /**
     * Two writers on one path with gzip, as two runtimes sharing a file, whose rolls take a while (a
     * slow disk), so that the file changes hands: each batch a writer is refused (the other holds the
     * file) is tried again, as the circuit breaker's retries do; every batch written lands exactly
     * once, in the active file or an archive.
     */
    @Test
    void twoWritersOnOnePathLoseNoWrittenLineAcrossRollsAndCompressions() throws Exception {
        Path path = dir.resolve("app.log");
        int batches = 400;
        RotatingFileSink.Rename slowly = (from, to) -> {
            LockSupport.parkNanos(500_000);
            Files.move(from, to);
        };
        RotatingFileSink[] writers = {sink(path, 300, true, slowly), sink(path, 300, true, slowly)};
        List<String> expected = ConcurrentWriters.run(writers.length, batches, (thread, batch, lines) -> {
            RotatingFileSink writer = writers[thread];
            while (true) {
                try {
                    writer.write(TestBatches.of(lines));
                    break;
                } catch (IOException refused) {
                    Thread.yield();
                }
            }
            if (batch == batches - 1) {
                writer.close(); // hands the file over to the other
            }
        });

        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                all.addAll(lines(file));
            }
        }
        assertThat(all).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(backgroundErrors).isEmpty();
    }

    /** A second JVM on the same path is refused by the operating system's file lock. */
    @Test
    void aSecondJvmOnOnePathFailsClearly() throws Exception {
        Path path = dir.resolve("app.log");
        RotatingFileSink first = sink(path, 0);
        first.open();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SecondJvm.class.getName(), path.toString()).redirectErrorStream(true).start();
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(other.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("fapilog.file.path").contains("in use");
        first.close();
    }

    /** Run by {@link #aSecondJvmOnOnePathFailsClearly}: exit 3 when refused with a clear message. */
    public static final class SecondJvm {
        public static void main(String[] args) throws Exception {
            RotatingFileSink sink = new RotatingFileSink("rotating-file",
                    new RotatingFileSettings(Path.of(args[0]), 0, false, 1, false, 64),
                    Clock.systemDefaultZone(), SinkErrorListener.NONE);
            try {
                sink.open();
                System.out.println("opened");
                System.exit(0);
            } catch (IOException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }

    @Test
    void aStrayFileWithARolledLookingNameNeverStopsRotation() throws Exception {
        Path path = dir.resolve("app.log");
        Files.writeString(dir.resolve("app.log.2026-02-30.1"), "stray\n");
        Files.writeString(dir.resolve("app.log.2026-13-01.4"), "stray\n");
        RotatingFileSink sink = sink(path, 40);
        for (int i = 0; i < 6; i++) {
            sink.write(TestBatches.of(json(i, i + 1, 1)));
        }
        sink.close();
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                if (!file.getFileName().toString().contains("-02-30") && !file.getFileName().toString().contains("-13-")) {
                    all.addAll(lines(file));
                }
            }
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(json(0, 6, 1));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).as("rolled files beside the strays").isGreaterThan(3);
        }
        assertThat(Files.readString(dir.resolve("app.log.2026-02-30.1"))).isEqualTo("stray\n");
    }

    @Test
    void anUnwritablePathFailsStartUpNamingTheProperty() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        RotatingFileSettings settings = new RotatingFileSettings(notADirectory.resolve("app.log"), 0, false, 1, false, 64);
        assertThatThrownBy(() -> Sinks.create(SinkType.ROTATING_FILE, settings, null))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.property()).isEqualTo("fapilog.file.path");
                    assertThat(e.value()).isEqualTo(notADirectory.resolve("app.log").toAbsolutePath().toString());
                    assertThat(e.allowed()).startsWith("a file that can be created and written (" + notADirectory).endsWith(")");
                });
    }

    /**
     * A real full file system (a 64 KiB tmpfs, mounted when the test runs as root): the write that
     * fails half-way is truncated back, so after space is freed the retried batch leaves every line
     * exactly once and no torn line. Also after logrotate's {@code copytruncate} emptied the file under
     * the sink: the write is cut back to where the file ends on disk (the sink cut it back to the
     * size it had counted, which left the failed write's first bytes, a torn line, in the file).
     */
    @ParameterizedTest(name = "copytruncate before: {0}")
    @ValueSource(booleans = {false, true})
    void aWriteFailingHalfWayOnAFullDiskLeavesNoTornLineAndTheRetryNoDuplicate(boolean copyTruncated) throws Exception {
        Path mount = dir.resolve("tmpfs");
        Files.createDirectories(mount);
        Assumptions.assumeTrue(mountTmpfs(mount), "not root or tmpfs unavailable: the full-disk test is skipped");
        try {
            Path path = mount.resolve("app.log");
            RotatingFileSink sink = sink(path, 0);
            sink.write(TestBatches.of(json(0, 10, 100)));
            if (copyTruncated) {
                Files.copy(path, dir.resolve("app.log.1"));
                try (FileChannel truncate = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    truncate.truncate(0);
                }
            }
            long before = Files.size(path);
            Path filler = mount.resolve("filler");
            Files.write(filler, new byte[40 * 1024]);
            List<String> big = json(10, 250, 100); // about 27 KiB, more than is left
            ResilientSink resilient = ResilientSink.builder(sink)
                    .settings(new io.fapilog.config.CircuitBreakerSettings(0, java.time.Duration.ZERO, 5,
                            java.time.Duration.ofSeconds(30), false)).build();
            resilient.write(TestBatches.of(big));
            assertThat(resilient.errorCount()).isEqualTo(1);
            assertThat(resilient.health().lastError()).contains("No space left");
            assertThat(Files.size(path)).as("truncated back to the size before the write").isEqualTo(before);

            Files.delete(filler);
            resilient.write(TestBatches.of(big));
            resilient.close();
            List<String> expected = new ArrayList<>(copyTruncated ? List.of() : json(0, 10, 100));
            expected.addAll(big);
            assertThat(lines(path)).containsExactlyElementsOf(expected);
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static boolean mountTmpfs(Path mount) throws InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            System.err.println("FileSinkFaultsTest: not running as root, skipping the full-disk test");
            return false;
        }
        try {
            Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString())
                    .redirectErrorStream(true).start();
            boolean mounted = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            if (!mounted) {
                System.err.println("FileSinkFaultsTest: cannot mount a tmpfs, skipping the full-disk test: "
                        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            return mounted;
        } catch (IOException e) {
            System.err.println("FileSinkFaultsTest: cannot mount a tmpfs, skipping the full-disk test: " + e);
            return false;
        }
    }
}
