package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.logging.LoggerGroups;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Makes Boot's {@link LoggingSystem} the runtime's source of levels for the life of the context:
 * applies the {@code fapilog.level(s)} aliases, copies the levels into the runtime's gate, and with
 * Logback or Log4j2 follows every later change ({@code /actuator/loggers}, a reconfiguration), and
 * has the logging system make a logger of each of fapilog's logger names, so that
 * {@code /actuator/loggers} lists them.
 */
public class FapilogLevelSync implements InitializingBean, DisposableBean {

    private static final boolean LOGBACK_PRESENT = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
            FapilogLevelSync.class.getClassLoader());
    private static final boolean LOG4J2_PRESENT = ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext",
            FapilogLevelSync.class.getClassLoader());

    private final FapilogRuntime runtime;
    private final LoggingSystem loggingSystem;
    private final FapilogProperties properties;
    private final Environment environment;
    private AutoCloseable listener;
    /** Makes the logging system's logger of each of fapilog's logger names, so that it lists them. */
    private Consumer<String> loggerNames;
    private final Map<String, Object> listedLoggers = new ConcurrentHashMap<>();

    private final LoggerGroups groups;

    public FapilogLevelSync(FapilogRuntime runtime, LoggingSystem loggingSystem, FapilogProperties properties,
                            Environment environment) {
        this(runtime, loggingSystem, properties, environment, null);
    }

    /** {@code groups}: Boot's logging groups ({@code logging.group.*}), which {@code fapilog.levels.<group>} sets as {@code logging.level.<group>} does. */
    public FapilogLevelSync(FapilogRuntime runtime, LoggingSystem loggingSystem, FapilogProperties properties,
                            Environment environment, LoggerGroups groups) {
        this.runtime = runtime;
        this.loggingSystem = loggingSystem;
        this.properties = properties;
        this.environment = environment;
        this.groups = groups;
    }

    @Override
    public void afterPropertiesSet() {
        String system = loggingSystem.getClass().getName();
        LoggingSystemLevels.apply(loggingSystem, runtime, properties, environment, groups);
        if (LOGBACK_PRESENT && system.contains("Logback")) {
            listener = LogbackLevelListener.register(runtime, this::resync);
            loggerNames = org.slf4j.LoggerFactory::getLogger;
        } else if (LOG4J2_PRESENT && system.contains("Log4J2")) {
            listener = Log4j2LevelListener.register(runtime, this::resync);
            // the application's context now (a reconfiguration may replace it), named by class loader:
            // LogManager.getLogger(name) would ask the caller's, here a lambda's
            ClassLoader loader = FapilogLevelSync.class.getClassLoader();
            // held here: Log4j2's registry holds its loggers weakly, and lists only those still referenced
            loggerNames = name -> listedLoggers.put(name, org.apache.logging.log4j.LogManager.getContext(loader, false).getLogger(name));
        }
        if (loggerNames != null) {
            runtime.addLoggerNameListener(loggerNames); // listed by /actuator/loggers, as the logging system's own
        }
    }

    /** Copies the logging system's levels into the runtime again. */
    public void resync() {
        LoggingSystemLevels.sync(loggingSystem, runtime);
    }

    @Override
    public void destroy() throws Exception {
        if (loggerNames != null) {
            runtime.removeLoggerNameListener(loggerNames);
        }
        if (listener != null) {
            listener.close();
        }
    }
}
