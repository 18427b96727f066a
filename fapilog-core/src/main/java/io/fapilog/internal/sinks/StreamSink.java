package io.fapilog.internal.sinks;

import io.fapilog.internal.FapilogThreads;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes each batch to a stream: with a single write call, except to a pipe (below).
 *
 * <p>{@link #stdout(String)} and {@link #stderr(String)} write straight to the process's file
 * descriptor while {@code System.out} / {@code System.err} is still the plain stream the JVM
 * started with: every write then reports its own error, where a {@link PrintStream} would set its
 * sticky error flag once and fail every later batch. When the stream was replaced (tests, Spring
 * Boot's {@code OutputCaptureExtension}) they write to the current one, looked up per batch, and a
 * {@link PrintStream} that swallowed an {@code IOException} is reported as a failure, and so is
 * every later batch to it, before it is written (its error flag stays set). A write to the file
 * descriptor holds the stream's monitor, the lock its {@code println} takes, so that a line the
 * application prints never lands inside a batch (on a pipe a large write goes out in pieces). JDK
 * 19 to 23 lock a plain {@code PrintStream} with a lock of its own, which the sink cannot take: there
 * a line printed to a pipe by another thread meanwhile may still land inside a batch.
 *
 * <p>To a descriptor that is not a regular file (a pipe: a container's standard output, a shell's
 * {@code | tee}; a socket; a terminal) each write is at most {@value #ATOMIC_WRITE} bytes (POSIX's
 * {@code PIPE_BUF}) and ends at a line's end: a pipe keeps such a write whole, so another process
 * writing to the same pipe (a shell script's other commands, a supervisor's other programs) never
 * lands inside a line. A batch written whole would be split wherever the pipe filled up, and the
 * other process's bytes land there. Only a line longer than that is still written in pieces.
 *
 * <p>On a channel (a file descriptor) the sink knows how far a failed write got. A write that
 * stopped inside a line is never followed by another line: the retry of the same batch resumes
 * where it stopped (no torn line, no duplicate), and any other batch first completes the torn line.
 * The sink never closes the stream: its owner does.
 */
public final class StreamSink implements Sink {

    private static final PrintStream JVM_OUT = System.out;
    private static final PrintStream JVM_ERR = System.err;
    private static final FileOutputStream FD_OUT_STREAM = new FileOutputStream(FileDescriptor.out);
    private static final FileOutputStream FD_ERR_STREAM = new FileOutputStream(FileDescriptor.err);
    /**
     * For fapilog's own threads, which nothing interrupts: a channel reports how far a failed write got.
     * An interrupt during a channel's write closes it, and closing standard output's stream points the
     * descriptor at /dev/null for the whole JVM, so other threads (an event logged after the drain, on
     * the caller's thread) write through {@link Uninterruptible}.
     */
    private static final WritableByteChannel FD_OUT = FD_OUT_STREAM.getChannel();
    private static final WritableByteChannel FD_ERR = FD_ERR_STREAM.getChannel();
    private static final WritableByteChannel FD_OUT_ANY_THREAD = new Uninterruptible(FD_OUT_STREAM);
    private static final WritableByteChannel FD_ERR_ANY_THREAD = new Uninterruptible(FD_ERR_STREAM);
    /** POSIX's smallest {@code PIPE_BUF}: a pipe never splits a write of at most this many bytes. */
    static final int ATOMIC_WRITE = 4096;
    private static final boolean OUT_SHARED = !isRegularFile(1);
    private static final boolean ERR_SHARED = !isRegularFile(2);

    private final String name;
    private final Supplier<?> target;
    /** Held while writing to a channel, besides {@link #lock}: the monitor of the stream it is the descriptor of. */
    private final Object channelGuard;
    /** Whether channel writes are cut into whole lines of at most {@link #ATOMIC_WRITE} bytes (a pipe). */
    private final boolean atomicLines;
    private final Object lock = new Object();
    /** The batch a channel write stopped in, and how many of its bytes went out; null when none. */
    private byte[] unfinished;
    private int unfinishedWritten;

    public StreamSink(String name, OutputStream out) {
        this(name, constant(Objects.requireNonNull(out, "out")));
    }

    /** A sink writing to a channel, which reports how far a failed write got. */
    public StreamSink(String name, WritableByteChannel channel) {
        this(name, constant(Objects.requireNonNull(channel, "channel")));
    }

    private StreamSink(String name, Supplier<?> target) {
        this(name, target, null, false);
    }

    private StreamSink(String name, Supplier<?> target, Object channelGuard, boolean atomicLines) {
        this.name = Objects.requireNonNull(name, "name");
        this.target = target;
        this.channelGuard = channelGuard;
        this.atomicLines = atomicLines;
    }

    /**
     * A sink writing to {@code channel} while holding {@code guard}'s monitor (as stdout holds
     * {@code System.out}'s); {@code pipe}: a channel other processes may write to as well.
     */
    static StreamSink guarded(String name, WritableByteChannel channel, Object guard, boolean pipe) {
        return new StreamSink(name, constant(channel), guard, pipe);
    }

    /** A sink writing to standard output, named e.g. {@code stdout-json} or {@code stdout-pretty}. */
    public static StreamSink stdout(String name) {
        return new StreamSink(name, () -> current(System.out, JVM_OUT, FapilogThreads.isCurrent() ? FD_OUT : FD_OUT_ANY_THREAD),
                JVM_OUT, OUT_SHARED);
    }

    /** A sink writing to standard error. */
    public static StreamSink stderr(String name) {
        return new StreamSink(name, () -> current(System.err, JVM_ERR, FapilogThreads.isCurrent() ? FD_ERR : FD_ERR_ANY_THREAD),
                JVM_ERR, ERR_SHARED);
    }

    /**
     * Whether the process's descriptor {@code fd} is a regular file ({@code > app.log}), read where
     * the platform shows it ({@code /dev/fd}); anything else, or not knowing, counts as shared.
     */
    private static boolean isRegularFile(int fd) {
        try {
            return Files.isRegularFile(Path.of("/dev/fd/" + fd));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The file descriptor while the JVM's own plain stream is in place, else the replacement. */
    static Object current(PrintStream now, PrintStream original, WritableByteChannel fd) {
        if (now == original && original.getClass() == PrintStream.class) {
            original.flush(); // whatever others printed goes out first, in order
            return fd;
        }
        return now;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(EncodedBatch batch) throws IOException {
        if (batch.length() == 0) {
            return;
        }
        synchronized (lock) {
            Object out = target.get();
            if (out instanceof WritableByteChannel channel) {
                boolean interrupted = Thread.interrupted(); // a channel written while interrupted is closed for good
                try {
                    if (channelGuard == null) {
                        write(channel, batch);
                    } else {
                        synchronized (channelGuard) {
                            write(channel, batch);
                        }
                    }
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            } else {
                OutputStream stream = (OutputStream) out;
                if (stream instanceof PrintStream print && print.checkError()) {
                    throw stickyError();  // before writing: the batch goes to the fallback, never twice into the stream
                }
                stream.write(batch.array(), 0, batch.length());
                flush(stream);
            }
        }
    }

    private void write(WritableByteChannel channel, EncodedBatch batch) throws IOException {
        byte[] bytes = batch.array();
        int length = batch.length();
        int from = 0;
        if (unfinished != null) {
            if (length == unfinished.length && Arrays.equals(unfinished, 0, length, bytes, 0, length)) {
                from = unfinishedWritten; // the retry of the batch that failed: resume
            } else {
                finishTornLine(channel);
            }
            unfinished = null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, from, length - from);
        try {
            while (buffer.position() < length) {
                buffer.limit(atomicLines ? wholeLinesEnd(bytes, buffer.position(), length) : length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException | RuntimeException e) {
            int written = buffer.position();
            if (written > 0) {
                unfinished = Arrays.copyOf(bytes, length);
                unfinishedWritten = written;
            }
            throw e;
        }
    }

    /**
     * The end of the longest run of whole lines from {@code start} that fits {@link #ATOMIC_WRITE}
     * bytes; a longer first line, whole.
     */
    static int wholeLinesEnd(byte[] bytes, int start, int length) {
        if (length - start <= ATOMIC_WRITE) {
            return length;
        }
        for (int at = start + ATOMIC_WRITE - 1; at >= start; at--) {
            if (bytes[at] == '\n') {
                return at + 1;
            }
        }
        for (int at = start + ATOMIC_WRITE; at < length; at++) {
            if (bytes[at] == '\n') {
                return at + 1;
            }
        }
        return length;
    }

    /** Writes the rest of the line the failed write stopped in, so the next line starts on a line of its own. */
    private void finishTornLine(WritableByteChannel channel) throws IOException {
        int start = unfinishedWritten;
        if (start == 0 || unfinished[start - 1] == '\n') {
            return;
        }
        int end = start;
        while (end < unfinished.length && unfinished[end] != '\n') {
            end++;
        }
        ByteBuffer rest = ByteBuffer.wrap(unfinished, start, Math.min(end + 1, unfinished.length) - start);
        try {
            while (rest.hasRemaining()) {
                channel.write(rest);
            }
        } catch (IOException | RuntimeException e) {
            unfinishedWritten = rest.position();
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            if (target.get() instanceof OutputStream stream) {
                flush(stream);
            }
        }
    }

    private void flush(OutputStream out) throws IOException {
        if (out instanceof PrintStream print) {
            if (print.checkError()) { // flushes, and tells whether an IOException was swallowed
                throw new IOException("sink '" + name + "': the print stream reported a write error");
            }
        } else {
            out.flush();
        }
    }

    /**
     * A {@link PrintStream}'s error flag, once set, stays set (only its subclasses may clear it), so
     * whether the stream recovered cannot be known: rather than write a batch that would then be
     * failed, retried and written again, every later batch fails before it is written and goes to
     * the fallback.
     */
    private IOException stickyError() {
        return new IOException("sink '" + name + "': the print stream failed earlier and cannot tell whether it"
                + " recovered (its error flag stays set); writing to the fallback");
    }

    private static <T> Supplier<T> constant(T value) {
        return () -> value;
    }

    /**
     * A descriptor's stream as a channel that an interrupt cannot close. Its write is all or nothing
     * as far as the sink can tell (a failed write reports nothing written), so a retry may repeat
     * part of a line: the price of writing from threads that others may interrupt.
     */
    private record Uninterruptible(FileOutputStream stream) implements WritableByteChannel {

        @Override
        public int write(ByteBuffer source) throws IOException {
            int length = source.remaining();
            stream.write(source.array(), source.arrayOffset() + source.position(), length);
            source.position(source.position() + length);
            return length;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // the JVM's descriptor: never closed here
        }
    }
}
