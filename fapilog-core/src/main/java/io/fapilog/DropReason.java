package io.fapilog;

import java.util.Locale;

/** Why an event was dropped; the {@code reason} tag of {@code fapilog.events.dropped}. */
public enum DropReason {
    /** The queue was full under the {@code drop} policy, or the queue and its waiting line were full for a caller that does not block. */
    QUEUE_FULL,
    /** The event waited {@code queue.wait-timeout} and no room came free for it in that time. */
    WAIT_TIMEOUT,
    /** The engine was stopped. */
    STOPPED,
    /** A redactor failed and the engine is configured to fail closed. */
    REDACTION_FAILED,
    /**
     * Processing the event threw on the worker (a value whose {@code toString()} throws an
     * {@code Error}, an {@code OutOfMemoryError} while encoding one huge value); that event was
     * skipped and the worker went on.
     */
    EVENT_FAILED,
    /**
     * Logged on a worker while it handled an event that had itself been logged there (a filter,
     * enricher or redactor of the application's, or a value's getter, that logs at every event it
     * handles): each such event would make the next, forever, and keep the queue full of them. The
     * first of such a chain is written.
     */
    LOGGING_LOOP,
    /** An unexpected error inside the engine; logging never throws into the caller. */
    INTERNAL_ERROR;

    /** The tag value: lower case with underscores. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
