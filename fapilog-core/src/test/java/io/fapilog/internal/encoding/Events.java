package io.fapilog.internal.encoding;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import java.time.Instant;

/** Test events. */
final class Events {

    static final String TIMESTAMP = "2026-11-23T20:17:04.488Z";
    static final long MILLIS = Instant.parse(TIMESTAMP).toEpochMilli();

    private Events() {
    }

    /** An event with the given data arguments and no context, diagnostics or throwable. */
    static LogEvent data(Object... arguments) {
        return new LogEvent(MILLIS, Level.INFO, "api", "msg", null, "main", null, arguments);
    }

    static LogEvent failed(Throwable throwable, Object... arguments) {
        return new LogEvent(MILLIS, Level.ERROR, "billing", "Charge failed", throwable, "worker-1", null, arguments);
    }

    /** The SPEC section 5 example: context, runtime diagnostics and one data field. */
    static LogEvent full() {
        LogEvent event = new LogEvent(MILLIS, Level.INFO, "api", "Fetching user", null, "reactor-http-epoll-2",
                new Object[] {"request_id", "7f3c"}, new Object[] {"user_id", 123});
        event.context().put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").put("span_id", "00f067aa0ba902b7");
        event.diagnostics().put("service", "orders").put("env", "prod").put("version", "1.4.2")
                .put("host", "web-1").put("pid", 4242).put("thread", "reactor-http-epoll-2");
        return event;
    }
}
