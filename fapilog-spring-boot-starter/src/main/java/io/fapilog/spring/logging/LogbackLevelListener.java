package io.fapilog.spring.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import io.fapilog.FapilogRuntime;
import org.slf4j.LoggerFactory;

/**
 * Keeps the runtime's level gate equal to Logback's levels while they change at run time: a
 * {@code POST /actuator/loggers}, JMX, code calling {@code Logger.setLevel}, or a Logback
 * reconfiguration ({@code scan="true"}), after which {@code resync} copies every level again.
 */
final class LogbackLevelListener implements LoggerContextListener, ConfigurationEventListener, AutoCloseable {

    private final FapilogRuntime runtime;
    private final Runnable resync;
    private final LoggerContext context;

    private LogbackLevelListener(FapilogRuntime runtime, Runnable resync, LoggerContext context) {
        this.runtime = runtime;
        this.resync = resync;
        this.context = context;
    }

    /** Listens to the Logback context SLF4J is bound to; {@code null} when SLF4J is not bound to Logback. */
    static LogbackLevelListener register(FapilogRuntime runtime, Runnable resync) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        LogbackLevelListener listener = new LogbackLevelListener(runtime, resync, context);
        context.addListener(listener);
        context.addConfigurationEventListener(listener);
        return listener;
    }

    /**
     * Copies the level {@code logger} now has of its own, not {@code level}: on a reset
     * ({@code setLevel(null)}, a {@code null} {@code configuredLevel} posted to {@code /actuator/loggers})
     * Logback announces the parent's effective level, which stored as the logger's own would pin it
     * there instead of removing it. Loggers below keep their own levels; the gate's prefixes resolve the rest.
     */
    @Override
    public void onLevelChange(Logger logger, Level level) {
        if (runtime.isStopped()) {
            return;
        }
        if (Logger.ROOT_LOGGER_NAME.equals(logger.getName())) {
            runtime.setLevel(FapilogRuntime.ROOT_LOGGER, fapilogLevel(logger.getEffectiveLevel()));
        } else {
            Level configured = logger.getLevel();
            runtime.setLevel(logger.getName(), configured == null ? null : fapilogLevel(configured));
        }
    }

    @Override
    public void listen(ConfigurationEvent event) {
        if (event.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY
                || event.getEventType() == ConfigurationEvent.EventType.CONFIGURATION_ENDED_WITH_XML_PARSING_ERRORS) {
            if (!runtime.isStopped()) {
                resync.run();
            }
        }
    }

    static io.fapilog.Level fapilogLevel(Level level) {
        return switch (level.toInt()) {
            case Level.OFF_INT -> io.fapilog.Level.AUDIT;
            case Level.ERROR_INT -> io.fapilog.Level.ERROR;
            case Level.WARN_INT -> io.fapilog.Level.WARN;
            case Level.INFO_INT -> io.fapilog.Level.INFO;
            case Level.DEBUG_INT -> io.fapilog.Level.DEBUG;
            default -> io.fapilog.Level.TRACE;
        };
    }

    @Override
    public void close() {
        context.removeListener(this);
        context.removeConfigurationEventListener(this);
    }

    /** Survives {@code LoggerContext.reset()}, which a reconfiguration starts with. */
    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void onStart(LoggerContext context) {
    }

    @Override
    public void onReset(LoggerContext context) {
    }

    @Override
    public void onStop(LoggerContext context) {
    }
}
