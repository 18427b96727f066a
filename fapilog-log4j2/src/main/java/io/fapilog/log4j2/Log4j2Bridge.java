package io.fapilog.log4j2;

import io.fapilog.FapilogRuntime;
import io.fapilog.spi.BridgeInstallNotice;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LifeCycle;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.appender.MemoryMappedFileAppender;
import org.apache.logging.log4j.core.appender.RandomAccessFileAppender;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.appender.RollingRandomAccessFileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.core.selector.ContextSelector;

import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Installs the {@link FapilogAppender} on Log4j2's root logger in place of its console and file
 * appenders, and takes it away again when the last runtime disconnects while it runs: the Log4j2
 * counterpart of the Logback bridge, used by the Spring Boot starter on {@code spring-boot-starter-log4j2}.
 * A runtime disconnected after its drain (a context closing) keeps the appender and writes what is
 * logged later synchronously, redacted and counted, instead of Log4j2's console.
 *
 * <p>A reconfiguration (a changed {@code log4j2.xml} with {@code monitorInterval}, a
 * {@code Configurator.reconfigure}) builds a new configuration without the appender; the bridge
 * installs itself in it again, connected to the same runtimes. Each installation says, as an INFO
 * event of this class, which appenders it replaced.
 *
 * <p>A stopped context (Spring Boot's logging shutdown hook) gets the bridge again, and so does the
 * context Log4j2 creates for the bridge's class loader after the stop, before Log4j2 configures it
 * from its file: loggers obtained before the stop and after it write to the drained runtime.
 */
public final class Log4j2Bridge {

    private static final String FQCN = Log4j2Bridge.class.getName();
    /** The contexts the bridge follows, each with whether it is the one Log4j2 keeps for the bridge's class loader. */
    private static final Map<LoggerContext, Boolean> WATCHED = Collections.synchronizedMap(new WeakHashMap<>());
    private static FapilogAppender current;
    /** The late events' configuration built ahead for {@link #preparedFor} ({@link #prepareLateEvents}), or null. */
    private static Configuration prepared;
    private static FapilogAppender preparedFor;

    private Log4j2Bridge() {
    }

    /** Whether the Log4j2 API is bound to Log4j2's core, so that there is something to bridge. */
    public static boolean isAvailable() {
        return LogManager.getContext(false) instanceof LoggerContext;
    }

    /** Sends Log4j2's events to {@code runtime}, installing the appender if it is not there. */
    public static synchronized void connect(FapilogRuntime runtime) {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return;
        }
        prepareLateEvents(null);
        FapilogAppender appender = installed(context.getConfiguration());
        if (appender != null) {
            appender.connect(runtime);
            current = appender;
        } else {
            current = install(context, List.of(runtime), "installed");
        }
        watch(context);
    }

    /** Stops sending events to {@code runtime}; with none left, the replaced appenders come back. */
    public static synchronized void disconnect(FapilogRuntime runtime) {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return;
        }
        Configuration configuration = context.getConfiguration();
        FapilogAppender appender = installed(configuration);
        if (appender == null) {
            return;
        }
        if (runtime.isStopped()) {
            // Drained already (a context closing): the last one connected keeps writing what is logged later, synchronously.
            if (appender.runtimes().disconnectDrained(runtime)) {
                prepareLateEvents(appender);
            }
            return;
        }
        if (!appender.runtimes().disconnect(runtime)) {
            return;
        }
        if (configuration instanceof LateEventsConfiguration) {
            // Given to the context that followed a stop, which had never read Log4j2's file: it reads it now.
            context.reconfigure();
            appender.stop();
            if (current == appender) {
                current = null;
            }
            return;
        }
        LoggerConfig root = configuration.getRootLogger();
        root.removeAppender(appender.getName());
        for (Appender replaced : appender.fallback()) {
            if (replaced.isStarted()) {
                root.addAppender(replaced, null, null);
            }
        }
        appender.releaseReplacedBelowRoot().forEach((logger, replaced) -> {
            logger.removeAppender(appender.getName());
            for (FapilogAppender.Replaced taken : replaced) {
                if (taken.appender().isStarted()) {
                    if (taken.filter() != null && taken.filter().isStopped()) {
                        taken.filter().start();  // removing the appender stopped its reference's filter
                    }
                    logger.addAppender(taken.appender(), taken.level(), taken.filter());
                }
            }
        });
        context.updateLoggers();
        appender.stop();
        if (current == appender) {
            current = null;
        }
    }

    /**
     * Lets Log4j2's events go to the appenders the bridge replaced until a runtime is connected again,
     * leaving the connected runtimes connected: for a test of an application context whose logging
     * does not go through fapilog, run in a JVM where an earlier context's does.
     */
    public static synchronized void standAside() {
        FapilogAppender appender = LogManager.getContext(false) instanceof LoggerContext context
                ? installed(context.getConfiguration()) : null;
        if (appender != null) {
            appender.standAside();
        }
    }

    /** Whether Log4j2's events go to {@code runtime} (when it is the newest running one). */
    public static synchronized boolean isConnected(FapilogRuntime runtime) {
        FapilogAppender appender = LogManager.getContext(false) instanceof LoggerContext context
                ? installed(context.getConfiguration()) : null;
        return appender != null && appender.runtimes().isConnected(runtime);
    }

    /**
     * Puts a new appender connected to {@code runtimes} on the root logger in place of its console and
     * file appenders (also behind a wrapper that writes only to such: {@code Async}, {@code Rewrite},
     * {@code Failover}, {@code Routing}) and of fapilog appenders the configuration declares
     * ({@code <Fapilog>}); below the root the same, a logger whose events never reach the root
     * getting fapilog's appender in their place. Says which it replaced and which it left.
     */
    private static FapilogAppender install(LoggerContext context, List<FapilogRuntime> runtimes, String what) {
        Configuration configuration = context.getConfiguration();
        LoggerConfig root = configuration.getRootLogger();
        List<Appender> replaced = new ArrayList<>();
        List<String> others = new ArrayList<>();
        root.getAppenders().values().forEach(existing -> {
            if (isReplaced(existing, configuration)) {
                replaced.add(existing);
            } else {
                others.add(existing.getName());
            }
        });
        // a declared <Fapilog name="FAPILOG"/> keeps its name, to be given back under it
        String name = configuration.getAppender(FapilogAppender.NAME) instanceof FapilogAppender declared && declared.isDeclared()
                ? FapilogAppender.NAME + "_BRIDGE" : FapilogAppender.NAME;
        FapilogAppender appender = new FapilogAppender(name, replaced);
        runtimes.forEach(appender::connect);
        appender.start();
        configuration.addAppender(appender);
        root.addAppender(appender, null, null);
        appender.installedIn(configuration);
        replaced.forEach(existing -> root.removeAppender(existing.getName()));
        List<String> replacedNames = new ArrayList<>(replaced.stream().map(Appender::getName).toList());
        List<Appender> replacedAll = new ArrayList<>(replaced);
        // Below the root they would write the same events raw and unredacted beside fapilog's. A
        // logger whose events never reach the root's appender (it, or an ancestor, is not additive)
        // gets fapilog's appender in their place. Ancestors first, so that their appender is seen.
        Set<LoggerConfig> withFapilog = new HashSet<>();
        List<LoggerConfig> ancestorsFirst = configuration.getLoggers().values().stream().filter(logger -> logger != root)
                .sorted(Comparator.comparingInt(logger -> logger.getName().length())).toList();
        for (LoggerConfig logger : ancestorsFirst) {
            List<Appender> outputs = logger.getAppenders().values().stream()
                    .filter(existing -> existing != appender && isReplaced(existing, configuration)).toList();
            if (outputs.isEmpty()) {
                continue;
            }
            if (!reachesFapilog(logger, root, withFapilog)) {
                logger.addAppender(appender, null, null);  // before the others go: no event falls in between
                withFapilog.add(logger);
            }
            // The configured reference's level and filter, to give the appender back as it was.
            List<FapilogAppender.Replaced> taken = outputs.stream().map(output -> logger.getAppenderRefs().stream()
                    .filter(ref -> ref.getRef().equals(output.getName())).findFirst()
                    .map(ref -> new FapilogAppender.Replaced(output, ref.getLevel(), ref.getFilter()))
                    .orElseGet(() -> new FapilogAppender.Replaced(output, null, null))).toList();
            outputs.forEach(output -> logger.removeAppender(output.getName()));
            appender.replacedOn(logger, taken);
            outputs.forEach(output -> replacedNames.add(output.getName() + " on " + logger.getName()));
            replacedAll.addAll(outputs);
        }
        context.updateLoggers();
        FapilogRuntime target = appender.target();
        if (target != null) {
            new BridgeInstallNotice("Log4j2", what, replacedNames, others, writesFile(replacedAll, configuration))
                    .tell(target, Log4j2Bridge.class);
        }
        return appender;
    }

    /** Reinstalls the bridge in each new configuration of {@code context}, and after its stop in the context that follows it. */
    private static void watch(LoggerContext context) {
        if (WATCHED.containsKey(context)) {
            return;
        }
        WATCHED.put(context, isOwn(context));
        PropertyChangeListener listener = event -> {
            if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())) {
                reinstall(context);
            }
        };
        context.addPropertyChangeListener(listener);
        context.addShutdownListener(stopped -> {
            if (stopped instanceof LoggerContext stoppedContext) {
                reinstallAfterStop(stoppedContext);
            }
        });
    }

    /**
     * Whether {@code context} is the one Log4j2's selector keeps for the bridge's class loader itself
     * (not a parent class loader's, nor one of another application in the JVM): only then is the
     * context Log4j2 creates for that class loader after its stop this application's, to be given the bridge.
     */
    private static boolean isOwn(LoggerContext context) {
        if (!(LogManager.getFactory() instanceof Log4jContextFactory factory)) {
            return false;
        }
        ContextSelector selector = factory.getSelector();
        ClassLoader loader = Log4j2Bridge.class.getClassLoader();
        return selector.hasContext(FQCN, loader, false) && selector.getContext(FQCN, loader, false) == context;
    }

    /**
     * Installs the bridge again when the context is stopped (Spring Boot's logging shutdown hook):
     * the stop leaves the context with an empty configuration whose loggers are off, so events of
     * loggers obtained before it (static fields), logged from a JVM shutdown hook or a thread still
     * running, would be lost without a word. The new configuration keeps the levels of the last one
     * and sends every logger's events to the bridge, which writes them to the drained runtime.
     *
     * <p>The stop also takes the context out of Log4j2's selector: a logger obtained afterwards
     * ({@code LogManager.getLogger} in a shutdown hook, a bean destroyed late) belongs to a new
     * context, which Log4j2 would configure from {@code log4j2.xml} and so write raw, unredacted lines
     * to its console. That context is created here, at once, for the bridge's class loader, and
     * started with such a configuration, before anyone logs through it (and watched, in turn).
     */
    static synchronized void reinstallAfterStop(LoggerContext context) {
        FapilogAppender previous = current;
        if (previous == null || previous.configuration() == null) {
            return;
        }
        if (installed(context.getConfiguration()) == null) {
            giveLateEventsConfiguration(context, previous);
        }
        if (Boolean.TRUE.equals(WATCHED.get(context))) {
            installInSuccessor(context);
        }
    }

    private static void giveLateEventsConfiguration(LoggerContext context, FapilogAppender previous) {
        Configuration late = prepared != null && preparedFor == previous ? prepared : lateEvents(previous);
        prepared = null;
        preparedFor = null;
        current = installed(late);
        context.setConfiguration(late);
    }

    /**
     * Builds the late events' configuration for {@code appender} ahead of the stop (null: forgets the
     * one built): built during the stop, while every logger is off, it took milliseconds, in which a
     * thread logging every 100 µs lost its events.
     */
    private static void prepareLateEvents(FapilogAppender appender) {
        if (prepared != null) {
            installed(prepared).stop();
        }
        prepared = appender == null || appender.configuration() == null ? null : lateEvents(appender);
        preparedFor = prepared == null ? null : appender;
        if (prepared != null) {
            prepared.initialize(); // Log4j2's plugins collected now: the stop only starts it
        }
    }

    /** Starts the context Log4j2 now hands the bridge's class loader, in place of {@code stopped}, with the bridge. */
    private static void installInSuccessor(LoggerContext stopped) {
        if (!(LogManager.getFactory() instanceof Log4jContextFactory factory)) {
            return;
        }
        // As LogManager.getLogger would, without configuring it from Log4j2's file as its factory does.
        LoggerContext next = factory.getSelector().getContext(FQCN, Log4j2Bridge.class.getClassLoader(), false);
        if (next == null || next == stopped || !next.getName().equals(stopped.getName())
                || installed(next.getConfiguration()) != null) {
            return; // a selector that keeps the stopped context, or one of another class loader: not this application's
        }
        Configuration late = lateEvents(current);
        if (next.getState() == LifeCycle.State.INITIALIZED) {
            next.start(late);
        }
        if (next.getConfiguration() != late) {
            // Another thread obtained it in the instant since the stop and started it from Log4j2's file.
            next.setConfiguration(late);
        }
        current = installed(late);
        watch(next);
    }

    /** A configuration for late events: the bridge's appender on the root, connected as {@code previous} is, with the levels of its configuration. */
    private static Configuration lateEvents(FapilogAppender previous) {
        Configuration last = previous.configuration();
        Configuration late = new LateEventsConfiguration();
        Map<String, String> lastProperties = last.getComponent(Configuration.CONTEXT_PROPERTIES);
        if (lastProperties != null && lastProperties.get("hostName") != null) {
            // Log4j2 looks the host name up again for each configuration it is given, which can take
            // milliseconds while a stop has every logger off: the last configuration's is the same.
            late.<Map<String, String>>getComponent(Configuration.CONTEXT_PROPERTIES).put("hostName", lastProperties.get("hostName"));
        }
        late.getRootLogger().setLevel(last.getRootLogger().getLevel());
        last.getLoggers().forEach((name, logger) -> {
            if (!name.isEmpty()) {
                late.addLogger(name, new LoggerConfig(name, logger.getLevel(), true));
            }
        });
        FapilogAppender appender = new FapilogAppender(FapilogAppender.NAME, List.of());
        previous.runtimes().connected().forEach(appender::connect);
        FapilogRuntime drained = previous.runtimes().keptForLateEvents();
        if (drained != null) {
            appender.runtimes().keepForLateEvents(drained);
        }
        appender.start();
        late.addAppender(appender);
        late.getRootLogger().addAppender(appender, null, null);
        appender.installedIn(late);
        return late;
    }

    static synchronized void reinstall(LoggerContext context) {
        FapilogAppender previous = current;
        if (previous == null) {
            return;
        }
        if (installed(context.getConfiguration()) != null) {
            return;
        }
        if (context.isStopping() && context.getConfiguration() instanceof NullConfiguration && previous.configuration() != null) {
            // The stop has just turned every logger off, and goes on to stop the last configuration's
            // appenders, which can take a while: what is logged meanwhile goes to the late events'
            // configuration, not nowhere. The stop's end finds it installed (reinstallAfterStop).
            giveLateEventsConfiguration(context, previous);
            return;
        }
        if (context.isStopping() || context.isStopped()) {
            return;
        }
        List<FapilogRuntime> running = previous.runtimes().connected().stream().filter(r -> !r.isStopped()).toList();
        // With none running (an application restarted without fapilog), nothing holds on to the drained one.
        // A reload of the same application's file after its drain (monitorInterval) ends its late events too:
        // Log4j2's own configuration then writes them.
        current = running.isEmpty() ? null : install(context, running, "reinstalled after a Log4j2 reconfiguration");
    }

    /** A configuration that reads nothing: the bridge gives it its appender and the last configuration's levels. */
    private static final class LateEventsConfiguration extends AbstractConfiguration {

        LateEventsConfiguration() {
            super(null, ConfigurationSource.NULL_SOURCE);
            setName("fapilog-late-events");
            // Started after Log4j2's own shutdown hook ran, registering one would fail; nothing to stop at exit anyway.
            isShutdownHookEnabled = false;
        }

        @Override
        protected void doConfigure() {
            // nothing to read (the default would add a console appender and warn that no logger is configured)
        }
    }

    /**
     * Whether the bridge replaces {@code appender}: a console or file appender of Log4j2's, also
     * behind wrappers that write only to such, or a fapilog appender the configuration declares. Left
     * in place, it would write every event a second time, raw and unredacted (or once more through fapilog).
     */
    private static boolean isReplaced(Appender appender, Configuration configuration) {
        return appender instanceof FapilogAppender fapilog ? fapilog.isDeclared() : output(appender, configuration, 0) != Output.OTHER;
    }

    /** Where an appender writes: the console only, a file (and perhaps the console), or anywhere else too. */
    private enum Output { CONSOLE, FILE, OTHER }

    private static final int MAX_WRAPPING = 8;

    /**
     * Where {@code appender} writes, itself or behind wrappers: Log4j2's console and file appenders
     * (not syslog or socket ones, which also write to a stream) are {@code CONSOLE} and {@code FILE};
     * a wrapper is what its targets are, {@code OTHER} when one of them is.
     */
    private static Output output(Appender appender, Configuration configuration, int depth) {
        Output own = output(appender.getClass());
        if (own != Output.OTHER) {
            return own;
        }
        List<WrappedAppenders.Target> targets = depth < MAX_WRAPPING ? WrappedAppenders.targets(appender, configuration) : List.of();
        if (targets.isEmpty()) {
            return Output.OTHER;
        }
        Output all = Output.CONSOLE;
        for (WrappedAppenders.Target target : targets) {
            Output one = target.appender() != null ? output(target.appender(), configuration, depth + 1) : output(target.type());
            if (one == Output.OTHER) {
                return Output.OTHER;
            }
            if (one == Output.FILE) {
                all = Output.FILE;
            }
        }
        return all;
    }

    private static Output output(Class<?> type) {
        if (ConsoleAppender.class.isAssignableFrom(type)) {
            return Output.CONSOLE;
        }
        return FileAppender.class.isAssignableFrom(type) || RollingFileAppender.class.isAssignableFrom(type)
                || RandomAccessFileAppender.class.isAssignableFrom(type) || RollingRandomAccessFileAppender.class.isAssignableFrom(type)
                || MemoryMappedFileAppender.class.isAssignableFrom(type) ? Output.FILE : Output.OTHER;
    }

    /** Whether any of {@code appenders} writes a file, itself or through a wrapper. */
    private static boolean writesFile(List<Appender> appenders, Configuration configuration) {
        return appenders.stream().anyMatch(appender -> output(appender, configuration, 0) == Output.FILE);
    }

    /** Whether {@code logger}'s events reach the root's appenders or a logger given fapilog's appender. */
    private static boolean reachesFapilog(LoggerConfig logger, LoggerConfig root, Set<LoggerConfig> withFapilog) {
        for (LoggerConfig at = logger; at != null; at = at.getParent()) {
            if (at == root || withFapilog.contains(at)) {
                return true;
            }
            if (!at.isAdditive()) {
                return false;
            }
        }
        return false;
    }

    /** The bridge's appender on the root (never one the configuration declares, which the bridge replaces); null when it is not there. */
    private static FapilogAppender installed(Configuration configuration) {
        for (Appender appender : configuration.getRootLogger().getAppenders().values()) {
            if (appender instanceof FapilogAppender bridge && !bridge.isDeclared()) {
                return bridge;
            }
        }
        return null;
    }
}
