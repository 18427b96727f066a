package io.fapilog.spi;

import io.fapilog.FapilogRuntime;
import io.fapilog.internal.FapilogThreads;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says once, as a warning through the runtime, that a bridge's appender receives its events on
 * another thread than the one that logged them: an asynchronous logger or appender is in front of
 * it (Logback's {@code AsyncAppender}, Log4j2's async loggers or {@code <Async>} appender). There the
 * caller's scoped context and the runtime's context providers (trace ids) cannot be read, so such
 * events carry only what the framework copied for them (the MDC). Fapilog queues events itself: an
 * asynchronous stage in front of it adds a second queue and loses those fields.
 */
public final class DeferredAppendNotice {

    private final AtomicBoolean told = new AtomicBoolean();
    private final String kind;
    private final String remedy;

    /**
     * @param kind what the warning calls the appender, e.g. "Logback appender"
     * @param remedy what the user should change, e.g. "attach it to the loggers directly"
     */
    public DeferredAppendNotice(String kind, String remedy) {
        this.kind = kind;
        this.remedy = remedy;
    }

    /**
     * Whether an event appended on another thread than the one that logged it ({@code deferred}) was
     * logged on one of fapilog's own threads, named {@code loggedOn}: such an event goes to the
     * framework's own appenders, not into the engine. Appended on fapilog's thread itself, an event
     * goes into the engine, which never makes that thread wait and drops what it logs while it writes
     * events logged there (a logging loop); behind an asynchronous appender neither can be told.
     */
    public static boolean deferredFromFapilogThread(boolean deferred, String loggedOn) {
        return deferred && FapilogThreads.isOwnName(loggedOn);
    }

    /**
     * Warns through {@code runtime}, the first time only, that an event logged on {@code loggedOn} was
     * appended here, by the appender named {@code name}, under the logger {@code source}.
     */
    public void tell(FapilogRuntime runtime, Class<?> source, String name, String loggedOn) {
        if (told.compareAndSet(false, true)) {
            runtime.getLogger(source.getName()).warn("Fapilog's " + kind + " '" + name + "' receives events on another thread than"
                    + " the one that logged them (logged on '" + loggedOn + "', appended on '"
                    + Thread.currentThread().getName() + "'): an asynchronous logger or appender is in front of it. The"
                    + " caller's scoped context and context providers' fields (trace ids) cannot be read there and are"
                    + " left out; only the MDC comes with the events. What it still holds when the application stops reaches"
                    + " fapilog after its drain, when a remote sink (Kafka, OTLP, http) takes nothing more and its events go to"
                    + " standard error. Fapilog queues events itself: " + remedy + ".");
        }
    }
}
