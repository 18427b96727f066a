package io.fapilog.internal.pipeline.redactors;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;

/** Events for redaction tests. */
final class Events {

    private Events() {
    }

    /** An event with the given data key/values and no bound context. */
    static LogEvent withData(Object... data) {
        return withMessage("message", data);
    }

    static LogEvent withMessage(String message, Object... data) {
        return new LogEvent(0, Level.INFO, "test", message, null, "main", null, data);
    }

    /** An event with the given bound context (shared with the logger, never to be modified). */
    static LogEvent withContext(Object[] boundContext, Object... data) {
        return new LogEvent(0, Level.INFO, "test", "message", null, "main", boundContext, data);
    }
}
