package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;

/**
 * Keeps the runtime's level gate equal to Log4j2's levels while they change at run time: Boot's
 * {@code Log4J2LoggingSystem.setLogLevel} ({@code POST /actuator/loggers}), {@code Configurator.setLevel}
 * and a reconfiguration all end in {@link LoggerContext#updateLoggers()}, which announces the
 * configuration again; each announcement copies every level.
 */
final class Log4j2LevelListener implements PropertyChangeListener, AutoCloseable {

    private final FapilogRuntime runtime;
    private final Runnable resync;
    private final LoggerContext context;

    private Log4j2LevelListener(FapilogRuntime runtime, Runnable resync, LoggerContext context) {
        this.runtime = runtime;
        this.resync = resync;
        this.context = context;
    }

    /** Listens to the Log4j2 context of this class loader; {@code null} when Log4j2's core is not the backend. */
    static Log4j2LevelListener register(FapilogRuntime runtime, Runnable resync) {
        if (!(LogManager.getContext(Log4j2LevelListener.class.getClassLoader(), false) instanceof LoggerContext context)) {
            return null;
        }
        Log4j2LevelListener listener = new Log4j2LevelListener(runtime, resync, context);
        context.addPropertyChangeListener(listener);
        return listener;
    }

    @Override
    public void propertyChange(PropertyChangeEvent event) {
        if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName()) && !runtime.isStopped()) {
            resync.run();
        }
    }

    @Override
    public void close() {
        context.removePropertyChangeListener(this);
    }
}
