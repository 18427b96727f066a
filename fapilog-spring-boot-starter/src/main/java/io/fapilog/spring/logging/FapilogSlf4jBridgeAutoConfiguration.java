package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.FapilogLifecycle;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * The SLF4J bridge ({@code fapilog.bridge.slf4j}): Logback's events, Spring's included, go through
 * the application's Fapilog pipeline instead of the console appender, so standard output carries one
 * JSON stream. See {@link FapilogBridgeApplicationListener} for how it is installed before the context
 * starts. Works on Logback and on Log4j2 ({@code spring-boot-starter-log4j2}).
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
@ConditionalOnBean(FapilogRuntime.class)
@Conditional({ FapilogSlf4jBridgeAutoConfiguration.OnLogBackend.class, OnSlf4jBridgeCondition.class })
public class FapilogSlf4jBridgeAutoConfiguration {

    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    FapilogSlf4jBridge fapilogSlf4jBridge(FapilogRuntime runtime) {
        return new FapilogSlf4jBridge(runtime);
    }

    /**
     * Every bridge, the application's own too, destroyed after the lifecycle: a context whose refresh
     * fails once every bean exists never started its lifecycle, so only the lifecycle's destruction
     * drains, and a bridge destroyed first handed the console back while the runtime still ran. Spring
     * Boot's failure report, logged after, then went there as text, unredacted, instead of to the
     * drained runtime.
     */
    @Bean
    static BeanFactoryPostProcessor fapilogBridgesDestroyedAfterTheDrain() {
        return beans -> {
            for (String bridge : beans.getBeanNamesForType(FapilogSlf4jBridge.class, false, false)) {
                for (String lifecycle : beans.getBeanNamesForType(FapilogLifecycle.class, false, false)) {
                    beans.registerDependentBean(bridge, lifecycle);
                }
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    JdkLoggingBridgeKeeper fapilogJdkLoggingBridgeKeeper() {
        return new JdkLoggingBridgeKeeper();
    }

    /** Matches when Logback or Log4j2's core is on the application's class path. */
    static class OnLogBackend extends org.springframework.boot.autoconfigure.condition.SpringBootCondition {

        @Override
        public org.springframework.boot.autoconfigure.condition.ConditionOutcome getMatchOutcome(
                org.springframework.context.annotation.ConditionContext context,
                org.springframework.core.type.AnnotatedTypeMetadata metadata) {
            ClassLoader loader = context.getClassLoader();
            boolean present = org.springframework.util.ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", loader)
                    || org.springframework.util.ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext", loader);
            return present
                    ? org.springframework.boot.autoconfigure.condition.ConditionOutcome.match("a bridged logging backend is present")
                    : org.springframework.boot.autoconfigure.condition.ConditionOutcome.noMatch("neither Logback nor Log4j2 core");
        }
    }
}
