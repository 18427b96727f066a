package io.fapilog.spring.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import io.fapilog.spring.autoconfigure.TestRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fapilog's level gate follows the levels of the real Logback context SLF4J is bound to, changed
 * through Boot's {@link LoggingSystem} (what {@code POST /actuator/loggers} calls) or in Logback
 * directly; a level reset to {@code null} is removed, so the logger inherits again.
 */
class LogbackLevelListenerTests {

    private static final String ORDERS = "com.acme.levels.orders";
    private static final String PAYMENTS = ORDERS + ".payments";
    private static final String OUTER = ORDERS + ".Outer";

    private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final LoggingSystem loggingSystem = new LogbackLoggingSystem(getClass().getClassLoader());
    private ch.qos.logback.classic.Level rootLevel;
    private FapilogRuntime runtime;
    private FapilogLevelSync sync;

    @BeforeEach
    void followLogback() {
        rootLevel = logback.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();
        loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
        runtime = TestRuntimes.inMemory(new InMemorySink());
        sync = new FapilogLevelSync(runtime, loggingSystem, new FapilogProperties(), new MockEnvironment());
        sync.afterPropertiesSet();
    }

    @AfterEach
    void restoreLogback() throws Exception {
        sync.destroy();
        runtime.close();
        for (String name : List.of(OUTER, PAYMENTS, ORDERS)) {
            logback.getLogger(name).setLevel(null);
        }
        logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(rootLevel);
    }

    @Test
    void aLevelResetThroughTheLoggingSystemIsRemovedAndTheLoggerFollowsTheRootAgain() {
        loggingSystem.setLogLevel(ORDERS, LogLevel.DEBUG);
        assertThat(runtime.configuredLevels()).containsEntry(ORDERS, Level.DEBUG);
        assertThat(runtime.effectiveLevel(ORDERS + ".Service")).isEqualTo(Level.DEBUG);

        loggingSystem.setLogLevel(ORDERS, null);
        assertThat(runtime.configuredLevels()).doesNotContainKey(ORDERS);

        loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        assertThat(loggingSystem.getLoggerConfiguration(ORDERS).getEffectiveLevel()).isEqualTo(LogLevel.WARN);
        assertThat(runtime.configuredLevels()).doesNotContainKey(ORDERS).containsEntry(FapilogRuntime.ROOT_LOGGER,
                Level.WARN);
        assertThat(runtime.effectiveLevel(ORDERS)).isEqualTo(Level.WARN);
        assertThat(runtime.effectiveLevel(ORDERS + ".Service")).isEqualTo(Level.WARN);
        assertThat(runtime.isEnabled(ORDERS + ".Service", Level.INFO)).isFalse();
    }

    /** {@code /actuator/loggers} lists what the logging system lists: fapilog's own loggers too, made before the sync or after it. */
    @Test
    void fapilogsOwnLoggersAreListedByTheLoggingSystem() throws Exception {
        String before = ORDERS + ".listed.MadeBeforeTheSync";
        String after = ORDERS + ".listed.MadeAfterIt";
        FapilogRuntime own = TestRuntimes.inMemory(new InMemorySink());
        own.getLogger(before);
        FapilogLevelSync ownSync = new FapilogLevelSync(own, loggingSystem, new FapilogProperties(), new MockEnvironment());
        ownSync.afterPropertiesSet();
        try {
            own.getLogger(after);
            assertThat(loggingSystem.getLoggerConfigurations()).extracting(LoggerConfiguration::getName)
                    .contains(before, after);
        } finally {
            ownSync.destroy();
            own.close();
        }
    }

    /** Logback takes {@code '$'} as a level of its hierarchy: a nested class's logger has its outer class's level, in both. */
    @Test
    void aNestedClassesLoggerHasTheLevelOfItsOuterClassAsInLogback() {
        String inner = OUTER + "$Inner";
        loggingSystem.setLogLevel(OUTER, LogLevel.DEBUG);

        assertThat(LoggerFactory.getLogger(inner).isDebugEnabled()).isTrue();
        assertThat(runtime.effectiveLevel(inner)).isEqualTo(Level.DEBUG);
        assertThat(runtime.isEnabled(inner + "$Deeper", Level.DEBUG)).isTrue();
        assertThat(runtime.effectiveLevel(OUTER + "Foo")).as("a longer name is no child").isEqualTo(Level.INFO);
    }

    @Test
    void aLevelResetInLogbackDirectlyIsRemovedToo() {
        Logger orders = logback.getLogger(ORDERS);
        orders.setLevel(ch.qos.logback.classic.Level.DEBUG);
        assertThat(runtime.configuredLevels()).containsEntry(ORDERS, Level.DEBUG);

        orders.setLevel(null);
        logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.ERROR);

        assertThat(runtime.configuredLevels()).doesNotContainKey(ORDERS);
        assertThat(runtime.effectiveLevel(ORDERS + ".Service")).isEqualTo(Level.ERROR);
    }

    @Test
    void aChildWithItsOwnLevelKeepsItWhenItsParentIsReset() {
        loggingSystem.setLogLevel(ORDERS, LogLevel.DEBUG);
        loggingSystem.setLogLevel(PAYMENTS, LogLevel.ERROR);

        loggingSystem.setLogLevel(ORDERS, null);
        loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);

        assertThat(runtime.configuredLevels()).doesNotContainKey(ORDERS).containsEntry(PAYMENTS, Level.ERROR);
        assertThat(runtime.effectiveLevel(ORDERS + ".Service")).isEqualTo(Level.WARN);
        assertThat(runtime.effectiveLevel(PAYMENTS + ".Gateway")).isEqualTo(Level.ERROR);
        assertThat(loggingSystem.getLoggerConfiguration(ORDERS).getEffectiveLevel()).isEqualTo(LogLevel.WARN);
        assertThat(loggingSystem.getLoggerConfiguration(PAYMENTS).getEffectiveLevel()).isEqualTo(LogLevel.ERROR);
    }
}
