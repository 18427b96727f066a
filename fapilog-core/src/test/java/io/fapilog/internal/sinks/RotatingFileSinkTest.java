package io.fapilog.internal.sinks;

import io.fapilog.config.RotatingFileSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotatingFileSinkTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** 2026-11-23 23:59 in Paris, still the 23rd in UTC for another hour. */
    private static final Instant BEFORE_MIDNIGHT = Instant.parse("2026-11-23T22:59:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(BEFORE_MIDNIGHT, PARIS);
    private final List<Throwable> backgroundErrors = new CopyOnWriteArrayList<>();
    private RotatingFileSink sink;

    @AfterEach
    void noBackgroundErrors() throws Exception {
        if (sink != null) {
            sink.close();
        }
        assertThat(backgroundErrors).isEmpty();
    }

    /** Lines of 7 characters: 8 bytes each with the newline. */
    private static String line(int i) {
        return String.format("line-%02d", i);
    }

    /**
     * A write on an interrupted thread (a late event on an application thread being interrupted at
     * shutdown) fails, and the next write reopens the file: the interrupt closed the channel, and a
     * sink that kept the closed channel failed every later write.
     */
    @Test
    void aWriteOnAnInterruptedThreadLeavesTheSinkWritable() throws IOException {
        open(0, false, 0, false);
        write(1);
        Thread.currentThread().interrupt();
        try {
            write(2);
        } catch (IOException expected) {
            // the interrupt closed the channel: this batch fails, and goes to the sink's fallback
        } finally {
            Thread.interrupted();
        }
        write(3);
        assertThat(Files.readAllLines(dir.resolve("app.log"))).contains(line(1), line(3));
    }

    private RotatingFileSink open(long maxFileSize, boolean daily, int maxHistory, boolean gzip) {
        return open(dir.resolve("app.log"), maxFileSize, daily, maxHistory, gzip);
    }

    private RotatingFileSink open(Path path, long maxFileSize, boolean daily, int maxHistory, boolean gzip) {
        sink = new RotatingFileSink("rotating-file",
                new RotatingFileSettings(path, maxFileSize, daily, maxHistory, gzip, 64),
                clock, (name, error) -> backgroundErrors.add(error));
        return sink;
    }

    private void write(int... lines) throws IOException {
        sink.write(TestBatches.of(Arrays.stream(lines).mapToObj(RotatingFileSinkTest::line).toList()));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> read(String file) throws IOException {
        Path path = dir.resolve(file);
        try (InputStream in = file.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(path)) : Files.newInputStream(path)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).as("%s ends with a whole line", file).matches("|(?s).*\n");
            return text.lines().toList();
        }
    }

    /**
     * Spring Boot's {@code max-history} counts days, as Logback's does: 11 files rolled on one day
     * are all kept with a history of 2; a third day's roll deletes the oldest day's files, all of them.
     */
    @Test
    void aHistoryInDaysKeepsEveryFileOfTheDaysItKeeps() throws Exception {
        sink = new RotatingFileSink("rotating-file",
                new RotatingFileSettings(dir.resolve("app.log"), 8, true, 2, false, 64, 0, false, true),
                clock, (name, error) -> backgroundErrors.add(error));
        clock.advance(Duration.ofHours(2)); // the 24th, in Paris
        for (int i = 1; i <= 12; i++) {
            write(i);
        }
        assertThat(files()).hasSize(12).contains("app.log.2026-11-24.1", "app.log.2026-11-24.11");

        clock.advance(Duration.ofDays(1));
        write(13, 14); // rolls line 12: still two days
        assertThat(files()).hasSize(13);
        clock.advance(Duration.ofDays(1));
        write(15); // rolls lines 13 and 14 on the 26th: three days, the 24th's files go
        clock.advance(Duration.ofDays(1));
        write(16);

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-25.1", "app.log.2026-11-26.1");
        assertThat(read("app.log.2026-11-25.1")).containsExactly(line(13), line(14));
    }

    /**
     * A history of 0 days is Logback's "no limit" (Spring Boot's {@code max-history=0}): every rolled
     * file stays, over days; a history of 0 files, fapilog's own, keeps none.
     */
    @Test
    void aHistoryOfZeroDaysKeepsEveryRolledFileAndOfZeroFilesNone() throws Exception {
        sink = new RotatingFileSink("rotating-file",
                new RotatingFileSettings(dir.resolve("app.log"), 8, true, 0, false, 64, 0, false, true),
                clock, (name, error) -> backgroundErrors.add(error));
        clock.advance(Duration.ofHours(2)); // the 24th, in Paris
        write(1, 2);
        write(3);
        clock.advance(Duration.ofDays(1));
        write(4);
        clock.advance(Duration.ofDays(1));
        write(5);
        assertThat(files()).containsExactly("app.log", "app.log.2026-11-24.1", "app.log.2026-11-24.2",
                "app.log.2026-11-25.1");
        sink.close();

        open(dir.resolve("other.log"), 8, false, 0, false);
        write(1, 2);
        write(3);
        assertThat(files()).as("only the active file of the second sink beside the first's").hasSize(5).contains("other.log")
                .noneMatch(name -> name.startsWith("other.log."));
    }

    /**
     * logrotate's {@code copytruncate} empties the active file under the sink: the next write is not
     * taken for one that overflows a full file, and no empty file is rolled (which pushed a real one
     * out of the history).
     */
    @Test
    void aFileTruncatedUnderTheSinkIsNotRolledEmpty() throws Exception {
        open(20, false, 1, false);
        write(1, 2);
        write(3, 4);
        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(dir.resolve("app.log").toFile(), "rw")) {
            file.setLength(0);
        }

        write(5);
        write(6);

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1");
        assertThat(read("app.log.2026-11-23.1")).containsExactly(line(1), line(2));
        assertThat(read("app.log")).containsExactly(line(5), line(6));
    }

    /** Rolled files are numbered from 1 without leading zeros: a name with one is another application's, kept. */
    @Test
    void aRolledLookingNameWithALeadingZeroIsNotTakenForTheSinksOwn() throws Exception {
        Files.writeString(dir.resolve("app.log.2020-01-01.01"), "theirs\n");
        Files.writeString(dir.resolve("app.log.2020-01-01.1"), "ours\n");
        sink = new RotatingFileSink("rotating-file",
                new RotatingFileSettings(dir.resolve("app.log"), 20, false, 0, false, 64, 0, true),
                clock, (name, error) -> backgroundErrors.add(error));
        write(1);

        assertThat(files()).containsExactly("app.log", "app.log.2020-01-01.01");
    }

    @Test
    void rollsBySizeBeforeABatchWouldPassTheMaximum() throws Exception {
        open(20, false, 10, false);
        for (int i = 1; i <= 5; i++) {
            write(i);
        }

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1", "app.log.2026-11-23.2");
        assertThat(read("app.log.2026-11-23.1")).containsExactly(line(1), line(2));
        assertThat(read("app.log.2026-11-23.2")).containsExactly(line(3), line(4));
        assertThat(read("app.log")).containsExactly(line(5));
    }

    @Test
    void aBatchLargerThanTheMaximumFillsAFreshFileWhole() throws Exception {
        open(20, false, 10, false);
        write(1);
        write(2, 3, 4, 5, 6);
        write(7);

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1", "app.log.2026-11-23.2");
        assertThat(read("app.log.2026-11-23.1")).containsExactly(line(1));
        assertThat(read("app.log.2026-11-23.2")).containsExactly(line(2), line(3), line(4), line(5), line(6));
        assertThat(read("app.log")).containsExactly(line(7));
    }

    @Test
    void rollsAtTheFirstWriteAfterLocalMidnightNamingTheDayCovered() throws Exception {
        open(0, true, 10, false);
        write(1);
        clock.advance(Duration.ofSeconds(30)); // 23:59:30, same day
        write(2);
        assertThat(files()).containsExactly("app.log");

        clock.advance(Duration.ofMinutes(2)); // 00:01:30 on the 24th in Paris, still the 23rd in UTC
        write(3);
        clock.advance(Duration.ofDays(2)); // the 26th: the active file covers the 24th
        write(4);

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1", "app.log.2026-11-24.1");
        assertThat(read("app.log.2026-11-23.1")).containsExactly(line(1), line(2));
        assertThat(read("app.log.2026-11-24.1")).containsExactly(line(3));
        assertThat(read("app.log")).containsExactly(line(4));
    }

    @Test
    void sizeAndDailyRotationNumberFilesWithinTheDay() throws Exception {
        open(20, true, 10, false);
        write(1, 2);
        write(3); // full: rolls to .1
        clock.advance(Duration.ofMinutes(2));
        write(4); // new day: rolls to .2 of the 23rd, then a fresh count on the 24th
        write(5, 6); // full: rolls to .1 of the 24th
        write(7); // full: rolls to .2 of the 24th

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1", "app.log.2026-11-23.2",
                "app.log.2026-11-24.1", "app.log.2026-11-24.2");
        assertThat(read("app.log.2026-11-23.1")).containsExactly(line(1), line(2));
        assertThat(read("app.log.2026-11-23.2")).containsExactly(line(3));
        assertThat(read("app.log.2026-11-24.1")).containsExactly(line(4));
        assertThat(read("app.log.2026-11-24.2")).containsExactly(line(5), line(6));
        assertThat(read("app.log")).containsExactly(line(7));
    }

    @Test
    void retentionDeletesTheOldestRolledFiles() throws Exception {
        open(10, false, 2, false);
        for (int i = 1; i <= 5; i++) {
            write(i);
        }

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.3", "app.log.2026-11-23.4");
        assertThat(read("app.log.2026-11-23.3")).containsExactly(line(3));
        assertThat(read("app.log.2026-11-23.4")).containsExactly(line(4));
        assertThat(read("app.log")).containsExactly(line(5));
    }

    @Test
    void compressesRolledFilesOnTheCompressorThread() throws Exception {
        open(20, false, 10, true);
        for (int i = 1; i <= 5; i++) {
            write(i);
        }

        assertThat(sink.awaitCompressions(Duration.ofSeconds(30))).isTrue();
        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1.gz", "app.log.2026-11-23.2.gz");
        assertThat(read("app.log.2026-11-23.1.gz")).containsExactly(line(1), line(2));
        assertThat(read("app.log.2026-11-23.2.gz")).containsExactly(line(3), line(4));
        assertThat(read("app.log")).containsExactly(line(5));
    }

    /**
     * A writer that rolls faster than the compressor compresses waits for it, as Logback's roll waits
     * for the compression before it: at most {@link RotatingFileSink#MAX_WAITING_COMPRESSIONS} rolled
     * files wait for it at once, so that those files (which retention leaves alone until compressed)
     * cannot fill the disk, nor the drain wait out a backlog. Every line is kept.
     */
    @Test
    void aWriterRollingFasterThanTheCompressorWaitsForIt() throws Exception {
        sink = new RotatingFileSink("rotating-file",
                new RotatingFileSettings(dir.resolve("app.log"), 512 * 1024, false, 1_000, true, 64, 0),
                clock, (name, error) -> backgroundErrors.add(error));
        java.util.Random random = new java.util.Random(7);
        int mostWaiting = 0;
        List<String> written = new ArrayList<>();
        for (int batch = 0; batch < 40; batch++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                byte[] noise = new byte[6 * 1024]; // random text: slow to compress
                random.nextBytes(noise);
                lines.add(batch + "-" + i + "-" + java.util.Base64.getEncoder().encodeToString(noise));
            }
            sink.write(TestBatches.of(lines));
            written.addAll(lines);
            try (Stream<Path> files = Files.list(dir)) {
                mostWaiting = Math.max(mostWaiting, (int) files.map(p -> p.getFileName().toString())
                        .filter(name -> name.matches("app\\.log\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+")).count());
            }
        }
        assertThat(sink.awaitCompressions(Duration.ofSeconds(60))).isTrue();

        assertThat(mostWaiting).isLessThanOrEqualTo(RotatingFileSink.MAX_WAITING_COMPRESSIONS);
        List<String> kept = new ArrayList<>();
        for (String file : files()) {
            kept.addAll(read(file));
        }
        assertThat(kept).containsExactlyInAnyOrderElementsOf(written);
        assertThat(backgroundErrors).isEmpty();
    }

    @Test
    void retentionCountsCompressedFiles() throws Exception {
        open(10, false, 1, true);
        for (int i = 1; i <= 4; i++) {
            write(i);
        }

        assertThat(sink.awaitCompressions(Duration.ofSeconds(30))).isTrue();
        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.3.gz");
        assertThat(read("app.log.2026-11-23.3.gz")).containsExactly(line(3));
    }

    @Test
    void totalSizeCapDeletesTheOldestRolledFiles() throws Exception {
        sink = new RotatingFileSink("rotating-file",
                new RotatingFileSettings(dir.resolve("app.log"), 16, false, 100, false, 64, 40),
                clock, (name, error) -> backgroundErrors.add(error));
        for (int i = 1; i <= 12; i++) {
            write(i); // 16-byte files: two lines each, rolled every second write
        }

        // five rolled files of 16 bytes would be 80 bytes; the cap of 40 keeps the newest two
        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.4", "app.log.2026-11-23.5");
        assertThat(read("app.log.2026-11-23.4")).containsExactly(line(7), line(8));
        assertThat(read("app.log.2026-11-23.5")).containsExactly(line(9), line(10));
        assertThat(read("app.log")).containsExactly(line(11), line(12));
    }

    @Test
    void cleanHistoryOnStartAppliesRetentionToTheFilesFoundAtStart() throws Exception {
        for (int i = 1; i <= 4; i++) {
            Files.writeString(dir.resolve("app.log.2026-11-2" + i + ".1"), line(i) + "\n");
        }
        sink = new RotatingFileSink("rotating-file",
                new RotatingFileSettings(dir.resolve("app.log"), 100, false, 2, false, 64, 0, true),
                clock, (name, error) -> backgroundErrors.add(error));
        sink.open();

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1", "app.log.2026-11-24.1");
    }

    @Test
    void cleanHistoryOnStartWithGzipCompressesThenRetains() throws Exception {
        for (int i = 1; i <= 3; i++) {
            Files.writeString(dir.resolve("app.log.2026-11-2" + i + ".1"), line(i) + "\n");
        }
        sink = new RotatingFileSink("rotating-file",
                new RotatingFileSettings(dir.resolve("app.log"), 100, false, 1, true, 64, 0, true),
                clock, (name, error) -> backgroundErrors.add(error));
        write(9);

        assertThat(sink.awaitCompressions(Duration.ofSeconds(30))).isTrue();
        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1.gz");
        assertThat(read("app.log.2026-11-23.1.gz")).containsExactly(line(3));
    }

    @Test
    void withoutCleanHistoryOnStartOldFilesWaitForTheNextRoll() throws Exception {
        for (int i = 1; i <= 3; i++) {
            Files.writeString(dir.resolve("app.log.2026-11-2" + i + ".1"), line(i) + "\n");
        }
        open(100, false, 1, false);
        write(9);

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-21.1", "app.log.2026-11-22.1",
                "app.log.2026-11-23.1");
    }

    @Test
    void compressesRolledFilesLeftByAnInterruptedRun() throws Exception {
        Files.writeString(dir.resolve("app.log.2026-11-22.1"), line(1) + "\n");
        Files.writeString(dir.resolve("app.log.2026-11-22.1.gz.tmp"), "half-written by an older version");
        Files.writeString(dir.resolve("app.log.2026-11-22.1.gz.k3x9.tmp"), "half-written");
        open(100, false, 10, true);
        write(2);

        assertThat(sink.awaitCompressions(Duration.ofSeconds(30))).isTrue();
        assertThat(files()).containsExactly("app.log", "app.log.2026-11-22.1.gz");
        assertThat(read("app.log.2026-11-22.1.gz")).containsExactly(line(1));
    }

    @Test
    void appendsToAnExistingFileCountingItsSize() throws Exception {
        Path path = dir.resolve("nested/deeper/app.log");
        open(path, 20, false, 10, false);
        write(1, 2);
        sink.close();
        Files.setLastModifiedTime(path, FileTime.from(clock.instant())); // as if written at the test's time

        open(path, 20, false, 10, false);
        write(3);
        assertThat(Files.readString(path)).isEqualTo(line(3) + "\n");
        assertThat(Files.readString(path.resolveSibling("app.log.2026-11-23.1"))).isEqualTo(line(1) + "\n" + line(2) + "\n");
    }

    @Test
    void anExistingFileIsDatedByItsLastWriteButNeverAfterToday() throws Exception {
        Path path = dir.resolve("app.log");
        Files.writeString(path, line(1) + "\n");
        Files.setLastModifiedTime(path, FileTime.from(clock.instant().minus(Duration.ofDays(3))));
        open(path, 1_000, true, 10, false);
        write(2); // a new day since the file's last write: it rolls under that day's date
        assertThat(Files.readString(path.resolveSibling("app.log.2026-11-20.1"))).isEqualTo(line(1) + "\n");
        sink.close();

        Files.setLastModifiedTime(path, FileTime.from(clock.instant().plus(Duration.ofDays(30)))); // clock set back
        open(path, 1_000, true, 10, false);
        write(3); // dated today, not in 30 days: the next day still rolls it
        clock.advance(Duration.ofDays(1));
        write(4);
        assertThat(Files.readString(path.resolveSibling("app.log.2026-11-23.1"))).isEqualTo(line(2) + "\n" + line(3) + "\n");
        assertThat(Files.readString(path)).isEqualTo(line(4) + "\n");
    }

    /**
     * Without daily rotation too, a rolled file is named by the day it was started: the file found
     * at start by its last write, each file started since by the day of its first line, not the
     * day the sink first opened its file.
     */
    @Test
    void withoutDailyRotationEachRolledFileIsNamedByTheDayItWasStarted() throws Exception {
        Path path = dir.resolve("app.log");
        Files.writeString(path, line(1) + "\n");
        Files.setLastModifiedTime(path, FileTime.from(clock.instant().minus(Duration.ofDays(3))));
        open(20, false, 10, false);
        write(2);
        write(3); // full: the file found at start rolls under its last write's day, the 20th
        clock.advance(Duration.ofDays(1));
        write(4);
        write(5); // full: the file started on the 23rd
        clock.advance(Duration.ofDays(1));
        write(6);
        write(7); // full: the file started on the 24th

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-20.1", "app.log.2026-11-23.1",
                "app.log.2026-11-24.1");
        assertThat(read("app.log.2026-11-20.1")).containsExactly(line(1), line(2));
        assertThat(read("app.log.2026-11-23.1")).containsExactly(line(3), line(4));
        assertThat(read("app.log.2026-11-24.1")).containsExactly(line(5), line(6));
        assertThat(read("app.log")).containsExactly(line(7));
    }

    /** A file opened empty is started by its first line: it is named by that line's day, not the day it was opened. */
    @Test
    void aFileOpenedEmptyIsNamedByTheDayOfItsFirstLine() throws Exception {
        open(20, false, 10, false).open();
        clock.advance(Duration.ofDays(1));
        write(1, 2);
        write(3); // full

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-24.1");
        assertThat(read("app.log.2026-11-24.1")).containsExactly(line(1), line(2));
    }

    /**
     * A roll whose rename fails (the directory turned read-only; as root, which a read-only
     * directory does not stop, the failure comes through the rename seam) leaves the active file
     * open: each batch is appended to it past its limit and nothing fails, the failure is reported,
     * and the roll is tried again after a pause that doubles (1 s, then 2 s), not at every batch.
     * Once it succeeds, numbering goes on without a gap.
     */
    @Test
    void aRollThatCannotRenameAppendsToTheActiveFileAndIsTriedAgainLater() throws Exception {
        AtomicBoolean readOnly = new AtomicBoolean();
        AtomicInteger renames = new AtomicInteger();
        openWithRenames(20, false, readOnly, renames);
        write(1, 2);
        readOnly.set(true);
        write(3); // full: the roll fails, the line is appended
        write(4); // not tried again yet
        clock.advance(Duration.ofSeconds(1));
        write(5); // tried again, fails: next in 2 s
        clock.advance(Duration.ofSeconds(1));
        write(6);
        assertThat(renames).hasValue(2);
        assertThat(files()).containsExactly("app.log");
        assertThat(read("app.log")).containsExactly(line(1), line(2), line(3), line(4), line(5), line(6));
        assertThat(backgroundErrors).hasSize(2).allSatisfy(error -> assertThat(error).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("app.log").toString()).hasMessageContaining("read-only directory")
                .hasCauseInstanceOf(AccessDeniedException.class));
        assertThat(backgroundErrors.get(0)).hasMessageContaining("tried again in 1 s");
        assertThat(backgroundErrors.get(1)).hasMessageContaining("tried again in 2 s");
        backgroundErrors.clear();

        readOnly.set(false);
        clock.advance(Duration.ofSeconds(1));
        write(7); // tried again: rolls
        write(8);
        write(9); // full: rolls
        assertThat(renames).hasValue(4);
        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1", "app.log.2026-11-23.2");
        assertThat(read("app.log.2026-11-23.1")).containsExactly(line(1), line(2), line(3), line(4), line(5), line(6));
        assertThat(read("app.log.2026-11-23.2")).containsExactly(line(7), line(8));
        assertThat(read("app.log")).containsExactly(line(9));
    }

    /** A roll that fails fails no write: it shows in the sink's health all the same, as an error. */
    @Test
    void aFailedRollShowsInTheSinksHealthWithoutFailingTheWrite() throws Exception {
        AtomicBoolean readOnly = new AtomicBoolean();
        openWithRenames(20, false, readOnly, new AtomicInteger());
        ResilientSink resilient = ResilientSink.builder(sink).fallback(new io.fapilog.sinks.InMemorySink("fallback")).build();
        resilient.write(TestBatches.of(line(1), line(2)));
        readOnly.set(true);
        resilient.write(TestBatches.of(line(3))); // full: the roll fails, the line is appended

        io.fapilog.SinkHealth health = resilient.health();
        assertThat(health.errors()).isEqualTo(1);
        assertThat(health.lastError()).contains("could not roll " + dir.resolve("app.log"));
        assertThat(health.state()).isEqualTo(io.fapilog.CircuitState.CLOSED);
        assertThat(health.writtenEvents()).isEqualTo(3);
        assertThat(health.fallbackEvents()).isZero();
        assertThat(read("app.log")).containsExactly(line(1), line(2), line(3));
        assertThat(backgroundErrors).as("the sink's own listener still hears of it").hasSize(1);
        backgroundErrors.clear();
    }

    /** A daily roll that fails keeps the file's day: the retry rolls it under the day it was started. */
    @Test
    void aDailyRollThatFailsIsTriedAgainUnderTheDayTheFileWasStarted() throws Exception {
        AtomicBoolean readOnly = new AtomicBoolean(true);
        openWithRenames(0, true, readOnly, new AtomicInteger());
        write(1);
        clock.advance(Duration.ofMinutes(2)); // the 24th
        write(2); // the roll fails: appended
        readOnly.set(false);
        clock.advance(Duration.ofSeconds(1));
        write(3); // tried again

        assertThat(files()).containsExactly("app.log", "app.log.2026-11-23.1");
        assertThat(read("app.log.2026-11-23.1")).containsExactly(line(1), line(2));
        assertThat(read("app.log")).containsExactly(line(3));
        assertThat(backgroundErrors).hasSize(1);
        backgroundErrors.clear();
    }

    /** A sink whose renames fail while {@code readOnly} is set, as in a read-only directory, counting them. */
    private void openWithRenames(long maxFileSize, boolean daily, AtomicBoolean readOnly, AtomicInteger renames) {
        sink = new RotatingFileSink("rotating-file",
                new RotatingFileSettings(dir.resolve("app.log"), maxFileSize, daily, 10, false, 64),
                clock, (name, error) -> backgroundErrors.add(error), (from, to) -> {
                    renames.incrementAndGet();
                    if (readOnly.get()) {
                        throw new AccessDeniedException(from.toString(), to.toString(), "read-only directory");
                    }
                    Files.move(from, to);
                });
    }

    /** An event logged after the drain (a {@code @PreDestroy}) is appended to the file, which stays free between such writes. */
    @Test
    void aWriteAfterCloseIsAppendedToTheFile() throws Exception {
        open(0, false, 1, false);
        write(1);
        sink.close();
        write(2);
        write(3);
        assertThat(Files.readAllLines(dir.resolve("app.log"))).hasSize(3);
        try (java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(dir.resolve("app.log"), java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock taken = other.tryLock()) {
            assertThat(taken).isNotNull(); // not held between the writes
        }
    }

    /** An interrupted thread's late write (a thread stopped by shutdownNow, logging as it ends) reaches the file; the thread stays interrupted. */
    @Test
    void anInterruptedThreadsWriteAfterCloseIsAppendedToTheFile() throws Exception {
        open(0, false, 1, false);
        write(1);
        sink.close();
        Thread.currentThread().interrupt();
        try {
            write(2);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.readAllLines(dir.resolve("app.log"))).containsExactly(line(1), line(2));
    }

    /**
     * Late writes on a thread that another thread interrupts again and again (executors shut down with
     * {@code shutdownNow} while their threads log): each line is in the file exactly when its write
     * returned, so its fallback never repeats a line the file has. An interrupt that came during a
     * write closed the channel after the bytes were written, and the write failed all the same.
     */
    @Test
    void lateWritesInterruptedMidWayAreEitherInTheFileOrFailedNeverBoth() throws Exception {
        open(0, false, 1, false);
        sink.close();
        int writes = 20_000;
        java.util.Set<String> returned = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < writes; i++) {
                String line = String.format("late-%05d", i);
                try {
                    sink.write(TestBatches.of(List.of(line)));
                    returned.add(line);
                } catch (IOException failed) {
                    // to its fallback
                }
            }
            done.countDown();
        });
        writer.start();
        while (done.getCount() > 0) {
            writer.interrupt();
            Thread.onSpinWait();
        }
        writer.join();
        List<String> inTheFile = Files.readAllLines(dir.resolve("app.log"));
        assertThat(inTheFile).doesNotHaveDuplicates();
        assertThat(new java.util.HashSet<>(inTheFile)).isEqualTo(returned);
    }

    /** After a DevTools restart the next application's file sink holds the file: the late write fails, for the fallback. */
    @Test
    void aWriteAfterCloseFailsWhileAnotherSinkHoldsTheFile() throws Exception {
        open(0, false, 1, false);
        write(1);
        sink.close();
        RotatingFileSink next = new RotatingFileSink(new RotatingFileSettings(dir.resolve("app.log"), 0, false, 1, false, 64));
        next.open();
        try {
            assertThatThrownBy(() -> write(2)).isInstanceOf(IOException.class).hasMessageContaining("in use by another sink");
        } finally {
            next.close();
        }
        assertThat(Files.readAllLines(dir.resolve("app.log"))).hasSize(1);
    }

    @Test
    void everyLineLandsExactlyOnceAcrossManyConcurrentRotations() throws Exception {
        int threads = 8;
        int batches = 300;
        open(1_000, true, 10_000, true);
        List<String> expected = ConcurrentWriters.run(threads, batches, (thread, batch, lines) -> {
            if (thread == 0 && batch % 50 == 0) {
                clock.advance(Duration.ofHours(7)); // days change while others write
            }
            sink.write(TestBatches.of(lines));
        });
        sink.close();

        List<String> all = new ArrayList<>();
        List<String> names = files();
        for (String name : names) {
            all.addAll(read(name));
        }
        assertThat(names).allMatch(name -> name.equals("app.log") || name.endsWith(".gz"));
        long bytes = expected.stream().mapToLong(l -> l.length() + 1).sum();
        assertThat(names.size()).isGreaterThanOrEqualTo((int) (bytes / 1_000));
        assertThat(names.stream().filter(n -> n.endsWith(".1.gz"))).hasSizeGreaterThanOrEqualTo(2); // several days
        assertThat(all).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
        for (String name : names) {
            assertThat(uncompressedSize(name)).as(name).isLessThanOrEqualTo(1_000);
        }
    }

    private long uncompressedSize(String name) {
        try {
            return read(name).stream().mapToLong(l -> l.length() + 1).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
