package io.fapilog.internal.sinks;

import io.fapilog.internal.FapilogThreads;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Runs file housekeeping (gzip, retention) in order on one daemon thread,
 * {@code fapilog-file-compressor}, started on demand and stopped when idle.
 */
final class FileCompressor implements AutoCloseable {

    static final String THREAD_NAME = "fapilog-file-compressor";

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
     * Compresses {@code file} to {@code file.gz} without ever losing data: writes and syncs
     * {@code file.gz.tmp}, renames it to {@code file.gz}, and only then deletes {@code file}.
     * Does nothing if {@code file} is gone (deleted by retention meanwhile).
     */
    static void gzip(Path file) throws IOException {
        Path target = file.resolveSibling(file.getFileName() + RolledFiles.GZ);
        Path temp = file.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 GZIPOutputStream gzip = new GZIPOutputStream(Channels.newOutputStream(channel), 64 * 1024)) {
                Files.copy(file, gzip);
                gzip.finish();
                channel.force(true);
            }
            move(temp, target);
            Files.delete(file);
        } catch (NoSuchFileException gone) {
            if (Files.exists(file)) {
                throw gone;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
