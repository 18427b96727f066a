package io.fapilog.spring.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.fapilog.ExecutionMode;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.internal.engine.ReactorSupport;
import io.fapilog.internal.event.LogEvent;
import org.slf4j.event.KeyValuePair;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Logback appender that hands every event to a Fapilog engine, so that Spring's, Netty's or
 * Hibernate's log lines go through the same pipeline and sinks as the application's own events.
 *
 * <p>Each Logback event becomes one Fapilog event: its time, level (TRACE to ERROR), logger name,
 * formatted message, throwable and thread name; its MDC values go to {@code context} and its SLF4J 2
 * key/value pairs to {@code data}. The Fapilog level thresholds apply on top of Logback's.
 *
 * <p>Events go to the most recently connected runtime that is still running, else to the most
 * recently connected one that was drained: it writes them synchronously through its redaction and
 * encoder (a {@code @PreDestroy} logging after the drain). Before the first connection, after the
 * last disconnection, and for events logged on Fapilog's own threads (a library used by a sink that
 * logs, which must not feed back into the engine), they go to the appenders the bridge replaced,
 * usually the console appender, so no event is lost. Fapilog reports its own failures on standard error, never through SLF4J.
 *
 * <p>Installed on the root logger by {@link LogbackBridge}; not meant for {@code logback.xml}.
 */
public class FapilogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The appender's name on the root logger. */
    public static final String NAME = "FAPILOG";

    private static final String FAPILOG_THREAD_PREFIX = "fapilog-";
    private static final FapilogRuntime[] NONE = new FapilogRuntime[0];

    private final CopyOnWriteArrayList<Appender<ILoggingEvent>> replaced;
    private volatile FapilogRuntime[] runtimes = NONE; // newest last

    /**
     * @param replaced the appenders this one replaces, which take the events no runtime can
     */
    public FapilogAppender(List<Appender<ILoggingEvent>> replaced) {
        this.replaced = new CopyOnWriteArrayList<>(replaced);
        setName(NAME);
    }

    /** Makes {@code runtime} the one events go to. */
    synchronized void connect(FapilogRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        disconnect(runtime);
        FapilogRuntime[] next = Arrays.copyOf(runtimes, runtimes.length + 1);
        next[next.length - 1] = runtime;
        runtimes = next;
    }

    /**
     * Stops sending events to {@code runtime}; the previously connected runtime takes over.
     *
     * @return whether no runtime is connected any more
     */
    synchronized boolean disconnect(FapilogRuntime runtime) {
        runtimes = Arrays.stream(runtimes).filter(r -> r != runtime).toArray(FapilogRuntime[]::new);
        return runtimes.length == 0;
    }

    synchronized boolean isConnected(FapilogRuntime runtime) {
        return Arrays.asList(runtimes).contains(runtime);
    }

    /** The replaced appenders, handed back to the caller (who re-attaches them); this appender keeps none. */
    List<Appender<ILoggingEvent>> releaseReplaced() {
        List<Appender<ILoggingEvent>> released = List.copyOf(replaced);
        replaced.clear();
        return released;
    }

    /**
     * The runtime events go to now: the newest running one, else the newest connected one even if
     * drained (it writes late events synchronously, redacted, as JSON), or {@code null}.
     */
    FapilogRuntime target() {
        FapilogRuntime[] current = runtimes;
        for (int i = current.length - 1; i >= 0; i--) {
            if (!current[i].isStopped()) {
                return current[i];
            }
        }
        return current.length > 0 ? current[current.length - 1] : null;
    }

    @Override
    protected void append(ILoggingEvent event) {
        FapilogRuntime runtime = target();
        if (runtime == null || Thread.currentThread().getName().startsWith(FAPILOG_THREAD_PREFIX)) {
            for (Appender<ILoggingEvent> appender : replaced) {
                appender.doAppend(event);
            }
            return;
        }
        Level level = level(event.getLevel());
        if (runtime.levels().gate(event.getLoggerName()).isEnabled(level)) {
            runtime.engine().submit(toLogEvent(event, level), mode(runtime));
        }
    }

    /** Stops the replaced appenders this one still holds (after a Logback reset, nobody else will). */
    @Override
    public void stop() {
        super.stop();
        for (Appender<ILoggingEvent> appender : releaseReplaced()) {
            appender.stop();
        }
    }

    static LogEvent toLogEvent(ILoggingEvent event, Level level) {
        return new LogEvent(event.getTimeStamp(), level, event.getLoggerName(), event.getFormattedMessage(),
                throwable(event.getThrowableProxy()), event.getThreadName(), context(event.getMDCPropertyMap()),
                data(event.getKeyValuePairs()));
    }

    static Level level(ch.qos.logback.classic.Level level) {
        return switch (level.toInt()) {
            case ch.qos.logback.classic.Level.ERROR_INT -> Level.ERROR;
            case ch.qos.logback.classic.Level.WARN_INT -> Level.WARN;
            case ch.qos.logback.classic.Level.INFO_INT -> Level.INFO;
            case ch.qos.logback.classic.Level.DEBUG_INT -> Level.DEBUG;
            default -> Level.TRACE;
        };
    }

    private static ExecutionMode mode(FapilogRuntime runtime) {
        return switch (runtime.config().mode()) {
            case THREAD -> ExecutionMode.THREAD;
            case ASYNC, BOUND_LOOP -> ExecutionMode.BOUND_LOOP;
            case AUTO -> ReactorSupport.isInNonBlockingThread() ? ExecutionMode.BOUND_LOOP : ExecutionMode.THREAD;
        };
    }

    private static Throwable throwable(IThrowableProxy proxy) {
        return proxy instanceof ThrowableProxy throwableProxy ? throwableProxy.getThrowable() : null;
    }

    /** MDC values as a bound context: alternating keys and values. */
    private static Object[] context(Map<String, String> mdc) {
        if (mdc == null || mdc.isEmpty()) {
            return null;
        }
        Object[] pairs = new Object[mdc.size() * 2];
        int size = 0;
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            if (entry.getKey() != null) {
                pairs[size++] = entry.getKey();
                pairs[size++] = entry.getValue();
            }
        }
        return size == pairs.length ? pairs : Arrays.copyOf(pairs, size);
    }

    private static Object[] data(List<KeyValuePair> keyValues) {
        if (keyValues == null || keyValues.isEmpty()) {
            return null;
        }
        Object[] arguments = new Object[keyValues.size() * 2];
        int i = 0;
        for (KeyValuePair pair : keyValues) {
            arguments[i++] = pair.key;
            arguments[i++] = pair.value;
        }
        return arguments;
    }
}
