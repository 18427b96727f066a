package io.fapilog.internal.sinks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileCompressorTest {

    @TempDir
    Path dir;

    private static String text(String who, int lines) {
        return IntStream.range(0, lines).mapToObj(i -> who + "-" + i + "\n").collect(Collectors.joining());
    }

    private static void writeArchive(Path archive, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String unzip(Path archive) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void compressesAFileInPlaceOfIt() throws Exception {
        Path file = Files.writeString(dir.resolve("app.log.2026-11-23.1"), text("a", 100));
        FileCompressor.gzip(file);

        assertThat(files()).containsExactly("app.log.2026-11-23.1.gz");
        assertThat(unzip(dir.resolve("app.log.2026-11-23.1.gz"))).isEqualTo(text("a", 100));
    }

    /** Another writer's archive under the same name is never replaced: the file stays, uncompressed, and the conflict is reported. */
    @Test
    void neverReplacesAnArchiveOfOtherLines() throws Exception {
        Path file = Files.writeString(dir.resolve("app.log.2026-11-23.1"), text("mine", 10));
        writeArchive(dir.resolve("app.log.2026-11-23.1.gz"), text("theirs", 10));

        assertThatThrownBy(() -> FileCompressor.gzip(file)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("app.log.2026-11-23.1.gz");
        assertThat(files()).containsExactly("app.log.2026-11-23.1", "app.log.2026-11-23.1.gz");
        assertThat(unzip(dir.resolve("app.log.2026-11-23.1.gz"))).isEqualTo(text("theirs", 10));
        assertThat(Files.readString(file)).isEqualTo(text("mine", 10));
    }

    /** A run stopped between writing the archive and deleting the file: the next compression finds the same lines archived and deletes the file. */
    @Test
    void aFileArchivedAlreadyWithTheSameLinesIsDeleted() throws Exception {
        Path file = Files.writeString(dir.resolve("app.log.2026-11-23.1"), text("a", 10));
        writeArchive(dir.resolve("app.log.2026-11-23.1.gz"), text("a", 10));
        FileCompressor.gzip(file);

        assertThat(files()).containsExactly("app.log.2026-11-23.1.gz");
        assertThat(unzip(dir.resolve("app.log.2026-11-23.1.gz"))).isEqualTo(text("a", 10));
    }

    /**
     * Another compressor's temporary file (another runtime compressing the same rolled file, which
     * holds it locked) is neither truncated nor renamed: each compressor writes one of its own.
     */
    @Test
    void neverWritesIntoTheTemporaryFileOfAnotherCompressor() throws Exception {
        Path file = Files.writeString(dir.resolve("app.log.2026-11-23.1"), text("a", 10));
        Path theirs = Files.writeString(dir.resolve("app.log.2026-11-23.1.gz.tmp"), "half-written by the other");
        try (FileChannel other = FileChannel.open(theirs, StandardOpenOption.WRITE); FileLock held = other.lock()) {
            FileCompressor.gzip(file);

            assertThat(files()).containsExactly("app.log.2026-11-23.1.gz", "app.log.2026-11-23.1.gz.tmp");
            assertThat(Files.readString(theirs)).isEqualTo("half-written by the other");
            assertThat(unzip(dir.resolve("app.log.2026-11-23.1.gz"))).isEqualTo(text("a", 10));
        }
    }

    /** Only a temporary file no compressor holds is deleted as abandoned (a run that stopped). */
    @Test
    void deletesOnlyAbandonedTemporaryFiles() throws Exception {
        Path abandoned = Files.writeString(dir.resolve("app.log.2026-11-23.1.gz.k3x9.tmp"), "half-written");
        Path inUse = Files.writeString(dir.resolve("app.log.2026-11-23.2.gz.a7q2.tmp"), "being written");
        try (FileChannel writer = FileChannel.open(inUse, StandardOpenOption.WRITE); FileLock held = writer.lock()) {
            FileCompressor.deleteIfAbandoned(abandoned);
            FileCompressor.deleteIfAbandoned(inUse);
            FileCompressor.deleteIfAbandoned(dir.resolve("app.log.2026-11-23.3.gz.gone.tmp"));

            assertThat(files()).containsExactly("app.log.2026-11-23.2.gz.a7q2.tmp");
        }
    }

    /**
     * Two compressors on one file at once (two runtimes on one path: one compressing its roll, the
     * other what it found at start-up) each write a temporary file of their own, so neither truncates
     * the other's: the archive holds the file whole, and no temporary file is left.
     */
    @Test
    void twoCompressorsOfOneFileLeaveItsArchiveWhole() throws Exception {
        String text = text("line-with-some-padding-to-compress", 30_000); // about 1.2 MB
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Path file = Files.writeString(dir.resolve("app.log.2026-11-23." + (round + 1)), text);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> compressions = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    compressions.add(pool.submit(() -> {
                        start.await();
                        FileCompressor.gzip(file);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> compression : compressions) {
                    compression.get(60, TimeUnit.SECONDS);
                }
                Path archive = dir.resolve(file.getFileName() + ".gz");
                assertThat(files()).as("round %d", round).containsExactly(archive.getFileName().toString());
                assertThat(unzip(archive)).as("round %d", round).isEqualTo(text);
                Files.delete(archive);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
