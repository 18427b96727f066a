package io.fapilog.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.spi.BridgedRuntimes;
import io.fapilog.spi.DeferredAppendNotice;
import io.fapilog.spi.LogBridge;
import io.fapilog.spi.RemoteThrowable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Logback appender that hands every event to a Fapilog runtime, so that the lines of Spring,
 * Netty, Hibernate or any SLF4J user go through the same pipeline (redaction, format, sinks) as
 * the application's own Fapilog events.
 *
 * <p>In a plain Logback application, name it in {@code logback.xml}; it writes to Fapilog's default
 * runtime (the preset from {@code <preset>}, else from the {@code fapilog.preset} system property or
 * {@code FAPILOG_PRESET}, else {@code production}), drained by Fapilog's JVM shutdown hook:
 *
 * <pre>{@code
 * <configuration>
 *   <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">...</appender>
 *   <appender name="FAPILOG" class="io.fapilog.logback.FapilogAppender">
 *     <preset>production</preset>
 *     <appender-ref ref="CONSOLE"/>   <!-- optional: where events go when no runtime runs -->
 *   </appender>
 *   <root level="INFO"><appender-ref ref="FAPILOG"/></root>
 * </configuration>
 * }</pre>
 *
 * <p>Each Logback event becomes one Fapilog event: its time, level (TRACE to ERROR), logger name,
 * formatted message, throwable and thread name; its MDC values go to {@code context}, followed by the
 * scoped context and the runtime's context providers (trace ids) read on the logging thread; its
 * SLF4J 2 key/value pairs go to {@code data} and its markers to {@code tags}. The runtime's level
 * thresholds apply on top of Logback's.
 *
 * <p>A runtime can also be {@linkplain #connect connected} explicitly (the Spring Boot starter does,
 * through {@link LogbackBridge}): events then go to the most recently connected runtime that is
 * still running, else to the newest connected one that was drained, which writes them synchronously
 * through its redaction and encoders; a runtime disconnected after its drain goes on taking the
 * events logged after it (see {@link LogbackBridge#disconnect}). Before the first connection and after
 * the last disconnection they go to the attached appenders, so no event is lost; so do the events that
 * an {@code AsyncAppender} in front hands on from Fapilog's own threads (a library used by a sink),
 * which the engine cannot tell from the application's there. Appended on Fapilog's own threads
 * themselves, events go into the engine, never waiting; what a sink logs while it writes events
 * logged there is dropped and counted as a logging loop.
 */
public class FapilogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements AppenderAttachable<ILoggingEvent> {

    /** The appender's name on the root logger when {@link LogbackBridge} installs it. */
    public static final String NAME = "FAPILOG";

    private final AppenderAttachableImpl<ILoggingEvent> fallback = new AppenderAttachableImpl<>();
    /** Console and file appenders the bridge took off loggers below the root, to give back at a disconnect. */
    private final Map<ch.qos.logback.classic.Logger, List<Appender<ILoggingEvent>>> replacedBelowRoot =
            new LinkedHashMap<>();
    private final BridgedRuntimes runtimes = new BridgedRuntimes();
    private volatile boolean useDefaultRuntime = true;
    /** Set by {@link #standAside()}: events go to the replaced appenders until the next {@link #connect}. */
    private volatile boolean standingAside;
    private Preset preset;
    /**
     * The thread of Logback's {@code AsyncAppender} (a class it does not export): events reach an
     * appender behind it there, not on the thread that logged them, which the event's own thread name
     * cannot tell (a remote event, received by a socket receiver, has one of another process).
     */
    private static final String ASYNC_APPENDER_WORKER = "ch.qos.logback.core.AsyncAppenderBase$Worker";
    private final DeferredAppendNotice deferredNotice = new DeferredAppendNotice("Logback appender",
            "attach FapilogAppender to the loggers directly, not behind an AsyncAppender");
    /** Set when a reset of Logback's context stops the appender, which it leaves taking events. */
    private volatile boolean heldThroughReset;

    public FapilogAppender() {
        setName(NAME);
    }

    /**
     * The preset of the shared runtime used while no runtime is connected and the application made
     * none the default ({@code logback.xml} property {@code <preset>}); unset, Fapilog's default runtime.
     */
    public void setPreset(String preset) {
        this.preset = preset == null || preset.isBlank() ? null : Preset.parse(preset);
    }

    /**
     * Whether events go to Fapilog's default runtime while no runtime is connected (true unless
     * the appender was installed for connected runtimes only, as {@link LogbackBridge} does).
     */
    public void setUseDefaultRuntime(boolean useDefaultRuntime) {
        this.useDefaultRuntime = useDefaultRuntime;
    }

    /** Set on the bridge's own appender: one a configuration declares is replaced by it, as a console is. */
    private volatile boolean bridges;

    void bridges() {
        bridges = true;
    }

    /** Whether {@link LogbackBridge} installed this appender (not the application's configuration). */
    boolean isBridges() {
        return bridges;
    }

    /** Makes {@code runtime} the one events go to. */
    public synchronized void connect(FapilogRuntime runtime) {
        standingAside = false;
        runtimes.connect(runtime);
    }

    /**
     * Sends events to the appenders the bridge replaced, as if no runtime were connected, until a
     * runtime is connected again; does nothing without such appenders, which would lose the events.
     */
    synchronized void standAside() {
        standingAside = fallback.iteratorForAppenders().hasNext();
    }

    /**
     * Stops sending events to {@code runtime}; the previously connected runtime takes over.
     *
     * @return whether no runtime is connected any more
     */
    public boolean disconnect(FapilogRuntime runtime) {
        return runtimes.disconnect(runtime);
    }

    /** The runtimes events go to: connected ones, and the drained one kept for late events. */
    BridgedRuntimes runtimes() {
        return runtimes;
    }

    public boolean isConnected(FapilogRuntime runtime) {
        return runtimes.isConnected(runtime);
    }

    /**
     * The runtime events go to now: the newest connected one that runs, else the newest connected
     * one even if drained (it writes late events synchronously, redacted, as JSON: a
     * {@code @PreDestroy} logging after the drain), else the drained runtime kept for late events,
     * else the default runtime, or {@code null}.
     */
    FapilogRuntime target() {
        if (standingAside) {
            return null;
        }
        FapilogRuntime bridged = runtimes.target();
        if (bridged != null) {
            return bridged;
        }
        if (!useDefaultRuntime) {
            return null;
        }
        if (preset == null) {
            return Fapilog.defaultRuntime();
        }
        FapilogRuntime application = Fapilog.applicationRuntime(); // its levels, sinks and redaction, not the preset's
        return application != null ? application : Fapilog.sharedRuntime(preset);
    }

    @Override
    protected void append(ILoggingEvent event) {
        boolean deferred = Thread.currentThread().getClass().getName().equals(ASYNC_APPENDER_WORKER);
        String loggedOn = deferred ? event.getThreadName() : null;
        FapilogRuntime runtime = DeferredAppendNotice.deferredFromFapilogThread(deferred, loggedOn) ? null : target();
        LogBridge bridge = runtime != null ? runtime.bridge().stacksReadAtTheCall() : null; // Logback's event read them
        Level level = level(event.getLevel());
        if (bridge == null) {
            fallback.appendLoopOnAppenders(event);
        } else if (bridge.isEnabled(event.getLoggerName(), level)) {
            if (deferred) {
                deferredNotice.tell(runtime, FapilogAppender.class, getName(), loggedOn);
            }
            Object[] arguments = event.getArgumentArray();
            if (LogBridge.formatsOnWorker(arguments)) {
                bridge.submitUnformatted(event.getTimeStamp(), level, event.getLoggerName(), event.getMessage(), arguments,
                        throwable(event.getThrowableProxy()), event.getThreadName(), LogBridge.contextPairs(event.getMDCPropertyMap()),
                        data(event), tags(event.getMarkerList()));
            } else {
                bridge.submit(event.getTimeStamp(), level, event.getLoggerName(), event.getFormattedMessage(),
                        throwable(event.getThrowableProxy()), event.getThreadName(), LogBridge.contextPairs(event.getMDCPropertyMap()),
                        data(event), tags(event.getMarkerList()));
            }
        }
    }

    /** Says so when, with no default runtime to use, only the attached appenders could take events, and none is. */
    @Override
    public void start() {
        if (!useDefaultRuntime && !fallback.iteratorForAppenders().hasNext() && runtimes.isEmpty()) {
            addWarn("FapilogAppender '" + getName() + "' has useDefaultRuntime=false and no appender-ref: "
                    + "until a runtime is connected (FapilogAppender.connect), its events go nowhere");
        }
        super.start();
    }

    /**
     * Stops the appenders this one still holds (after a Logback reset, nobody else will). Stopped by
     * a reset of Logback's context, it goes on taking events, which the reset would lose: those in
     * flight as it was detached, and those {@link ResetBridge} hands it until the bridge is back. It
     * is never attached again (the bridge installs a new one), so it stays started for good.
     */
    @Override
    public void stop() {
        if (!heldThroughReset && getContext() instanceof LoggerContext context && ResetBridge.resetting()) {
            heldThroughReset = true;
            ResetBridge.bringIn(context, this);
        }
        if (!heldThroughReset) {
            super.stop();
        }
        for (Appender<ILoggingEvent> appender : releaseFallback()) {
            appender.stop();
        }
        releaseReplacedBelowRoot().values().forEach(replaced -> replaced.forEach(Appender::stop));
    }

    /** Records that {@code replaced} were taken off {@code logger} (below the root) in favour of this appender. */
    synchronized void replacedOn(ch.qos.logback.classic.Logger logger, List<Appender<ILoggingEvent>> replaced) {
        replacedBelowRoot.put(logger, List.copyOf(replaced));
    }

    /** The appenders taken off loggers below the root, by logger, handed back to the caller. */
    synchronized Map<ch.qos.logback.classic.Logger, List<Appender<ILoggingEvent>>> releaseReplacedBelowRoot() {
        Map<ch.qos.logback.classic.Logger, List<Appender<ILoggingEvent>>> released = new LinkedHashMap<>(replacedBelowRoot);
        replacedBelowRoot.clear();
        return released;
    }

    /** The attached appenders, detached and handed to the caller. */
    List<Appender<ILoggingEvent>> releaseFallback() {
        List<Appender<ILoggingEvent>> released = new ArrayList<>();
        fallback.iteratorForAppenders().forEachRemaining(released::add);
        released.forEach(fallback::detachAppender);
        return released;
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

    private static Throwable throwable(IThrowableProxy proxy) {
        if (proxy == null) {
            return null;
        }
        return proxy instanceof ThrowableProxy live ? live.getThrowable() : remote(proxy, 0);
    }

    /** Causes and suppressed throwables of a proxy kept, as deep as the encoders print them. */
    private static final int MAX_PROXY_DEPTH = 64;

    /**
     * A proxy without its throwable (a {@code LoggingEventVO} from Logback's socket receivers):
     * its type name, message, frames, causes and suppressed throwables.
     */
    private static Throwable remote(IThrowableProxy proxy, int depth) {
        IThrowableProxy causeProxy = proxy.getCause();
        Throwable cause = causeProxy == null || proxy.isCyclic() || depth == MAX_PROXY_DEPTH ? null : remote(causeProxy, depth + 1);
        StackTraceElementProxy[] proxies = proxy.getStackTraceElementProxyArray();
        StackTraceElement[] frames = new StackTraceElement[proxies == null ? 0 : proxies.length];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = proxies[i].getStackTraceElement();
        }
        RemoteThrowable remote = new RemoteThrowable(proxy.getClassName(), proxy.getMessage(), frames, cause);
        IThrowableProxy[] suppressed = proxy.getSuppressed();
        if (suppressed != null && depth < MAX_PROXY_DEPTH) {
            for (IThrowableProxy one : suppressed) {
                if (one != null) {
                    remote.addSuppressed(remote(one, depth + 1));
                }
            }
        }
        return remote;
    }

    /** Spring's commons-logging bridge marks every event it forwards; that is plumbing, not a tag. */
    private static final String COMMONS_LOGGING_MARKER = "COMMONS-LOGGING";

    /** SLF4J markers as tags: each marker's name, then the names it references. */
    private static List<String> tags(List<Marker> markers) {
        if (markers == null || markers.isEmpty()) {
            return List.of();
        }
        List<String> tags = new ArrayList<>(markers.size());
        for (Marker marker : markers) {
            if (!COMMONS_LOGGING_MARKER.equals(marker.getName())) {
                MarkerTree.forEach(marker, each -> {
                    if (!tags.contains(each.getName()) && !(LOGSTASH_PRESENT && LogstashFields.isFieldMarker(each))) {
                        tags.add(each.getName());
                    }
                });
            }
        }
        return tags;
    }

    /** logstash-logback-encoder's structured arguments and markers are fields when it is on the class path. */
    private static final boolean LOGSTASH_PRESENT = isPresent("net.logstash.logback.argument.StructuredArgument");

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, FapilogAppender.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The event's key/value pairs, then the fields of its logstash structured arguments and markers. */
    private static Object[] data(ILoggingEvent event) {
        Object[] keyValues = data(event.getKeyValuePairs());
        return LOGSTASH_PRESENT ? LogstashFields.withFields(keyValues, event.getArgumentArray(), event.getMarkerList())
                : keyValues;
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

    // ---- AppenderAttachable: the appenders that take events no runtime can ----

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        fallback.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return fallback.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return fallback.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return fallback.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        fallback.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return fallback.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return fallback.detachAppender(name);
    }
}
