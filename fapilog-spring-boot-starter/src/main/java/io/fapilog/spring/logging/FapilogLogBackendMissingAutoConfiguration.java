package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.ClassUtils;

/**
 * Says so when the SLF4J bridge is on ({@code fapilog.bridge.slf4j}, on in the {@code production}
 * preset) but neither Logback nor Log4j2 is there to bridge: an application that excluded
 * {@code spring-boot-starter-logging} and added neither back. SLF4J then falls back to its no-op
 * logger (or another provider), and what Spring and the libraries log is not written by fapilog.
 * One {@code WARN} event as the context starts, through the application's runtime.
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
@ConditionalOnBean(FapilogRuntime.class)
@ConditionalOnMissingClass({"ch.qos.logback.classic.LoggerContext", "org.apache.logging.log4j.core.LoggerContext"})
@Conditional(OnSlf4jBridgeCondition.class)
public class FapilogLogBackendMissingAutoConfiguration {

    static final String MESSAGE = "fapilog.bridge.slf4j is on, but neither Logback nor Log4j2 is on the class path: what"
            + " Spring and libraries log through SLF4J, commons-logging or java.util.logging is not written by fapilog;"
            + " add spring-boot-starter-logging (Logback) or spring-boot-starter-log4j2";

    @Bean
    SmartInitializingSingleton fapilogLogBackendMissingWarning(FapilogRuntime runtime) {
        return () -> runtime.getLogger(FapilogLogBackendMissingAutoConfiguration.class.getName())
                .warn(MESSAGE, "slf4j_provider", slf4jProvider());
    }

    /** What SLF4J is bound to: the class of its logger factory. */
    private static String slf4jProvider() {
        return ClassUtils.isPresent("org.slf4j.LoggerFactory", FapilogLogBackendMissingAutoConfiguration.class.getClassLoader())
                ? org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName()
                : "none (no slf4j-api)";
    }
}
