package io.fapilog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import io.fapilog.FapilogRuntime;
import io.fapilog.spi.BridgeInstallNotice;
import org.slf4j.LoggerFactory;

import ch.qos.logback.core.spi.ConfigurationEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Installs the {@link FapilogAppender} on Logback's root logger in place of its console and file appenders,
 * and takes it away again when the last runtime disconnects: the programmatic alternative to naming
 * the appender in {@code logback.xml}, used by the Spring Boot starter.
 *
 * <p>Logback is configured once per JVM while several application contexts may run (tests, parent
 * and child contexts), each with its own runtime: events go to the runtime connected last that is
 * still running. Disconnecting the last runtime while it runs puts the console appenders back as they were. A
 * Logback reconfiguration ({@code scan="true"}, a {@code JoranConfigurator} run) removes the appender
 * with everything else; the bridge installs itself again once the new configuration is complete,
 * connected to the same runtimes. A runtime disconnected after its drain keeps the appender for the
 * events logged after it, also once Logback's context is stopped (Spring Boot's logging shutdown
 * hook stops it while other hooks and threads may still log): the bridge installs itself again then,
 * and what is logged while the stop resets the context reaches it too ({@link ResetBridge}). Each
 * installation says, as an INFO event of this class, which appenders it replaced and which it left
 * in place.
 */
public final class LogbackBridge {

    private static final Map<LoggerContext, Boolean> WATCHED = Collections.synchronizedMap(new WeakHashMap<>());
    private static FapilogAppender current;
    /** Whether the bridge turned Logback's packaging data off, to turn it on again when it leaves. */
    private static boolean packagingDataTurnedOff;

    private LogbackBridge() {
    }

    /** Whether SLF4J is bound to Logback, so that there is something to bridge. */
    public static boolean isAvailable() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext;
    }

    /** Sends Logback's events to {@code runtime}, installing the appender if it is not there. */
    public static synchronized void connect(FapilogRuntime runtime) {
        Logger root = root();
        if (root == null) {
            return;
        }
        FapilogAppender appender = installed(root);
        if (appender != null) {
            appender.connect(runtime);
            current = appender;
            return;
        }
        current = install(root, List.of(runtime), null, "installed");
        watch(root.getLoggerContext());
    }

    /**
     * Puts a new appender connected to {@code runtimes} on the root logger in place of its console
     * and file appenders, and says so in the stream: which appenders it replaced, which it left in
     * place. Console and file appenders of loggers below the root come off too (they would write
     * the same events raw and unredacted beside fapilog's); a logger that is not additive gets
     * fapilog's appender in their place, since its events never reach the root's.
     */
    private static FapilogAppender install(Logger root, List<FapilogRuntime> runtimes, FapilogRuntime late, String what) {
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        List<String> others = new ArrayList<>();
        List<String> exporters = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(existing -> {
            if (isConsoleOrFile(existing) || existing instanceof FapilogAppender declared && !declared.isBridges()) {
                consoles.add(existing); // a declared fapilog appender beside the bridge's would write each event twice
            } else if (!(existing instanceof FapilogAppender)) {
                others.add(existing.getName());
                if (isOpenTelemetryExporter(existing)) {
                    exporters.add(existing.getName());
                }
            }
        });
        FapilogAppender appender = new FapilogAppender();
        appender.bridges();
        appender.setUseDefaultRuntime(false);
        consoles.forEach(appender::addAppender);
        appender.setContext(root.getLoggerContext());
        runtimes.forEach(appender::connect);
        if (late != null) {
            appender.runtimes().keepForLateEvents(late);
        }
        appender.start();
        root.addAppender(appender);
        consoles.forEach(root::detachAppender);
        List<String> replacedNames = new ArrayList<>(consoles.stream().map(Appender::getName).toList());
        List<Appender<ILoggingEvent>> replacedAll = new ArrayList<>(consoles);
        Set<Logger> withFapilog = new HashSet<>();
        consoleAndFileAppendersBelow(root).forEach((logger, replaced) -> {
            if (!reachesFapilog(logger, root, withFapilog)) {
                logger.addAppender(appender);  // before the others go: no event falls in between
                withFapilog.add(logger);
            }
            replaced.forEach(logger::detachAppender);
            replacedAll.addAll(replaced);
            appender.replacedOn(logger, replaced);
            replaced.forEach(a -> replacedNames.add(a.getName() + " on " + logger.getName()));
        });
        withoutUnusedPackagingData(root.getLoggerContext());
        FapilogRuntime target = appender.target();
        if (target != null && target != late) {
            new BridgeInstallNotice("Logback", what, replacedNames, others, writesFile(replacedAll)).tell(target, LogbackBridge.class);
        }
        if (target != null && target != late && !exporters.isEmpty()) {
            target.getLogger(LogbackBridge.class.getName()).warn("Logback appender(s) " + exporters
                    + " export Logback's events to OpenTelemetry themselves, without fapilog's redaction, and a second"
                    + " time beside fapilog's otlp sink: take them out of the Logback configuration and use fapilog.otlp.*");
        }
        return appender;
    }

    /**
     * Turns Logback's packaging data off while fapilog's appender is the only one: with it on (Spring
     * Boot's default configuration turns it on), Logback looks up the jar and version of every frame of
     * each logged exception on the caller's thread (a class loader lookup a frame, 40–150 µs a call),
     * which fapilog never writes. An appender of the application's left in place may print it: then it stays.
     */
    private static void withoutUnusedPackagingData(LoggerContext context) {
        if (!context.isPackagingDataEnabled()) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                if (!(it.next() instanceof FapilogAppender)) {
                    return;
                }
            }
        }
        context.setPackagingDataEnabled(false);
        packagingDataTurnedOff = true;
    }

    /** Whether any of {@code appenders} writes a file, itself or behind an async appender. */
    private static boolean writesFile(List<Appender<ILoggingEvent>> appenders) {
        for (Appender<ILoggingEvent> appender : appenders) {
            if (appender instanceof FileAppender) {
                return true;
            }
            if (appender instanceof AsyncAppenderBase<ILoggingEvent> async) {
                List<Appender<ILoggingEvent>> wrapped = new ArrayList<>();
                async.iteratorForAppenders().forEachRemaining(wrapped::add);
                if (writesFile(wrapped)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** OpenTelemetry's Logback appender (opentelemetry-logback-appender), which exports what it is given. */
    private static boolean isOpenTelemetryExporter(Appender<ILoggingEvent> appender) {
        return appender.getClass().getName().startsWith("io.opentelemetry.")
                || appender.getClass().getSimpleName().equals("OpenTelemetryAppender");
    }

    /**
     * Whether {@code logger}'s events reach the root's appenders or a logger given fapilog's
     * appender: no logger on the way up that is not additive stops them first.
     */
    private static boolean reachesFapilog(Logger logger, Logger root, Set<Logger> withFapilog) {
        LoggerContext context = root.getLoggerContext();
        for (String name = logger.getName(); ; name = name.substring(0, Math.max(0, name.lastIndexOf('.')))) {
            Logger at = name.isEmpty() ? root : context.exists(name);
            if (at == root || at != null && withFapilog.contains(at)) {
                return true;
            }
            if (at != null && !at.isAdditive()) {
                return false;
            }
        }
    }

    /**
     * Logback's console and file appenders, also behind an async appender that writes only to such
     * appenders ({@code AsyncAppender} around a console, as docs/migration.md shows): left in place,
     * it would write every event a second time, raw and unredacted. An async appender around
     * fapilog's own appender too: it would write every event a second time, with the scoped context
     * read on its own thread, not the caller's (fapilog needs no queue in front of it).
     */
    private static boolean isConsoleOrFile(Appender<ILoggingEvent> appender) {
        if (appender instanceof ConsoleAppender || appender instanceof FileAppender) {
            return true;
        }
        if (!(appender instanceof AsyncAppenderBase<ILoggingEvent> async)) {
            return false;
        }
        boolean any = false;
        for (Iterator<Appender<ILoggingEvent>> it = async.iteratorForAppenders(); it.hasNext(); any = true) {
            Appender<ILoggingEvent> wrapped = it.next();
            if (!(wrapped instanceof FapilogAppender) && !isConsoleOrFile(wrapped)) {
                return false;
            }
        }
        return any;
    }

    /** The console and file appenders (and fapilog appenders) of each logger below the root that has any, ancestors first. */
    private static Map<Logger, List<Appender<ILoggingEvent>>> consoleAndFileAppendersBelow(Logger root) {
        Map<Logger, List<Appender<ILoggingEvent>>> found = new LinkedHashMap<>();
        List<Logger> ancestorsFirst = new ArrayList<>(root.getLoggerContext().getLoggerList());
        ancestorsFirst.sort(Comparator.comparingInt(logger -> logger.getName().length()));
        for (Logger logger : ancestorsFirst) {
            if (logger == root) {
                continue;
            }
            List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
            logger.iteratorForAppenders().forEachRemaining(existing -> {
                if (isConsoleOrFile(existing) || existing instanceof FapilogAppender) { // the configuration's own: a second writer
                    appenders.add(existing);
                }
            });
            if (!appenders.isEmpty()) {
                found.put(logger, appenders);
            }
        }
        return found;
    }

    /**
     * Reinstalls the bridge after Logback was reconfigured ({@code scan="true"}, a
     * {@code JoranConfigurator} run, a logging system re-initialised): the reset took the appender
     * away with everything else, and Spring's and libraries' lines would go out raw and unredacted.
     */
    private static void watch(LoggerContext context) {
        if (WATCHED.containsKey(context)) {
            return;
        }
        WATCHED.put(context, Boolean.TRUE);
        context.addConfigurationEventListener(event -> {
            if (event.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY
                    || event.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_WITH_XML_PARSING_ERRORS) {
                reinstall(context);
            }
        });
    }

    /**
     * Installs the bridge again at the end of the reset that stops the context ({@link ResetBridge}):
     * the reset detached and stopped the appenders, and SLF4J events logged after it, from a JVM
     * shutdown hook or a thread still running, would find none and be lost without a word.
     */
    static synchronized void reinstallAfterStop(LoggerContext context) {
        FapilogAppender previous = removedFrom(context);
        if (previous == null) {
            return;
        }
        current = install(rootOf(context), previous.runtimes().connected(), previous.runtimes().keptForLateEvents(),
                "reinstalled after Logback was stopped");
    }

    static synchronized void reinstall(LoggerContext context) {
        FapilogAppender previous = removedFrom(context);
        if (previous == null) {
            return;
        }
        List<FapilogRuntime> running = previous.runtimes().connected().stream().filter(r -> !r.isStopped()).toList();
        // With none running (an application restarted without fapilog), nothing holds on to the drained one.
        current = running.isEmpty() ? null : install(rootOf(context), running, null, "reinstalled after a Logback reconfiguration");
    }

    /** The bridge's appender of {@code context} when a reset took it off the root logger, else null. */
    private static FapilogAppender removedFrom(LoggerContext context) {
        FapilogAppender previous = current;
        boolean removed = previous != null && previous.getContext() == context && installed(rootOf(context)) == null;
        return removed ? previous : null;
    }

    private static Logger rootOf(LoggerContext context) {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /**
     * Stops sending Logback's events to {@code runtime}. When no runtime is left, the appender is
     * removed and the console appenders it replaced are attached again; unless {@code runtime} was
     * drained already (an application context closing: its lifecycle drains before its beans are
     * destroyed). Then the appender stays, and what is logged later (a {@code @PreDestroy} or
     * {@code DisposableBean} destroyed after the bridge, a JVM shutdown hook) is written
     * synchronously by that runtime, redacted and encoded like every other event and counted,
     * instead of going raw to the console. A runtime connected later takes over as usual.
     */
    public static synchronized void disconnect(FapilogRuntime runtime) {
        Logger root = root();
        FapilogAppender appender = root != null ? installed(root) : null;
        if (appender == null) {
            return;
        }
        if (runtime.isStopped()) {
            appender.runtimes().disconnectDrained(runtime); // the last one connected takes what is logged later
            return;
        }
        if (!appender.disconnect(runtime)) {
            return;
        }
        for (Appender<ILoggingEvent> replaced : appender.releaseFallback()) {
            if (replaced.isStarted()) {
                root.addAppender(replaced);
            }
        }
        appender.releaseReplacedBelowRoot().forEach((logger, replaced) -> {
            logger.detachAppender(appender);
            replaced.stream().filter(Appender::isStarted).forEach(logger::addAppender);
        });
        root.detachAppender(appender);
        appender.stop();
        if (current == appender) {
            current = null;
        }
        if (packagingDataTurnedOff) {
            root.getLoggerContext().setPackagingDataEnabled(true); // for the appenders put back
            packagingDataTurnedOff = false;
        }
    }

    /**
     * Lets Logback's events go to the console and file appenders the bridge replaced until a runtime
     * is connected again, leaving the connected runtimes connected: for a test of an application
     * context whose SLF4J does not go through fapilog, run in a JVM where an earlier context's does.
     */
    public static synchronized void standAside() {
        Logger root = root();
        FapilogAppender appender = root != null ? installed(root) : null;
        if (appender != null) {
            appender.standAside();
        }
    }

    /** Whether Logback's events go to {@code runtime} (when it is the newest running one). */
    public static synchronized boolean isConnected(FapilogRuntime runtime) {
        Logger root = root();
        FapilogAppender appender = root != null ? installed(root) : null;
        return appender != null && appender.isConnected(runtime);
    }

    /** The bridge's appender on the root; one the application's Logback configuration declares is replaced by it. */
    private static FapilogAppender installed(Logger root) {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof FapilogAppender appender && appender.isBridges()) {
                return appender;
            }
        }
        return null;
    }

    private static Logger root() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                ? context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                : null;
    }
}
