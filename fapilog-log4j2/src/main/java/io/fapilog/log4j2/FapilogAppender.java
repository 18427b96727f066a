package io.fapilog.log4j2;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.Level;
import io.fapilog.spi.BridgedRuntimes;
import io.fapilog.spi.DeferredAppendNotice;
import io.fapilog.spi.LogBridge;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Log4j2 appender that hands every event to a Fapilog runtime, so that the lines of Spring or any
 * Log4j2 (or SLF4J on Log4j2) user go through the same pipeline (redaction, format, sinks) as the
 * application's own Fapilog events. Installed on the root logger by {@link Log4j2Bridge}.
 *
 * <p>Each Log4j2 event becomes one Fapilog event: its time, level ({@code FATAL} is
 * {@code CRITICAL}, {@code OFF}, {@code EventLogger}'s, {@code AUDIT}), logger name, formatted message, throwable and thread name; its context data
 * (the MDC / ThreadContext) goes to {@code context}. Log4j2's levels decided already which events
 * reach the appender, so fapilog's level gate is not consulted again: one gate per event. Events go to the most recently connected
 * runtime that is still running; with none, they go to the appenders this one replaced, so no event is
 * lost, and so do the events an async logger in front hands on from Fapilog's own threads (a library
 * used by a sink), which the engine cannot tell from the application's there. Appended on Fapilog's own
 * threads themselves, events go into the engine, never waiting; what a sink logs while it writes
 * events logged there is dropped and counted as a logging loop.
 *
 * <p>Without Spring, declare it in {@code log4j2.xml} as the element {@code <Fapilog name="FAPILOG"/>}
 * (optionally {@code preset="production"}): it writes to the runtime the application made the default
 * ({@code Fapilog.setDefaultRuntime}), else to the shared runtime of its preset, else to Fapilog's
 * default runtime, drained by Fapilog's JVM shutdown hook.
 */
@Plugin(name = "Fapilog", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class FapilogAppender extends AbstractAppender {

    /** The appender's name in the Log4j2 configuration. */
    public static final String NAME = "FAPILOG";

    private final List<Appender> fallback;
    private final DeferredAppendNotice deferredNotice = new DeferredAppendNotice("Log4j2 appender",
            "log through synchronous loggers (no AsyncLoggerContextSelector; Root and Logger, not AsyncRoot and AsyncLogger)");
    private final BridgedRuntimes runtimes = new BridgedRuntimes();
    /** Set by {@link #standAside()}: events go to the replaced appenders until the next {@link #connect}. */
    private volatile boolean standingAside;

    /** Declared in the configuration (not installed by the bridge): writes to a default runtime while none is connected. */
    private final boolean declared;
    /** A declared appender's preset, for when the application made no runtime the default; null for Fapilog's default. */
    private final Preset preset;

    FapilogAppender(String name, List<Appender> fallback) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
        this.fallback = List.copyOf(fallback);
        this.declared = false;
        this.preset = null;
    }

    private FapilogAppender(String name, Preset preset) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
        // the events no runtime can take (handed on by an async logger from fapilog's own threads): standard error, as plain lines
        this.fallback = List.of(startedStandardError(name));
        this.declared = true;
        this.preset = preset;
    }

    private static Appender startedStandardError(String name) {
        Appender console = org.apache.logging.log4j.core.appender.ConsoleAppender.newBuilder()
                .setName(name + "-fallback").setTarget(org.apache.logging.log4j.core.appender.ConsoleAppender.Target.SYSTEM_ERR)
                .setLayout(org.apache.logging.log4j.core.layout.PatternLayout.createDefaultLayout()).build();
        console.start();
        return console;
    }

    /** Whether the configuration declared it ({@code <Fapilog>}), rather than the bridge installed it. */
    boolean isDeclared() {
        return declared;
    }

    /**
     * The appender of a {@code <Fapilog name=".." preset=".."/>} element.
     *
     * @throws io.fapilog.config.InvalidSettingException naming {@code fapilog.preset} for a preset that is not one
     */
    @PluginFactory
    public static FapilogAppender createAppender(@PluginAttribute("name") String name, @PluginAttribute("preset") String preset) {
        return new FapilogAppender(name == null || name.isBlank() ? NAME : name,
                preset == null || preset.isBlank() ? null : Preset.parse(preset.trim()));
    }

    synchronized void connect(FapilogRuntime runtime) {
        standingAside = false;
        runtimes.connect(runtime);
    }

    /**
     * Sends events to the appenders the bridge replaced, as if no runtime were connected, until a
     * runtime is connected again; a declared appender has none (its fallback is for what async loggers hand on from fapilog's own threads).
     */
    synchronized void standAside() {
        standingAside = !declared && !fallback.isEmpty();
    }

    /** The runtimes events go to: connected ones, and the drained one kept for late events. */
    BridgedRuntimes runtimes() {
        return runtimes;
    }

    /** The configuration this appender was installed in; null until then. */
    private volatile org.apache.logging.log4j.core.config.Configuration configuration;

    void installedIn(org.apache.logging.log4j.core.config.Configuration configuration) {
        this.configuration = configuration;
    }

    org.apache.logging.log4j.core.config.Configuration configuration() {
        return configuration;
    }

    /** The appenders this one replaced, which take the events no runtime can. */
    List<Appender> fallback() {
        return fallback;
    }

    /** An appender taken off a logger, with its reference's level and filter, to give back as it was. */
    record Replaced(Appender appender, org.apache.logging.log4j.Level level, org.apache.logging.log4j.core.Filter filter) {
    }

    /** Console and file appenders the bridge took off loggers below the root, to give back at a disconnect. */
    private final Map<LoggerConfig, List<Replaced>> replacedBelowRoot = new LinkedHashMap<>();

    synchronized void replacedOn(LoggerConfig logger, List<Replaced> replaced) {
        replacedBelowRoot.put(logger, List.copyOf(replaced));
    }

    /** The appenders taken off loggers below the root, by logger, handed back to the caller. */
    synchronized Map<LoggerConfig, List<Replaced>> releaseReplacedBelowRoot() {
        Map<LoggerConfig, List<Replaced>> released = new LinkedHashMap<>(replacedBelowRoot);
        replacedBelowRoot.clear();
        return released;
    }

    FapilogRuntime target() {
        if (standingAside) {
            return null;
        }
        FapilogRuntime bridged = runtimes.target(); // a drained one writes late events synchronously, redacted, as JSON
        if (bridged != null || !declared) {
            return bridged;
        }
        FapilogRuntime application = Fapilog.applicationRuntime();
        return application != null ? application : preset != null ? Fapilog.sharedRuntime(preset) : Fapilog.defaultRuntime();
    }

    /** Spring's commons-logging bridge marks every event it forwards; that is plumbing, not a tag. */
    private static final String COMMONS_LOGGING_MARKER = "COMMONS-LOGGING";

    /**
     * The marker and its parents, then the ThreadContext stack (NDC) from the bottom, as Log4j2's
     * JSON template layouts print it (ECS {@code tags}); at most 32.
     */
    private static java.util.List<String> tags(org.apache.logging.log4j.Marker marker,
                                               org.apache.logging.log4j.ThreadContext.ContextStack stack) {
        boolean noStack = stack == null || stack.getDepth() == 0;
        if (marker == null && noStack) {
            return java.util.List.of();
        }
        java.util.List<String> tags = new java.util.ArrayList<>();
        java.util.ArrayDeque<org.apache.logging.log4j.Marker> pending = new java.util.ArrayDeque<>();
        if (marker != null && !COMMONS_LOGGING_MARKER.equals(marker.getName())) {
            pending.add(marker);
        }
        while (!pending.isEmpty() && tags.size() < 32) {
            org.apache.logging.log4j.Marker next = pending.poll();
            if (!tags.contains(next.getName())) {
                tags.add(next.getName());
                if (next.getParents() != null) {
                    pending.addAll(java.util.Arrays.asList(next.getParents()));
                }
            }
        }
        if (!noStack) {
            for (String entry : stack.asList()) {
                if (tags.size() < 32 && entry != null && !tags.contains(entry)) {
                    tags.add(entry);
                }
            }
        }
        return tags;
    }

    @Override
    public void append(LogEvent event) {
        boolean deferred = event.getThreadId() != Thread.currentThread().getId(); // an async logger in front
        FapilogRuntime runtime = DeferredAppendNotice.deferredFromFapilogThread(deferred, event.getThreadName()) ? null : target();
        LogBridge bridge = runtime != null ? runtime.bridge() : null;
        Level level = level(event.getLevel());
        if (bridge == null) {
            fallback(event);
        } else {
            if (deferred) {
                deferredNotice.tell(runtime, FapilogAppender.class, getName(), event.getThreadName());
            }
            Message message = event.getMessage();
            // A MapMessage's entries (StringMapMessage, StructuredDataMessage) are fields, as in Log4j2's JSON layouts.
            Object[] data = message instanceof MapMessage<?, ?> map ? context(map.getIndexedReadOnlyStringMap()) : null;
            Object[] context = LogBridge.mdcContext(context(event.getContextData()));
            List<String> tags = tags(event.getMarker(), event.getContextStack());
            String thread = threadName(event, deferred);
            if (isParameterized(message) && LogBridge.formatsOnWorker(message.getParameters())) {
                bridge.submitUnformatted(event.getTimeMillis(), level, event.getLoggerName(), message.getFormat(),
                        message.getParameters(), event.getThrown(), thread, context, data, tags);
            } else {
                bridge.submit(event.getTimeMillis(), level, event.getLoggerName(),
                        message == null ? null : message.getFormattedMessage(), event.getThrown(),
                        thread, context, data, tags);
            }
        }
    }

    /**
     * The event's thread name; for an unnamed thread (Log4j2 records a virtual thread's empty name) the
     * name fapilog's own loggers give it, {@code virtual-<id>} or {@code unnamed-<id>}, as Logback's
     * events carry it too. Behind an async logger, where the thread is gone, {@code unnamed-<id>}.
     */
    private static String threadName(LogEvent event, boolean deferred) {
        String name = event.getThreadName();
        if (name != null && !name.isEmpty()) {
            return name;
        }
        return deferred ? "unnamed-" + event.getThreadId() : LogBridge.currentThreadName();
    }

    /**
     * A message whose format has {@code {}} placeholders, as SLF4J's: a {@code ParameterizedMessage},
     * or a reusable one (Log4j2's default factory), which a {@code MutableLogEvent} holds as itself.
     */
    private static boolean isParameterized(Message message) {
        return (message instanceof ParameterizedMessage || message instanceof ReusableMessage)
                && message.getFormat() != null && message.getFormat().contains("{}");
    }

    private void fallback(LogEvent event) {
        for (Appender appender : fallback) {
            if (appender.isStarted()) {
                appender.append(event);
            }
        }
    }

    static Level level(org.apache.logging.log4j.Level level) {
        int value = level.intLevel();
        if (value == org.apache.logging.log4j.Level.OFF.intLevel()) {
            return Level.AUDIT; // logged at OFF to be always written: EventLogger's audit events
        }
        if (value <= org.apache.logging.log4j.Level.FATAL.intLevel()) {
            return Level.CRITICAL;
        } else if (value <= org.apache.logging.log4j.Level.ERROR.intLevel()) {
            return Level.ERROR;
        } else if (value <= org.apache.logging.log4j.Level.WARN.intLevel()) {
            return Level.WARN;
        } else if (value <= org.apache.logging.log4j.Level.INFO.intLevel()) {
            return Level.INFO;
        } else if (value <= org.apache.logging.log4j.Level.DEBUG.intLevel()) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }

    private static Object[] context(ReadOnlyStringMap data) {
        if (data == null || data.isEmpty()) {
            return null;
        }
        Object[] pairs = new Object[data.size() * 2];
        int[] i = { 0 };
        data.forEach((key, value) -> {
            pairs[i[0]++] = key;
            pairs[i[0]++] = value;
        });
        return i[0] == pairs.length ? pairs : Arrays.copyOf(pairs, i[0]);
    }
}
