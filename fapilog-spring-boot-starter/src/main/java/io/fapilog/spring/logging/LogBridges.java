package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import io.fapilog.log4j2.Log4j2Bridge;
import io.fapilog.logback.LogbackBridge;
import org.springframework.util.ClassUtils;

/**
 * The bridge of the logging backend the application runs on: Logback (Spring Boot's default) or
 * Log4j2 ({@code spring-boot-starter-log4j2}). Each backend's classes are touched only when present.
 */
final class LogBridges {

    private static final ClassLoader LOADER = LogBridges.class.getClassLoader();
    private static final boolean LOGBACK = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", LOADER)
            && ClassUtils.isPresent("org.slf4j.LoggerFactory", LOADER);
    private static final boolean LOG4J2 = ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", LOADER);

    private LogBridges() {
    }

    static boolean isAvailable() {
        return (LOGBACK && Logback.available()) || (LOG4J2 && Log4j2.available());
    }

    static void connect(FapilogRuntime runtime) {
        if (LOGBACK && Logback.available()) {
            LogbackBridge.connect(runtime);
        } else if (LOG4J2 && Log4j2.available()) {
            Log4j2Bridge.connect(runtime);
        }
    }

    static void disconnect(FapilogRuntime runtime) {
        if (LOGBACK && Logback.available()) {
            LogbackBridge.disconnect(runtime);
        } else if (LOG4J2 && Log4j2.available()) {
            Log4j2Bridge.disconnect(runtime);
        }
    }

    /** Lets the backend's events go to the appenders the bridge replaced until a runtime is connected again. */
    static void standAside() {
        if (LOGBACK && Logback.available()) {
            LogbackBridge.standAside();
        } else if (LOG4J2 && Log4j2.available()) {
            Log4j2Bridge.standAside();
        }
    }

    static boolean isConnected(FapilogRuntime runtime) {
        return (LOGBACK && Logback.available() && LogbackBridge.isConnected(runtime))
                || (LOG4J2 && Log4j2.available() && Log4j2Bridge.isConnected(runtime));
    }

    private static final class Logback {
        static boolean available() {
            return LogbackBridge.isAvailable();
        }
    }

    private static final class Log4j2 {
        static boolean available() {
            return Log4j2Bridge.isAvailable();
        }
    }
}
