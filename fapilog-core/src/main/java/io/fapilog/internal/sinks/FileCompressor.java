package io.fapilog.internal.sinks;

import io.fapilog.internal.FapilogThreads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Runs file housekeeping (gzip, retention) in order on one daemon thread,
 * {@code fapilog-file-compressor}, started on demand and stopped when idle.
 */
final class FileCompressor implements AutoCloseable {

    static final String THREAD_NAME = "fapilog-file-compressor";
    /** Ends the name of an archive being written. */
    static final String TMP = ".tmp";

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = FapilogThreads.newThread(task, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
            });

    FileCompressor() {
        executor.allowCoreThreadTimeOut(true);
    }

    /** Queues a task after the ones already queued; runs it on the caller's thread once closed. */
    void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    /** Waits until every task queued so far has run; {@code false} if the timeout passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        try {
            executor.submit(() -> { }).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException closed) {
            return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Runs the queued tasks, waiting for them up to {@code timeout}. */
    boolean close(Duration timeout) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    /**
     * Compresses {@code file} to {@code file.gz} without ever losing data: writes and syncs a
     * temporary file of its own, {@code file.gz.<random>.tmp}, locked while it is written, names
     * it {@code file.gz} unless an archive has that name already, and only then deletes
     * {@code file}. Two compressors of one file (two runtimes on one path) thus never write into
     * each other's temporary file. An archive already there holding the same bytes (a run stopped
     * before the delete, or the other compressor) means the file is compressed: it is deleted.
     * One holding other bytes is never replaced, and the file is kept:
     * {@link FileAlreadyExistsException}. Does nothing if {@code file} is gone (deleted by
     * retention, or compressed by the other compressor, meanwhile).
     */
    static void gzip(Path file) throws IOException {
        Path target = file.resolveSibling(file.getFileName() + RolledFiles.GZ);
        Path temp = file.resolveSibling(target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), Character.MAX_RADIX) + TMP);
        try {
            try (FileChannel channel = createLocked(temp);
                 GZIPOutputStream gzip = new GZIPOutputStream(Channels.newOutputStream(channel), 64 * 1024)) {
                Files.copy(file, gzip);
                gzip.finish();
                channel.force(true);
            }
            publish(temp, target, file);
            Files.delete(file);
        } catch (NoSuchFileException gone) {
            if (Files.exists(file)) {
                throw gone;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates {@code temp} locked (until the channel closes), telling {@link #deleteIfAbandoned} it is being written. */
    private static FileChannel createLocked(Path temp) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            channel.lock();
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Deletes a temporary file that no compressor is writing, left by a run that stopped: a
     * compressor keeps its temporary file locked while it writes it.
     */
    static void deleteIfAbandoned(Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            if (channel.tryLock() != null) {
                Files.delete(temp);
            }
        } catch (OverlappingFileLockException | NoSuchFileException inUseOrGone) {
            // written by a compressor of this JVM, or published or deleted meanwhile
        }
    }

    /** Names {@code temp} {@code target} unless an archive has that name: see {@link #gzip}. */
    private static void publish(Path temp, Path target, Path file) throws IOException {
        try {
            createWithoutReplacing(target, temp);
        } catch (FileAlreadyExistsException exists) {
            if (!sameBytes(target, file)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "an archive of other lines has this name; " + file.getFileName() + " stays uncompressed");
            }
        }
    }

    /**
     * Gives {@code temp} the name {@code target} as a hard link, which fails if the name exists
     * where a rename would replace it; without hard links, by a rename that checks just before.
     * ({@link #gzip} then deletes the temporary name.)
     */
    private static void createWithoutReplacing(Path target, Path temp) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException exists) {
            throw exists;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            Files.move(temp, target);
        }
    }

    /** Whether {@code archive} decompresses to exactly the bytes of {@code file}. */
    private static boolean sameBytes(Path archive, Path file) throws IOException {
        try (InputStream archived = new GZIPInputStream(Files.newInputStream(archive));
             InputStream original = Files.newInputStream(file)) {
            byte[] a = new byte[8192];
            byte[] b = new byte[a.length];
            int read;
            do {
                read = archived.readNBytes(a, 0, a.length);
                if (original.readNBytes(b, 0, b.length) != read || !Arrays.equals(a, 0, read, b, 0, read)) {
                    return false;
                }
            } while (read > 0);
            return true;
        }
    }
}
