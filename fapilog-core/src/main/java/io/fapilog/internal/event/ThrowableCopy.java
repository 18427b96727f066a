package io.fapilog.internal.event;

import io.fapilog.internal.encoding.Failures;
import io.fapilog.spi.RemoteThrowable;

/**
 * A copy of a throwable, written in its place: redaction's, with the message masked, or trimming's,
 * with the stack cut ({@link ThrowableFootprint#trimmed}). It keeps the original's type name and
 * stack trace (or its first frames, knowing how many it left out), and carries copies of the cause
 * and suppressed throwables. Encoders write {@link #typeName()} where they would write the class
 * name, so the output reads as the original exception.
 */
public final class ThrowableCopy extends RemoteThrowable {

    private static final long serialVersionUID = 1L;

    /** Causes of the original left out between it and the cause of this copy (a chain past redaction's depth limit). */
    private int causesOmitted;
    /** What a trimmed copy knows of the trace it cut; null for a copy that kept the whole trace. */
    private final TrimmedTrace trimmed;

    /**
     * @param original the throwable copied: its type name and stack trace are kept
     * @param message the masked message (may be null)
     * @param cause the masked cause (may be null)
     * @param suppressed the masked suppressed throwables
     */
    public ThrowableCopy(Throwable original, String message, Throwable cause, Throwable[] suppressed) {
        super(typeName(original), message, Failures.stackTrace(original), cause);
        this.trimmed = trimmedOf(original);
        this.causesOmitted = Failures.causesOmitted(original);
        addAllSuppressed(suppressed);
    }

    private ThrowableCopy(Throwable original, String message) {
        super(typeName(original), message, Failures.stackTrace(original));
        this.trimmed = trimmedOf(original);
        this.causesOmitted = Failures.causesOmitted(original);
    }

    /** A trimmed copy: {@code frames}, the first of the original's, and what {@code trimmed} says of the rest. */
    ThrowableCopy(String typeName, String message, StackTraceElement[] frames, TrimmedTrace trimmed, Throwable cause,
                  Throwable[] suppressed) {
        super(typeName, message, frames, cause);
        this.trimmed = trimmed;
        addAllSuppressed(suppressed);
    }

    private static TrimmedTrace trimmedOf(Throwable original) {
        return original instanceof ThrowableCopy copy ? copy.trimmed : null;
    }

    /**
     * A copy whose cause and suppressed throwables are set later ({@link #complete}): one that a
     * throwable of its own cause chain refers back to, so the copies loop as the originals do.
     */
    public static ThrowableCopy pending(Throwable original, String message) {
        return new ThrowableCopy(original, message);
    }

    /** Sets the cause and suppressed throwables of a {@link #pending} copy, once. */
    public void complete(Throwable cause, Throwable[] suppressed) {
        if (cause != null && cause != this) {
            initCause(cause);
        }
        addAllSuppressed(suppressed);
    }

    /** Notes that the copy's cause is the chain's innermost one, {@code count} causes of the original further on. */
    public ThrowableCopy causesOmitted(int count) {
        this.causesOmitted = count;
        return this;
    }

    /** Causes of the original left out between it and this copy's cause; 0 for a whole chain. */
    public int causesOmitted() {
        return causesOmitted;
    }

    /** Frames of the original's stack trace left out after this copy's; 0 for a whole trace. */
    public int framesOmitted() {
        return trimmed == null ? 0 : trimmed.framesOmitted();
    }

    /** What a trimmed copy knows of the trace it cut (a copy of one too); null for a whole trace. */
    public TrimmedTrace trimmed() {
        return trimmed;
    }

    private void addAllSuppressed(Throwable[] suppressed) {
        for (Throwable s : suppressed) {
            if (s != null && s != this) {
                addSuppressed(s);
            }
        }
    }

    /** The class name to write for {@code t}: the original's for a redacted copy or a {@link RemoteThrowable}. */
    public static String typeName(Throwable t) {
        return t instanceof RemoteThrowable remote ? remote.typeName() : t.getClass().getName();
    }
}
