package io.fapilog.spi;

import io.fapilog.Level;

/**
 * A read-only view of one log event, handed to {@link Filter}s and {@link Encoder}s (and, as a
 * {@link MutableLogEvent}, to enrichers and redactors). A view is valid only during the call it was
 * handed to: the engine reuses the objects behind it (the worker's field sets) for later events, so
 * keep the values you need, never the view.
 */
public interface LogEventView {

    /** When the call was made, in milliseconds since the epoch. */
    long timestampMillis();

    /**
     * When the call was made, in microseconds since the epoch: exact to the microsecond when the
     * runtime reads the clock that way ({@code fapilog.timestamp-precision=micros}), else
     * {@code timestampMillis() * 1000}.
     */
    default long timestampMicros() {
        return timestampMillis() * 1000;
    }

    Level level();

    String loggerName();

    String message();

    /** The exception logged with the event, or null. */
    Throwable throwable();

    /**
     * The class name of {@link #throwable()} as the built-in encoders write it, or null: a copy made
     * by redaction (to mask its message) keeps the name of the exception it copies.
     */
    default String throwableType() {
        Throwable throwable = throwable();
        return throwable == null ? null : io.fapilog.internal.event.ThrowableCopy.typeName(throwable);
    }

    /** The name of the thread that made the call. */
    String threadName();

    /** Bound and scoped context: request id, trace ids, fields from {@code bind}. */
    FieldsView context();

    /** Facts about the process and the call: service, host, pid, thread, exception. */
    FieldsView diagnostics();

    /** The call's own key/value arguments. */
    FieldsView data();

    /** Labels of the event (SLF4J markers, {@code LogBuilder.tag}); empty when it has none. */
    default java.util.List<String> tags() {
        return java.util.List.of();
    }
}
