package io.fapilog.spring.logging;

import ch.qos.logback.classic.LoggerContext;
import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * The SLF4J bridge ({@code fapilog.bridge.slf4j}): Logback's events, Spring's included, go through
 * the application's Fapilog pipeline instead of the console appender, so standard output carries one
 * JSON stream. See {@link FapilogBridgeApplicationListener} for how it is installed before the context
 * starts. Needs Logback; applications on another logging system are not affected.
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnClass(LoggerContext.class)
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
@ConditionalOnBean(FapilogRuntime.class)
@Conditional(OnSlf4jBridgeCondition.class)
public class FapilogSlf4jBridgeAutoConfiguration {

    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    FapilogSlf4jBridge fapilogSlf4jBridge(FapilogRuntime runtime) {
        return new FapilogSlf4jBridge(runtime);
    }
}
