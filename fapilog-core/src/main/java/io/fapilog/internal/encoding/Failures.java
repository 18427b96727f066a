package io.fapilog.internal.encoding;

import io.fapilog.internal.event.TrimmedTrace;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;

/** How encoders survive hostile values: which failures to let through, and what to write instead. */
public final class Failures {

    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    private Failures() {
    }

    /**
     * Rethrows errors the JVM cannot recover from ({@link OutOfMemoryError}, {@link InternalError});
     * everything else, including a {@link StackOverflowError} from a recursive {@code toString()},
     * is the value's fault and is written as a placeholder.
     */
    public static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError error && !(failure instanceof StackOverflowError)) {
            throw error;
        }
    }

    /**
     * The throwable's stack trace without null frames (an override may return them, and
     * {@code setStackTrace} and every printer refuse them), or none when {@code getStackTrace()} throws.
     */
    public static StackTraceElement[] stackTrace(Throwable t) {
        try {
            StackTraceElement[] trace = t.getStackTrace();
            return trace == null ? NO_FRAMES : withoutNulls(trace);
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            return NO_FRAMES;
        }
    }

    private static StackTraceElement[] withoutNulls(StackTraceElement[] trace) {
        for (StackTraceElement frame : trace) {
            if (frame == null) {
                return Arrays.stream(trace).filter(Objects::nonNull).toArray(StackTraceElement[]::new);
            }
        }
        return trace;
    }

    /** The throwable's message, or a placeholder when {@code getMessage()} throws. */
    public static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            return "[message unavailable: " + failure.getClass().getName() + "]";
        }
    }

    /** The throwable's cause, or none when an override of {@code getCause()} throws. */
    public static Throwable cause(Throwable t) {
        try {
            return t.getCause();
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            return null;
        }
    }

    /** How far {@link #innermost} follows a chain (one that loops without repeating an object is cut there). */
    private static final int MAX_CHAIN = 1_000;

    /** The innermost cause of a chain cut at a depth limit, and how many causes lie between. */
    public record ChainEnd(Throwable root, int omitted) {
    }

    /**
     * The innermost cause reached from {@code cause}, never one that {@code written} already holds (a
     * chain that loops back ends before it); null when {@code cause} itself is written already. In a
     * chain deeper than the depth limit (a Spring application's start-up failure, wrapped bean by bean)
     * it is the line that says what went wrong. {@code omitted} counts {@code cause} and every cause
     * after it up to the innermost, with those a redacted copy left out already.
     */
    public static ChainEnd innermost(Throwable cause, java.util.function.Predicate<Throwable> written) {
        if (written.test(cause)) {
            return null;
        }
        Throwable root = cause;
        int omitted = 0;
        for (int links = 0; links < MAX_CHAIN; links++) {
            Throwable next = cause(root);
            if (next == null || next == root || written.test(next)) {
                break;
            }
            omitted += 1 + causesOmitted(root);
            root = next;
        }
        return new ChainEnd(root, omitted);
    }

    /** The causes that redaction left out between {@code t}, a copy it made, and the copy's cause. */
    public static int causesOmitted(Throwable t) {
        return t instanceof io.fapilog.internal.event.ThrowableCopy copy ? copy.causesOmitted() : 0;
    }

    /** The frames of the original's stack trace that trimming left out after those of {@code t}, a copy it made. */
    public static int framesOmitted(Throwable t) {
        return t instanceof io.fapilog.internal.event.ThrowableCopy copy ? copy.framesOmitted() : 0;
    }

    /** What trimming knew of the trace it cut, if {@code t} is a copy it made (or a copy of one); else null. */
    static TrimmedTrace trimmedTrace(Throwable t) {
        return t instanceof io.fapilog.internal.event.ThrowableCopy copy ? copy.trimmed() : null;
    }

    /**
     * Spring Boot's hash of a stack trace: its cause's first, then the type name and each frame's
     * class, method and line, so that the same failure thrown from the same place has the same hash.
     * A trimmed copy's is its original's.
     */
    public static int traceHash(Throwable t) {
        return traceHash(t, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static int traceHash(Throwable t, Set<Throwable> seen) {
        TrimmedTrace trimmed = trimmedTrace(t);
        if (trimmed != null) {
            return trimmed.hash();
        }
        int causeHash = 0;
        Throwable cause = cause(t);
        if (cause != null && seen.add(cause)) {
            causeHash = traceHash(cause, seen);
        }
        return traceHash(causeHash, io.fapilog.internal.event.ThrowableCopy.typeName(t), stackTrace(t));
    }

    /** {@link #traceHash(Throwable)} from the hash of the cause ({@code 0}: none) and the throwable's own type and frames. */
    public static int traceHash(int causeHash, String typeName, StackTraceElement[] frames) {
        int hash = 31 * causeHash + typeName.hashCode();
        for (StackTraceElement frame : frames) {
            // Objects.hash(class, method, line) without its array and boxed line: trimming hashes every frame of a storm's errors
            int frameHash = 31 * (31 * (31 + Objects.hashCode(frame.getClassName())) + Objects.hashCode(frame.getMethodName()))
                    + frame.getLineNumber();
            hash = 31 * hash + frameHash;
        }
        return hash;
    }

    /** {@code [unserializable ClassName: ExceptionType]}. */
    static String unserializable(Object value, Throwable failure) {
        return "[unserializable " + value.getClass().getName() + ": " + failure.getClass().getName() + "]";
    }

    /** {@code String.valueOf(value)}, or a placeholder when {@code toString()} throws or returns null. */
    public static String safeToString(Object value) {
        try {
            String text = String.valueOf(value);
            return text == null ? "null" : text;
        } catch (Throwable failure) {
            rethrowIfFatal(failure);
            return unserializable(value, failure);
        }
    }
}
