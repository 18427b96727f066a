package io.fapilog.internal.sinks;

import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.spi.Sink;
import io.fapilog.spi.SinkErrorListener;
import io.fapilog.spi.EncodedBatch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Appends batches to a file and rolls it by size and by day ({@code fapilog.file.*}).
 *
 * <p><b>Writing.</b> Each batch is appended whole through a buffer of {@code bufferSize} bytes and
 * flushed before {@link #write} returns, so a written batch is in the file. Writes are serialised;
 * parent directories are created on the first write.
 *
 * <p><b>Rolling.</b> Before a batch is written, the active file is rolled if it is not empty and
 * either the batch would take it past {@code maxFileSize}, or {@code rotateDaily} is on and the
 * local day (in the clock's zone) has changed since the file was started. A batch is never split,
 * so a line never spans two files and a batch bigger than {@code maxFileSize} fills a fresh file
 * on its own. The active file is renamed beside itself to {@code name.yyyy-MM-dd.N}: the day it
 * covers (the day it was started) and {@code N}, counting from 1 within that day. For example
 * {@code logs/fapilog.log} rolls to {@code logs/fapilog.log.2026-11-23.1}, then
 * {@code logs/fapilog.log.2026-11-23.2}, and after midnight {@code logs/fapilog.log.2026-11-24.1}.
 * Rolled files are never renamed again, so ordering by date then {@code N} is ordering by age.
 *
 * <p><b>Compression and retention.</b> With {@code gzip}, a rolled file is compressed to
 * {@code name.yyyy-MM-dd.N.gz} on a daemon thread, {@code fapilog-file-compressor}, so writers do
 * not wait: the archive is written to {@code .gz.tmp}, synced, renamed, and only then is the
 * original deleted. Uncompressed rolled files found on start-up (a crash mid-way) are compressed too.
 * After each roll the oldest rolled files beyond {@code maxHistory}, or beyond {@code totalSizeCap}
 * bytes together, are deleted (0 keeps none);
 * with gzip this runs on the compressor thread after the compression. {@link #awaitCompressions}
 * waits for that work, for tests and orderly shutdowns. Failures of this background work never
 * lose a line (the uncompressed file stays) and are reported to a {@link SinkErrorListener}.
 */
public final class RotatingFileSink implements Sink {

    private final String name;
    private final RotatingFileSettings settings;
    private final Path path;
    private final Clock clock;
    private final SinkErrorListener errors;
    private final RolledFiles rolled;
    private final FileCompressor compressor;
    private final Object lock = new Object();

    private OutputStream out;
    private long size;
    /** The day the active file covers; {@code null} until the file is first opened. */
    private LocalDate period;
    private RolledFiles.Generation lastRolled;
    private boolean closed;

    public RotatingFileSink(RotatingFileSettings settings) {
        this(SinkType.ROTATING_FILE.id(), settings, Clock.systemDefaultZone(), SinkErrorListener.STDERR);
    }

    /**
     * @param clock tells the time and, through its zone, where days start
     * @param errors told about failures of background work (compression, retention)
     */
    public RotatingFileSink(String name, RotatingFileSettings settings, Clock clock, SinkErrorListener errors) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.path = settings.path().toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.rolled = new RolledFiles(path);
        this.compressor = settings.gzip() ? new FileCompressor() : null;
    }

    @Override
    public String name() {
        return name;
    }

    /** The active file. */
    public Path path() {
        return path;
    }

    @Override
    public void write(EncodedBatch batch) throws IOException {
        int length = batch.length();
        if (length == 0) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                throw new IOException("sink '" + name + "' is closed");
            }
            try {
                open();
                rollIfDue(length);
                out.write(batch.array(), 0, length);
                out.flush();
                size += length;
            } catch (IOException | RuntimeException e) {
                closeActive(); // reopen next time, taking the size from the disk
                throw e;
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            if (out != null) {
                out.flush();
            }
        }
    }

    /** Closes the file, then waits (up to 30 s) for queued compressions. Later writes fail. */
    @Override
    public void close() throws IOException, InterruptedException {
        synchronized (lock) {
            closed = true;
            closeActive();
        }
        if (compressor != null) {
            compressor.close();
        }
    }

    /**
     * Waits until the compressions and retention queued so far are done.
     *
     * @return {@code false} if the timeout passed first
     */
    public boolean awaitCompressions(Duration timeout) throws InterruptedException {
        return compressor == null || compressor.awaitIdle(timeout);
    }

    private void open() throws IOException {
        if (out != null) {
            return;
        }
        Files.createDirectories(path.getParent());
        size = Files.exists(path) ? Files.size(path) : 0;
        if (period == null) {
            period = size > 0 ? startDayOfExisting() : today();
            if (compressor != null) {
                compressor.execute(this::compressLeftovers);
            }
        }
        OutputStream file = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        out = settings.bufferSize() > 0 ? new BufferedOutputStream(file, settings.bufferSize()) : file;
    }

    private void rollIfDue(int incoming) throws IOException {
        LocalDate today = today();
        boolean newDay = settings.rotateDaily() && today.isAfter(period);
        boolean full = settings.maxFileSize() > 0 && size + incoming > settings.maxFileSize();
        if (size > 0 && (newDay || full)) {
            roll();
        }
        if (newDay) {
            period = today;
        }
    }

    private void roll() throws IOException {
        closeActive();
        Path target = rolled.path(nextGeneration());
        Files.move(path, target);
        if (compressor != null) {
            compressor.execute(() -> housekeep(target));
        } else {
            housekeep(target);
        }
        open();
    }

    /** The next free name for the current period; taken even if the move then fails, so a retry never reuses it. */
    private RolledFiles.Generation nextGeneration() throws IOException {
        int index = lastRolled != null && lastRolled.date().equals(period) ? lastRolled.index() : rolled.lastIndex(period);
        lastRolled = new RolledFiles.Generation(period, index + 1);
        return lastRolled;
    }

    private void housekeep(Path rolledFile) {
        if (settings.gzip()) {
            report(() -> FileCompressor.gzip(rolledFile));
        }
        report(() -> rolled.retain(settings.maxHistory(), settings.totalSizeCap()));
    }

    private void compressLeftovers() {
        report(() -> {
            for (Path file : rolled.uncompressed()) {
                FileCompressor.gzip(file);
            }
        });
    }

    private void report(IoAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            errors.onError(name, e);
        }
    }

    private void closeActive() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                errors.onError(name, e);
            }
            out = null;
        }
    }

    /** The day an existing file was last written, never after today (a clock set back, a file from another host). */
    private LocalDate startDayOfExisting() throws IOException {
        LocalDate modified = LocalDate.ofInstant(Files.getLastModifiedTime(path).toInstant(), clock.getZone());
        LocalDate today = today();
        return modified.isAfter(today) ? today : modified;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
