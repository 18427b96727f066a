package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.logging.LoggerGroups;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Levels come from Boot's {@link LoggingSystem}: {@code logging.level.*}, logging groups and
 * {@code /actuator/loggers} govern fapilog's loggers and bridged ones alike (see {@link FapilogLevelSync}).
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
@ConditionalOnBean(FapilogRuntime.class)
public class FapilogLoggingSystemAutoConfiguration {

    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    FapilogLevelSync fapilogLevelSync(FapilogRuntime runtime, ObjectProvider<LoggingSystem> loggingSystem,
                                      FapilogProperties properties, Environment environment,
                                      ObjectProvider<LoggerGroups> groups) {
        LoggingSystem system = loggingSystem.getIfAvailable(
                () -> LoggingSystem.get(FapilogLoggingSystemAutoConfiguration.class.getClassLoader()));
        return new FapilogLevelSync(runtime, system, properties, environment, groups.getIfUnique());
    }
}
