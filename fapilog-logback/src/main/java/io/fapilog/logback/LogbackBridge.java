package io.fapilog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.fapilog.FapilogRuntime;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Installs the {@link FapilogAppender} on Logback's root logger in place of its console appenders,
 * and takes it away again when the last runtime disconnects: the programmatic alternative to naming
 * the appender in {@code logback.xml}, used by the Spring Boot starter.
 *
 * <p>Logback is configured once per JVM while several application contexts may run (tests, parent
 * and child contexts), each with its own runtime: events go to the runtime connected last that is
 * still running. Disconnecting the last runtime puts the console appenders back as they were. A
 * Logback reset (Spring Boot re-initialising logging for a new application) removes the appender
 * with everything else; the next application's bridge installs a fresh one.
 */
public final class LogbackBridge {

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
            return;
        }
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(existing -> {
            if (existing instanceof ConsoleAppender) {
                consoles.add(existing);
            }
        });
        appender = new FapilogAppender();
        appender.setUseDefaultRuntime(false);
        consoles.forEach(appender::addAppender);
        appender.setContext(root.getLoggerContext());
        appender.connect(runtime);
        appender.start();
        root.addAppender(appender);
        consoles.forEach(root::detachAppender);
    }

    /**
     * Stops sending Logback's events to {@code runtime}. When no runtime is left, the appender is
     * removed and the console appenders it replaced are attached again.
     */
    public static synchronized void disconnect(FapilogRuntime runtime) {
        Logger root = root();
        FapilogAppender appender = root != null ? installed(root) : null;
        if (appender == null || !appender.disconnect(runtime)) {
            return;
        }
        for (Appender<ILoggingEvent> replaced : appender.releaseFallback()) {
            if (replaced.isStarted()) {
                root.addAppender(replaced);
            }
        }
        root.detachAppender(appender);
        appender.stop();
    }

    /** Whether Logback's events go to {@code runtime} (when it is the newest running one). */
    public static synchronized boolean isConnected(FapilogRuntime runtime) {
        Logger root = root();
        FapilogAppender appender = root != null ? installed(root) : null;
        return appender != null && appender.isConnected(runtime);
    }

    private static FapilogAppender installed(Logger root) {
        return root.getAppender(FapilogAppender.NAME) instanceof FapilogAppender appender ? appender : null;
    }

    private static Logger root() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                ? context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                : null;
    }
}
