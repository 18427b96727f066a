package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import io.fapilog.log4j2.Log4j2Bridge;
import io.fapilog.logback.LogbackBridge;
import org.springframework.util.ClassUtils;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The bridge of the logging backend the application runs on: Logback (Spring Boot's default) or
 * Log4j2 ({@code spring-boot-starter-log4j2}). Each backend's classes are touched only when present.
 */
final class LogBridges {

    private static final ClassLoader LOADER = LogBridges.class.getClassLoader();
    private static final boolean LOGBACK = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", LOADER)
            && ClassUtils.isPresent("org.slf4j.LoggerFactory", LOADER);
    private static final boolean LOG4J2 = ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", LOADER);

    /**
     * The runtimes connected here and not disconnected since: those that take SLF4J's events by the
     * application's choice, to connect again when a logging system started afresh took the bridge
     * away (Spring Cloud resets it as each application starts). Weak: a drained runtime is forgotten.
     */
    private static final Set<FapilogRuntime> CONNECTED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private LogBridges() {
    }

    static boolean isAvailable() {
        return (LOGBACK && Logback.available()) || (LOG4J2 && Log4j2.available());
    }

    static void connect(FapilogRuntime runtime) {
        CONNECTED.add(runtime);
        if (LOGBACK && Logback.available()) {
            LogbackBridge.connect(runtime);
        } else if (LOG4J2 && Log4j2.available()) {
            Log4j2Bridge.connect(runtime);
        }
    }

    static void disconnect(FapilogRuntime runtime) {
        CONNECTED.remove(runtime);
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

    /** Whether {@code runtime} was connected and not disconnected since, connected now or not. */
    static boolean isMeantToBeConnected(FapilogRuntime runtime) {
        return CONNECTED.contains(runtime);
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
