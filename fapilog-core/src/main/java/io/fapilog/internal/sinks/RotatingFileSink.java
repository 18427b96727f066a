package io.fapilog.internal.sinks;

import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.spi.Sink;
import io.fapilog.spi.SinkErrorListener;
import io.fapilog.spi.EncodedBatch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Appends batches to a file and rolls it by size and by day ({@code fapilog.file.*}).
 *
 * <p><b>Writing.</b> Each batch is appended whole through a buffer of {@code bufferSize} bytes and
 * flushed before {@link #write} returns, so a written batch is in the file. Writes are serialised;
 * parent directories are created on the first write (or at {@link #open()}). A write that fails
 * half-way (a full disk) truncates the file back to its size before the write, so the retry
 * leaves neither a torn line nor a duplicate. The file is locked ({@link FileChannel#tryLock()}):
 * a second sink or JVM on the same path fails clearly (every write throws, naming
 * {@code fapilog.file.path} and the lock, so the circuit breaker sends its events to the fallback
 * and health shows why) instead of interleaving with this one. A
 * file deleted or moved underneath (by an operator, by logrotate) is noticed at the next batch,
 * which starts a new file at the path.
 *
 * <p><b>Rolling.</b> Before a batch is written, the active file is rolled if it is not empty and
 * either the batch would take it past {@code maxFileSize}, or {@code rotateDaily} is on and the
 * local day (in the clock's zone) has changed since the file was started. A batch is never split,
 * so a line never spans two files and a batch bigger than {@code maxFileSize} fills a fresh file
 * on its own. The active file is renamed beside itself to {@code name.yyyy-MM-dd.N}: the day it
 * was started and {@code N}, counting from 1 within that day. The day a file was started is that of
 * its first line, or, for a file found non-empty when opened, that of its last write (never after
 * today), whether or not {@code rotateDaily} is on (without it, a file may span days). For example
 * {@code logs/fapilog.log} rolls to {@code logs/fapilog.log.2026-11-23.1}, then
 * {@code logs/fapilog.log.2026-11-23.2}, and after midnight {@code logs/fapilog.log.2026-11-24.1}.
 * Rolled files are never renamed again, so ordering by date then {@code N} is ordering by age.
 * {@code N} is the first number free on disk, and a rolled file or archive is never replaced: another
 * writer on the path (a runtime taking the file over, or one writing again after logrotate moved the
 * file it held) numbers its rolls past this one's. The file is renamed while its lock is held, and a
 * writer takes a file only if the path still names it once locked, so none writes into a rolled file.
 * A roll that cannot rename the file (its directory turned read-only) leaves it open: the batch is
 * appended past the limit, the failure is reported to the {@link SinkErrorListener}, and the roll is
 * tried again at the first batch after a pause of a second, doubling at each failure up to a minute.
 *
 * <p><b>Compression and retention.</b> With {@code gzip}, a rolled file is compressed to
 * {@code name.yyyy-MM-dd.N.gz} on a daemon thread, {@code fapilog-file-compressor}, so writers do
 * not wait, unless they roll faster than it compresses: a roll waits (up to {@link #COMPRESSION_ROOM_WAIT}),
 * before it renames the file, while {@link #MAX_WAITING_COMPRESSIONS} rolled files wait for it, as Logback's roll waits for the
 * compression before it, so that rolled files waiting for it (which retention leaves alone) cannot
 * fill the disk past the cap and the drain does not wait out a backlog. The archive is written to a temporary file of its own, synced, given its name unless an
 * archive has it already, and only then is the original deleted (see {@link FileCompressor#gzip}).
 * Uncompressed rolled files found on start-up (a crash mid-way) are compressed too, and temporary
 * files no compressor is writing are deleted.
 * After each roll the oldest rolled files beyond {@code maxHistory}, or beyond {@code totalSizeCap}
 * bytes together, are deleted (0 keeps none), and with {@code cleanHistoryOnStart} also when the
 * file is first opened; with gzip this runs on the compressor thread after the compression. {@link #awaitCompressions}
 * waits for that work, for tests and orderly shutdowns. Failures of this background work never
 * lose a line (the uncompressed file stays) and are reported to a {@link SinkErrorListener}.
 */
public final class RotatingFileSink implements Sink, SideFailureReporting {

    /** The pause after a failed roll before it is tried again; it doubles at each failure in a row. */
    private static final Duration FIRST_ROLL_RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_ROLL_RETRY_DELAY = Duration.ofMinutes(1);

    /** Renames the active file to its rolled name: a seam for tests of a roll that fails or that another writer races. */
    @FunctionalInterface
    interface Rename {
        void rename(Path from, Path to) throws IOException;
    }

    private final String name;
    private final RotatingFileSettings settings;
    private final Path path;
    private final Clock clock;
    private final SinkErrorListener errors;
    private volatile SinkErrorListener alsoReportTo = SinkErrorListener.NONE;
    private final RolledFiles rolled;
    private final FileCompressor compressor;
    /** Rolled files that may wait for the compressor at once; a roll past them waits for room. */
    static final int MAX_WAITING_COMPRESSIONS = 2;
    /** The longest a roll waits for room at the compressor (a stalled disk): then it rolls anyway. */
    static final Duration COMPRESSION_ROOM_WAIT = Duration.ofSeconds(5);
    private final Semaphore compressionRoom = new Semaphore(MAX_WAITING_COMPRESSIONS);
    private final Rename rename;
    private final Object monitor = new Object();
    /**
     * The files (their file keys, else paths) a sink of this JVM has open or is opening: another sink of
     * the JVM must not open one at all, since a file lock is the process's, and closing any channel of
     * the process on the file releases it (the second sink's channel, closed when it found the file
     * held, let another process write into it). By file, not path: a file logrotate moved away is still
     * held, and the new one at the path is free.
     */
    private static final java.util.Set<Object> OPEN_IN_THIS_JVM = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** This sink's entry in {@link #OPEN_IN_THIS_JVM}, or null. */
    private Object claimed;

    private FileChannel channel;
    private FileLock lock;
    private OutputStream out;
    /** The file key (inode) of the active file when it was opened, to notice it was deleted or moved. */
    private Object fileKey;
    private long size;
    /** The day the active file was started; {@code null} until a file is opened (first, after a roll, or a replaced one). */
    private LocalDate period;
    /** Whether a file was opened once, and the start-up housekeeping queued. */
    private boolean started;
    private boolean closed;
    /** When a roll that failed may be tried again; {@code null} if the last one did not fail. */
    private Instant rollRetryAt;
    private Duration rollRetryDelay = FIRST_ROLL_RETRY_DELAY;

    public RotatingFileSink(RotatingFileSettings settings) {
        this(SinkType.ROTATING_FILE.id(), settings, Clock.systemDefaultZone(), SinkErrorListener.STDERR);
    }

    /**
     * @param clock tells the time and, through its zone, where days start
     * @param errors told about failures of background work (compression, retention) and of rolls
     */
    public RotatingFileSink(String name, RotatingFileSettings settings, Clock clock, SinkErrorListener errors) {
        this(name, settings, clock, errors, Files::move);
    }

    RotatingFileSink(String name, RotatingFileSettings settings, Clock clock, SinkErrorListener errors, Rename rename) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.path = settings.path().toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.rolled = new RolledFiles(path);
        this.compressor = settings.gzip() ? new FileCompressor() : null;
        this.rename = Objects.requireNonNull(rename, "rename");
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
        synchronized (monitor) {
            if (closed) {
                appendAfterClose(batch);
                return;
            }
            reopenIfReplaced();
            long before;
            try {
                openActive();
                rollIfDue(length);
                // From the disk, not the size kept: logrotate's copytruncate empties the file under us, and a
                // failed write must be cut back to where the file ended, not to where it ended before that.
                before = channel.size();
            } catch (IOException | RuntimeException e) {
                closeActive(); // reopen next time, taking the size from the disk
                throw e;
            }
            try {
                out.write(batch.array(), 0, length);
                out.flush();
                size = before + length;
            } catch (IOException | RuntimeException e) {
                // A write that failed half-way (a full disk) must leave no torn line for the retry to follow.
                truncateTo(before);
                abandonActive();
                throw e;
            }
        }
    }

    /**
     * Checks that the active file can be created and appended to (its directories are created),
     * without taking it: so that a path that cannot be written fails at start-up. The lock is
     * taken by the first write, so a runtime being replaced (Spring's early runtime) can hand the
     * file over.
     *
     * @throws IOException naming the reason
     */
    public void checkWritable() throws IOException {
        requireRegularFile();
        Files.createDirectories(path.getParent());
        createIfAbsent();
        Object file = identity(attributesIfExists());
        if (!OPEN_IN_THIS_JVM.add(file)) {
            return; // another sink of this JVM writes it: writable, and its lock must stay
        }
        try {
            FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND).close();
        } finally {
            OPEN_IN_THIS_JVM.remove(file);
        }
    }

    /**
     * Opens and locks the active file now rather than at the first write.
     *
     * @throws IOException naming the path and the reason, for example when another sink or
     *         process holds the file
     */
    public void open() throws IOException {
        synchronized (monitor) {
            openActive();
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (monitor) {
            if (out != null) {
                out.flush();
            }
        }
    }

    /**
     * Closes the file, then waits (up to 30 s) for queued compressions. Later writes open the file
     * for each write ({@link #appendAfterClose}).
     */
    @Override
    public void close() throws IOException, InterruptedException {
        synchronized (monitor) {
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

    /**
     * Rolling renames the active file, so it must be a file of its own: never a device such as
     * {@code /dev/null}, which a roll would move away and replace with a regular file.
     */
    private void requireRegularFile() throws IOException {
        if (Files.isSymbolicLink(path)) {
            // a roll would rename the link and leave its target, never rolled nor deleted, behind
            throw new IOException(path + " is a symbolic link (to " + Files.readSymbolicLink(path)
                    + "); rolling renames the file, so name the file itself");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IOException(path + " is not a regular file (a device, a pipe or a directory)");
        }
    }

    private void openActive() throws IOException {
        if (out != null) {
            return;
        }
        LockedFile opened = openLocked();
        channel = opened.channel();
        lock = opened.lock();
        fileKey = opened.fileKey();
        claimed = opened.claim();
        try {
            size = channel.size();
            if (period == null) {
                period = size > 0 ? startDayOfExisting() : today();
            }
            if (!started) {
                started = true;
                housekeepOnStart();
            }
            OutputStream file = Channels.newOutputStream(channel);
            out = settings.bufferSize() > 0 ? new BufferedOutputStream(file, settings.bufferSize()) : file;
        } catch (IOException | RuntimeException e) {
            abandonActive(); // closes the channel, releasing its lock and claim
            throw e;
        }
    }

    private void unclaim() {
        if (claimed != null) {
            OPEN_IN_THIS_JVM.remove(claimed);
            claimed = null;
        }
    }

    /** What tells the file apart in {@link #OPEN_IN_THIS_JVM}: its file key, else its path. */
    private Object identity(BasicFileAttributes file) {
        return file != null && file.fileKey() != null ? file.fileKey() : path;
    }

    private IOException inUse() {
        return new IOException("fapilog.file.path " + path + " is in use by another sink or process"
                + " (its lock is held); give each a file of its own");
    }

    /**
     * The active file, opened to append and locked: checked to be the file the path names, and
     * claimed in {@link #OPEN_IN_THIS_JVM} before any channel is opened on it (the caller releases the claim).
     */
    private LockedFile openLocked() throws IOException {
        requireRegularFile();
        if (!Files.exists(path)) {
            Files.createDirectories(path.getParent());
            createIfAbsent();
        }
        BasicFileAttributes beforeOpening = attributesIfExists();
        Object claim = identity(beforeOpening);
        if (!OPEN_IN_THIS_JVM.add(claim)) {
            throw inUse();
        }
        try {
            FileChannel opened = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            try {
                FileLock acquired = tryLock(opened);
                BasicFileAttributes locked = acquired == null ? null : attributesIfExists();
                if (!sameFile(beforeOpening, locked)) {
                    throw inUse();
                }
                return new LockedFile(opened, acquired, locked.fileKey(), claim);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            OPEN_IN_THIS_JVM.remove(claim);
            throw e;
        }
    }

    private record LockedFile(FileChannel channel, FileLock lock, Object fileKey, Object claim) {
    }

    /**
     * A write after {@link #close()}: an event logged after the drain (a {@code @PreDestroy}, another
     * shutdown hook), appended to the active file opened and locked for this write alone, so that the
     * lines of the very end are in the file with the others; never rolled. Fails, so that the fallback
     * takes the lines, while another sink or process holds the file (the next application's runtime
     * after a DevTools restart), and leaves no torn line behind when the disk is full.
     */
    private void appendAfterClose(EncodedBatch batch) throws IOException {
        // An interrupt would close the channel mid-way (a thread stopped by shutdownNow, logging as it ends):
        // taken off for the write and given back.
        boolean interrupted = Thread.interrupted();
        try {
            appendLocked(batch);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void appendLocked(EncodedBatch batch) throws IOException {
        LockedFile late = openLocked();
        try (FileChannel file = late.channel()) {
            long before = file.size();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(batch.array(), 0, batch.length());
            try {
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
            } catch (java.nio.channels.ClosedByInterruptException e) {
                // Interrupted during the write (by another thread): the channel is closed, the bytes it
                // wrote are in the file. Whole, the write is done; else its fallback must not repeat them.
                if (!bytes.hasRemaining()) {
                    return;
                }
                cutBack(before, bytes.position());
                throw e;
            } catch (IOException | RuntimeException e) {
                try {
                    file.truncate(before);
                } catch (IOException truncation) {
                    e.addSuppressed(truncation);
                }
                throw e;
            }
        } finally {
            OPEN_IN_THIS_JVM.remove(late.claim());
        }
    }

    /**
     * Takes the {@code written} bytes of a late write that failed half-way back off the file, on a
     * channel of its own (the write's was closed by an interrupt), unless another writer wrote after them.
     */
    private void cutBack(long before, int written) {
        if (written == 0) {
            return;
        }
        boolean interrupted = Thread.interrupted(); // else this channel would be closed at once too
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (file.size() == before + written) {
                file.truncate(before);
            }
        } catch (IOException e) {
            reportSideFailure(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Locks the file just opened; {@code null} if another sink or process holds it. */
    private static FileLock tryLock(FileChannel opened) throws IOException {
        try {
            return opened.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /**
     * Whether the file locked is the one the path named before it was opened, so surely the one
     * opened. Another writer holding it may have rolled it in between and released its lock:
     * writing on would put lines into its rolled file, perhaps after its compression. The file is
     * created before, so that one created by another writer meanwhile is told apart too. On a file
     * system without file keys, this cannot be known and is assumed.
     */
    private static boolean sameFile(BasicFileAttributes beforeOpening, BasicFileAttributes locked) {
        return beforeOpening != null && locked != null && Objects.equals(beforeOpening.fileKey(), locked.fileKey());
    }

    private void createIfAbsent() throws IOException {
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException exists) {
            // appended to
        }
    }

    /** The active file's attributes, {@code null} if there is none (rolled or moved away). */
    private BasicFileAttributes attributesIfExists() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** Compresses what a stopped run left and, with {@code cleanHistoryOnStart}, applies retention. */
    private void housekeepOnStart() {
        if (compressor != null) {
            compressor.execute(this::compressLeftovers);
            if (settings.cleanHistoryOnStart()) {
                compressor.execute(this::retain);
            }
        } else if (settings.cleanHistoryOnStart()) {
            retain();
        }
    }

    /**
     * An operator or logrotate deleted or moved the active file: stop writing to the unlinked one
     * and start a new file at the path. Compares the file key (the inode) when the file system has one.
     */
    private void reopenIfReplaced() {
        if (out == null) {
            return;
        }
        Object current;
        try {
            current = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            current = null; // gone
        }
        if (current == null ? fileKey != null || !Files.exists(path) : !current.equals(fileKey)) {
            closeActive();
            period = null; // another file: its day is found when it is opened
        }
    }

    private void truncateTo(long before) {
        try {
            if (channel != null && channel.size() > before) {
                channel.truncate(before);
            }
        } catch (IOException e) {
            reportSideFailure(e);
        }
    }

    /**
     * Rolls a file the batch would take past {@code maxFileSize}, or, with {@code rotateDaily}, one
     * started before today. An empty file is started by the batch: it takes today's date, however
     * long ago it was opened, and whether or not {@code rotateDaily} is on.
     */
    private void rollIfDue(int incoming) throws IOException {
        if (size > 0 && (startedBeforeToday() || wouldOverflow(incoming))) {
            size = channel.size(); // logrotate's copytruncate empties the file under us: no roll of an empty file
        }
        if (size == 0) {
            period = today();
        } else if ((startedBeforeToday() || wouldOverflow(incoming)) && rollRetryDue()) {
            roll();
        }
    }

    private boolean startedBeforeToday() {
        return settings.rotateDaily() && today().isAfter(period);
    }

    private boolean wouldOverflow(int incoming) {
        return settings.maxFileSize() > 0 && size + incoming > settings.maxFileSize();
    }

    /**
     * Renames the active file while it still holds the lock, so that no other writer takes the
     * file in between (its lines would go into the rolled file, perhaps after its compression),
     * then starts a new one.
     */
    private void roll() throws IOException {
        out.flush();
        boolean room = compressor != null && awaitCompressionRoom(); // before the rename: the file rolled now is one of those waiting
        Path target;
        try {
            target = renameToFreeGeneration();
        } catch (IOException | RuntimeException e) {
            if (room) {
                compressionRoom.release();
            }
            postponeRoll(e);
            return;
        }
        rollRetryAt = null;
        rollRetryDelay = FIRST_ROLL_RETRY_DELAY;
        closeActive();
        period = null; // the next file is dated when it is opened, and by its first line
        if (compressor != null) {
            compressor.execute(() -> {
                try {
                    housekeep(target);
                } finally {
                    if (room) {
                        compressionRoom.release();
                    }
                }
            });
        } else {
            housekeep(target);
        }
        openActive();
    }

    /**
     * Renames the active file to the first name of its period free on disk: past the highest
     * {@code N} there, and past any name taken, rolled or compressed, by the time of the rename.
     * Another writer on the path (another runtime, once logrotate moved the file it held) numbers
     * its rolls too, and neither may replace the other's.
     */
    private Path renameToFreeGeneration() throws IOException {
        for (int index = rolled.lastIndex(period) + 1; ; index++) {
            RolledFiles.Generation generation = new RolledFiles.Generation(period, index);
            if (!rolled.exists(generation)) {
                Path target = rolled.path(generation);
                try {
                    rename.rename(path, target);
                    return target;
                } catch (FileAlreadyExistsException taken) {
                    // by another writer, just now: the next one
                }
            }
        }
    }

    /**
     * The rename failed (the directory turned read-only, say) and the active file is still open and
     * locked: the batch is appended to it past its limit rather than failed, which would send it and
     * every later one to the fallback although the file can be written. The failure is reported, and
     * the roll tried again at the first batch after a pause that doubles at each failure up to
     * {@link #MAX_ROLL_RETRY_DELAY}: not at every batch, and once a minute when it keeps failing.
     */
    private void postponeRoll(Exception e) {
        reportSideFailure(new IOException("could not roll " + path + " (" + e + "); batches are appended to it"
                + " until a roll succeeds, tried again in " + rollRetryDelay.toSeconds() + " s", e));
        rollRetryAt = clock.instant().plus(rollRetryDelay);
        rollRetryDelay = rollRetryDelay.multipliedBy(2);
        if (rollRetryDelay.compareTo(MAX_ROLL_RETRY_DELAY) > 0) {
            rollRetryDelay = MAX_ROLL_RETRY_DELAY;
        }
    }

    private boolean rollRetryDue() {
        return rollRetryAt == null || !clock.instant().isBefore(rollRetryAt);
    }

    /** Whether room at the compressor was taken; false when the wait ran out or was interrupted (the roll goes on). */
    private boolean awaitCompressionRoom() {
        try {
            return compressionRoom.tryAcquire(COMPRESSION_ROOM_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Compresses a rolled file, then applies retention up to it: the rolls queued behind it wait for their compression. */
    private void housekeep(Path rolledFile) {
        if (settings.gzip()) {
            report(() -> FileCompressor.gzip(rolledFile));
        }
        retain(rolled.generationOf(rolledFile));
    }

    private void retain() {
        retain(null);
    }

    private void retain(RolledFiles.Generation settled) {
        report(() -> rolled.retain(settings.maxHistory(), settings.historyInDays(), settings.totalSizeCap(), settled));
    }

    private void compressLeftovers() {
        report(() -> {
            for (Path temp : rolled.temporary()) {
                FileCompressor.deleteIfAbandoned(temp);
            }
            for (Path file : rolled.uncompressed()) {
                FileCompressor.gzip(file);
            }
        });
    }

    @Override
    public void reportSideFailuresTo(SinkErrorListener listener) {
        alsoReportTo = Objects.requireNonNull(listener, "listener");
    }

    private void reportSideFailure(Exception e) {
        for (SinkErrorListener listener : new SinkErrorListener[] {errors, alsoReportTo}) {
            try {
                listener.onError(name, e);
            } catch (RuntimeException ignored) {
                // a listener must not throw; if one does, the sink goes on all the same
            }
        }
    }

    private void report(IoAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            reportSideFailure(e);
        }
    }

    private void closeActive() {
        if (out != null) {
            try {
                out.close(); // flushes, releases the lock and closes the channel
            } catch (IOException e) {
                reportSideFailure(e);
            }
        }
        forgetActive();
    }

    /** Closes the file without flushing what the failed write left in the buffer. */
    private void abandonActive() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                reportSideFailure(e);
            }
        }
        forgetActive();
    }

    private void forgetActive() {
        out = null;
        channel = null;
        lock = null;
        fileKey = null;
        unclaim();
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
