package io.fapilog;

import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.internal.sinks.RotatingFileSink;
import io.fapilog.spi.EncodedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file lock is the process's: closing any channel of the JVM on the file releases it. A second sink
 * of the JVM that opened the file, found it held and closed its channel again (a late event of the
 * runtime before, a start-up check, a write) let another process write into the file the first sink
 * still wrote, interleaving their lines and rolling it away under it.
 */
class FileLockInThisJvmTest {

    @TempDir
    Path dir;

    @Test
    void aLateEventOfTheRuntimeBeforeLeavesTheNextRuntimesLockInPlace() throws Exception {
        Path file = dir.resolve("app.log");
        FapilogRuntime before = Fapilog.builder().preset(Preset.MINIMAL).sinks(SinkType.ROTATING_FILE)
                .file(new RotatingFileSettings(file, 0, false, 1, false, 1024)).shutdownHook(false).start();
        before.getLogger("app").info("before the restart");
        before.stopAndDrain(Duration.ofSeconds(30));
        RotatingFileSink next = sinkOn(file);
        next.open();
        try {
            assertThat(TestSinks.standardErrorOf(() -> before.getLogger("app").info("from a thread that outlived the context")))
                    .contains("from a thread that outlived the context");
            assertThat(anotherProcessCanLock(file)).isFalse();
        } finally {
            next.close();
        }
    }

    @Test
    void aSecondSinkThatFindsTheFileHeldLeavesTheHoldersLockInPlace() throws Exception {
        Path file = dir.resolve("app.log");
        RotatingFileSink holder = sinkOn(file);
        holder.open();
        try {
            RotatingFileSink second = sinkOn(file);
            assertThatThrownBy(() -> second.write(line("{\"message\":\"second\"}")))
                    .hasMessageContaining("is in use by another sink or process");
            second.checkWritable(); // a start-up check of a runtime taking the file over
            assertThat(anotherProcessCanLock(file)).isFalse();
            holder.write(line("{\"message\":\"first\"}"));
        } finally {
            holder.close();
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"message\":\"first\"}");
        assertThat(anotherProcessCanLock(file)).isTrue();
    }

    private static EncodedBatch line(String json) {
        EncodedBatch batch = new EncodedBatch();
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        batch.append(bytes, 0, bytes.length);
        batch.endEvent();
        return batch;
    }

    private static RotatingFileSink sinkOn(Path file) {
        return new RotatingFileSink(new RotatingFileSettings(file, 0, false, 1, false, 1024));
    }

    private static boolean anotherProcessCanLock(Path file) throws Exception {
        return OwnJvm.run(TryLock.class, Map.of("LOCKED_FILE", file.toString()), null).stdout().trim().equals("locked");
    }

    /** In a JVM of its own: prints whether it could lock the file. */
    public static final class TryLock {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(System.getenv("LOCKED_FILE")), StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                System.out.println(lock != null ? "locked" : "held");
            }
        }
    }
}
