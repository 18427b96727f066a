package io.fapilog.internal.event;

import io.fapilog.internal.encoding.Failures;
import io.fapilog.internal.encoding.StackTraces;
import io.fapilog.spi.RemoteThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a throwable holds while its event is queued, for the queue's memory budget, and the copy of
 * it an event keeps when the budget has no room for it. The first {@value #MAX_THROWABLES} throwables
 * of its chain (its causes, then its suppressed ones) count, each once; a copy keeps them, and the
 * innermost cause in place of the last.
 */
final class ThrowableFootprint {

    /**
     * A throwable whose stack trace Java has not read yet: only the JVM knows its depth, and asking
     * would cost the caller the reading (about 0.2 µs a frame). About what 150 frames hold unread
     * (a Spring request's stacks run 100 to 300 frames); read, they hold three times as much.
     */
    static final int LIVE_BYTES = 4096;
    /** A frame read (a copy's, or a live stack's once read): its {@code StackTraceElement}, its place in the array, its share of what the JVM keeps. */
    static final int FRAME_BYTES = 64;
    /** A throwable whose frames are read, beyond them: the object and its array. */
    static final int COPY_BYTES = 64;
    static final int MAX_THROWABLES = 16;

    private ThrowableFootprint() {
    }

    /** Roughly the bytes {@code t} and its chain hold: see {@link #LIVE_BYTES}, {@link #FRAME_BYTES}. */
    static long weight(Throwable t) {
        return t == null ? 0 : weight(t, false, new ArrayList<>(2));
    }

    /**
     * As {@link #weight}, each stack weighed by its frames: for a chain whose stacks were read already
     * (an exception logged through Logback was read at the call), which then costs a copy of each
     * trace. Called on an unread stack, it would read it, and the stack would hold three times as much.
     */
    static long weightRead(Throwable t) {
        return t == null ? 0 : weight(t, true, new ArrayList<>(2));
    }

    private static long weight(Throwable t, boolean read, List<Throwable> seen) {
        if (!firstVisit(t, seen)) {
            return 0;
        }
        String message = Failures.message(t);
        long bytes = message == null ? 0 : message.length();
        bytes += read || t instanceof RemoteThrowable ? COPY_BYTES + (long) FRAME_BYTES * Failures.stackTrace(t).length : LIVE_BYTES;
        bytes += weight(Failures.cause(t), read, seen);
        for (Throwable suppressed : t.getSuppressed()) {
            bytes += weight(suppressed, read, seen);
        }
        return bytes;
    }

    /**
     * A copy of {@code t} in which each throwable of the chain keeps its first {@code keepFrames}
     * frames (a cause or suppressed one, of those it does not share with the throwable it belongs to),
     * knowing how many it left out and shared, and its message cut near {@code keepChars} characters at
     * a token's edge ({@link TrimmedValues#text}): what its event keeps when the queue's memory budget
     * has no room for it. Of a chain longer than {@value #MAX_THROWABLES} throwables, the last place
     * goes to its innermost cause (the one that says what went wrong), the causes between counted as
     * omitted. Reads the stack traces, on the caller's thread.
     */
    static Throwable trimmed(Throwable t, int keepFrames, int keepChars) {
        return t == null ? null : new Trimming(keepFrames, keepChars).copy(t, null);
    }

    /** One trimmed copy of a chain: each throwable copied once, at most {@value #MAX_THROWABLES}. */
    private static final class Trimming {

        private final int keepFrames;
        private final int keepChars;
        private final List<Throwable> seen = new ArrayList<>(2);
        /** Whether a throwable came back in the chain: Boot's hash of each is then taken from the originals. */
        private boolean looped;

        Trimming(int keepFrames, int keepChars) {
            this.keepFrames = keepFrames;
            this.keepChars = keepChars;
        }

        /** The copy of {@code t}, whose enclosing throwable's trace is {@code enclosing} (null: none). */
        Throwable copy(Throwable t, StackTraceElement[] enclosing) {
            if (!firstVisit(t, seen)) {
                looped |= t != null && seen.contains(t);
                return null;
            }
            StackTraceElement[] frames = Failures.stackTrace(t);
            Throwable cause = Failures.cause(t);
            Failures.ChainEnd end = cause != null && seen.size() == MAX_THROWABLES - 1
                    ? Failures.innermost(cause, seen::contains) : null;
            Throwable causeCopy;
            if (end != null) {  // the last place: the innermost cause, what went wrong
                causeCopy = firstVisit(end.root(), seen)
                        ? copyOf(end.root(), Failures.stackTrace(end.root()), frames, Failures.traceHash(end.root()), null, NONE)
                        : null;
            } else {
                causeCopy = copy(cause, frames);
            }
            Throwable[] suppressed = t.getSuppressed();
            List<Throwable> suppressedCopies = new ArrayList<>(suppressed.length);
            for (Throwable one : suppressed) {
                Throwable copy = copy(one, frames);
                if (copy != null) {
                    suppressedCopies.add(copy);
                }
            }
            ThrowableCopy copy = copyOf(t, frames, enclosing, hash(t, cause, causeCopy, end, frames), causeCopy,
                    suppressedCopies.toArray(NONE));
            return end == null || causeCopy == null ? copy : copy.causesOmitted(end.omitted());
        }

        /**
         * Boot's hash of {@code t}'s trace: from the hash its cause's copy holds, or, past the last place
         * or in a chain that loops (where Boot's hash of each throwable follows the loop from it), from the originals.
         */
        private int hash(Throwable t, Throwable cause, Throwable causeCopy, Failures.ChainEnd end, StackTraceElement[] frames) {
            if (looped) {
                return Failures.traceHash(t);
            }
            int causeHash = cause == null ? 0 : Failures.traceHash(end == null && causeCopy != null ? causeCopy : cause);
            return Failures.traceHash(causeHash, ThrowableCopy.typeName(t), frames);
        }

        /** A copy keeping the first frames of those {@code t} does not share with {@code enclosing}. */
        private ThrowableCopy copyOf(Throwable t, StackTraceElement[] frames, StackTraceElement[] enclosing, int hash,
                                     Throwable cause, Throwable[] suppressed) {
            int shared = StackTraces.framesInCommon(frames, enclosing);
            int kept = Math.min(frames.length - shared, keepFrames);
            String message = Failures.message(t);
            TrimmedTrace trimmed = new TrimmedTrace(frames.length - shared - kept + Failures.framesOmitted(t), shared, hash);
            return new ThrowableCopy(ThrowableCopy.typeName(t), message == null ? null : TrimmedValues.text(message, keepChars),
                    Arrays.copyOf(frames, kept), trimmed, cause, suppressed);
        }
    }

    private static final Throwable[] NONE = new Throwable[0];

    /** Whether {@code t} is one more throwable of the chain to count: not null, not seen, within the limit. */
    private static boolean firstVisit(Throwable t, List<Throwable> seen) {
        if (t == null || seen.size() >= MAX_THROWABLES) {
            return false;
        }
        for (Throwable one : seen) {
            if (one == t) {
                return false;
            }
        }
        return seen.add(t);
    }
}
