package io.fapilog.spring.autoconfigure;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The Fapilog runtime of the application, built from {@code fapilog.*}. (Skeleton: lifecycle,
 * failure analysis and the SLF4J bridge are added by their own classes.)
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FapilogProperties.class)
public class FapilogAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    FapilogRuntime fapilogRuntime(FapilogProperties properties, Environment environment) {
        FapilogRuntime runtime = Fapilog.runtime(
                FapilogConfigFactory.create(properties, environment.getProperty("spring.application.name")));
        Fapilog.setDefaultRuntime(runtime);
        return runtime;
    }
}
