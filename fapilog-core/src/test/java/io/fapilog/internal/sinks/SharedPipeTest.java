package io.fapilog.internal.sinks;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard output shared with other processes (a container's pipe, a shell script's): each write is
 * whole lines of at most {@code PIPE_BUF} bytes, which a pipe never splits, so no other writer's
 * bytes land inside a line. A batch written whole was split wherever the pipe filled up: two JVMs on
 * one pipe gave 1,903 broken lines of 40,000.
 */
class SharedPipeTest {

    /** Lines of 40 to 1,900 bytes; {@code withALongOne}: one of 6,000, longer than a pipe keeps whole. */
    private static List<String> lines(String writer, int count, boolean withALongOne) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int pad = withALongOne && i == count / 2 ? 6_000 : 40 + (i * 397) % 1_860;
            lines.add("{\"writer\":\"" + writer + "\",\"seq\":" + i + ",\"pad\":\"" + "x".repeat(pad) + "\"}");
        }
        return lines;
    }

    /** Keeps each write call's bytes. */
    private static final class RecordingChannel implements WritableByteChannel {
        final List<byte[]> writes = new ArrayList<>();

        @Override
        public int write(ByteBuffer source) {
            byte[] bytes = new byte[source.remaining()];
            source.get(bytes);
            writes.add(bytes);
            return bytes.length;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void onAPipeEachWriteIsWholeLinesOfAtMostPipeBufBytes() throws IOException {
        RecordingChannel recording = new RecordingChannel();
        List<String> batch = lines("a", 300, true);

        StreamSink.guarded("stdout-json", recording, new Object(), true).write(TestBatches.of(batch));

        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] write : recording.writes) {
            all.writeBytes(write);
            String text = new String(write, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            if (write.length > StreamSink.ATOMIC_WRITE) {
                assertThat(text.lines()).as("only a line longer than PIPE_BUF, alone").hasSize(1);
            }
        }
        assertThat(recording.writes.size()).isGreaterThan(10);
        assertThat(all.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(batch);
    }

    @Test
    void aRegularFileTakesTheBatchInOneWrite() throws IOException {
        RecordingChannel recording = new RecordingChannel();
        StreamSink.guarded("stdout-json", recording, new Object(), false).write(TestBatches.of(lines("a", 300, true)));
        assertThat(recording.writes).hasSize(1);
    }

    /**
     * Two writers, each with a descriptor of its own on one FIFO (as two processes have), write large
     * batches while the reader takes the pipe's bytes in small reads: every line arrives whole.
     */
    @Test
    void twoWritersOnOneFifoNeverBreakALine(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("stdout");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            mkfifo = null;
        }
        Assumptions.assumeTrue(mkfifo != null && mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
                "mkfifo unavailable");
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) { // opens once a writer does
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                byte[] small = new byte[512];
                for (int n; (n = in.read(small)) >= 0; ) {
                    all.write(small, 0, n);
                }
                return all.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        int batches = 40;
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            FileChannel channel = FileChannel.open(fifo, StandardOpenOption.WRITE);
            StreamSink sink = StreamSink.guarded("stdout-json", channel, new Object(), true);
            writers.add(CompletableFuture.runAsync(() -> {
                try (channel) {
                    for (int i = 0; i < batches; i++) {
                        sink.write(TestBatches.of(lines(name, 100, false)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, runnable -> new Thread(runnable, "writer-" + name).start()));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<String> received = new String(read.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8).lines().toList();
        assertThat(received).hasSize(2 * batches * 100);
        List<String> expected = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            for (int i = 0; i < batches; i++) {
                expected.addAll(lines(name, 100, false));
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
    }
}
