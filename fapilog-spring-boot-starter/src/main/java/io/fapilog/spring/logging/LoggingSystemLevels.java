package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerGroup;
import org.springframework.boot.logging.LoggerGroups;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.Environment;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Boot's {@link LoggingSystem} is where levels live ({@code logging.level.*}, logging groups,
 * {@code /actuator/loggers}); this copies them into the runtime's level gate, so a fapilog logger and
 * a bridged SLF4J logger of the same name obey the same threshold.
 *
 * <p>{@code fapilog.level} and {@code fapilog.levels.*} are aliases: each is handed to the logging
 * system as if it were {@code logging.level.<name>}, unless {@code logging.level.<name>} is set too,
 * which wins.
 */
public final class LoggingSystemLevels {

    private LoggingSystemLevels() {
    }

    /**
     * Applies the {@code fapilog.level(s)} aliases to {@code system} and copies its levels into the
     * runtime's gate.
     */
    public static void apply(LoggingSystem system, FapilogRuntime runtime, FapilogProperties properties,
                             Environment environment) {
        apply(system, runtime, properties, environment, null);
    }

    /** As {@link #apply(LoggingSystem, FapilogRuntime, FapilogProperties, Environment)}; an alias naming one of {@code groups} sets its members. */
    public static void apply(LoggingSystem system, FapilogRuntime runtime, FapilogProperties properties,
                             Environment environment, LoggerGroups groups) {
        applyAliases(system, properties, environment, groups);
        sync(system, runtime);
    }

    /**
     * Hands {@code fapilog.level} and {@code fapilog.levels.*} to the logging system; a logging
     * group's name sets its members, as {@code logging.level.<group>} does.
     */
    static void applyAliases(LoggingSystem system, FapilogProperties properties, Environment environment,
                             LoggerGroups groups) {
        Map<String, Level> aliases = new LinkedHashMap<>();
        if (properties.getLevel() != null) {
            aliases.put(LoggingSystem.ROOT_LOGGER_NAME, properties.getLevel());
        }
        properties.getLevels().forEach((name, level) -> aliases.put(
                FapilogRuntime.ROOT_LOGGER.equalsIgnoreCase(name) ? LoggingSystem.ROOT_LOGGER_NAME : name, level));
        aliases.forEach((name, level) -> {
            String bootName = LoggingSystem.ROOT_LOGGER_NAME.equals(name) ? "root" : name;
            if (environment.getProperty("logging.level." + bootName) == null) {
                LoggerGroup group = groups == null ? null : groups.get(name);
                if (group != null && group.hasMembers()) {
                    group.configureLogLevel(bootLevel(level), system::setLogLevel);
                } else {
                    system.setLogLevel(name, bootLevel(level));
                }
            }
        });
    }

    /**
     * Copies the logging system's levels into the runtime: the root's effective level and every
     * configured level, under the logging system's rule for where a name's prefixes end; a prefix the
     * logging system no longer configures is removed.
     */
    public static void sync(LoggingSystem system, FapilogRuntime runtime) {
        // Log4j2 cuts names at dots only: its Outer$Inner has its package's level where Logback's has Outer's
        runtime.setNestedClassesInheritOuterLevel(!system.getClass().getName().contains("Log4J2"));
        List<LoggerConfiguration> configurations = system.getLoggerConfigurations();
        LoggerConfiguration root = configurations.stream()
                .filter(c -> LoggingSystem.ROOT_LOGGER_NAME.equals(c.getName())).findFirst().orElse(null);
        if (root == null) {
            return; // no logging system (LoggingSystem.NONE): fapilog's own levels stay
        }
        runtime.setLevel(FapilogRuntime.ROOT_LOGGER, fapilogLevel(root.getEffectiveLevel()));
        Set<String> configured = new HashSet<>();
        for (LoggerConfiguration configuration : configurations) {
            if (configuration != root && configuration.getConfiguredLevel() != null) {
                configured.add(configuration.getName());
                runtime.setLevel(configuration.getName(), fapilogLevel(configuration.getConfiguredLevel()));
            }
        }
        for (String prefix : runtime.configuredLevels().keySet()) {
            if (!FapilogRuntime.ROOT_LOGGER.equals(prefix) && !configured.contains(prefix)) {
                runtime.setLevel(prefix, null);
            }
        }
    }

    /** Boot's level as fapilog's threshold; {@code OFF} lets only AUDIT and SECURITY through. */
    public static Level fapilogLevel(LogLevel level) {
        return switch (level) {
            case TRACE -> Level.TRACE;
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARN -> Level.WARN;
            case ERROR -> Level.ERROR;
            case FATAL -> Level.CRITICAL;
            case OFF -> Level.AUDIT;
        };
    }

    /** Fapilog's threshold as Boot's level: CRITICAL is FATAL, AUDIT and SECURITY are OFF. */
    public static LogLevel bootLevel(Level level) {
        return switch (level) {
            case TRACE -> LogLevel.TRACE;
            case DEBUG -> LogLevel.DEBUG;
            case INFO -> LogLevel.INFO;
            case WARN -> LogLevel.WARN;
            case ERROR -> LogLevel.ERROR;
            case CRITICAL -> LogLevel.FATAL;
            case AUDIT, SECURITY -> LogLevel.OFF;
        };
    }
}
