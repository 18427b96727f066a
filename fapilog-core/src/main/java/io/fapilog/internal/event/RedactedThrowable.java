package io.fapilog.internal.event;

import io.fapilog.internal.encoding.Failures;
import io.fapilog.spi.RemoteThrowable;

/**
 * A masked copy of a throwable, written in its place: it keeps the original's type name and stack
 * trace, and carries the masked message and masked copies of the cause and suppressed throwables.
 * Encoders write {@link #typeName()} where they would write the class name, so the output reads as
 * the original exception with its secrets masked.
 */
public final class RedactedThrowable extends RemoteThrowable {

    private static final long serialVersionUID = 1L;

    /** Causes of the original left out between it and the cause of this copy (a chain past redaction's depth limit). */
    private int causesOmitted;

    /**
     * @param original the throwable copied: its type name and stack trace are kept
     * @param message the masked message (may be null)
     * @param cause the masked cause (may be null)
     * @param suppressed the masked suppressed throwables
     */
    public RedactedThrowable(Throwable original, String message, Throwable cause, Throwable[] suppressed) {
        super(typeName(original), message, Failures.stackTrace(original), cause);
        addAllSuppressed(suppressed);
    }

    private RedactedThrowable(Throwable original, String message) {
        super(typeName(original), message, Failures.stackTrace(original));
    }

    /**
     * A copy whose cause and suppressed throwables are set later ({@link #complete}): one that a
     * throwable of its own cause chain refers back to, so the copies loop as the originals do.
     */
    public static RedactedThrowable pending(Throwable original, String message) {
        return new RedactedThrowable(original, message);
    }

    /** Sets the cause and suppressed throwables of a {@link #pending} copy, once. */
    public void complete(Throwable cause, Throwable[] suppressed) {
        if (cause != null && cause != this) {
            initCause(cause);
        }
        addAllSuppressed(suppressed);
    }

    /** Notes that the copy's cause is the chain's innermost one, {@code count} causes of the original further on. */
    public RedactedThrowable causesOmitted(int count) {
        this.causesOmitted = count;
        return this;
    }

    /** Causes of the original left out between it and this copy's cause; 0 for a whole chain. */
    public int causesOmitted() {
        return causesOmitted;
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
