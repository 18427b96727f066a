package io.fapilog.spring.metrics;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.ApplicationExecutionMode;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@link FapilogMetrics} for the application's runtime, bound to every {@link MeterRegistry} by
 * Spring Boot's metrics auto-configuration (so {@code /actuator/metrics/fapilog.queue.size} shows
 * it). Needs Micrometer and a {@link MeterRegistry} bean.
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean({ FapilogRuntime.class, MeterRegistry.class })
public class FapilogMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FapilogMetrics fapilogMetrics(FapilogRuntime runtime, ApplicationContext context) {
        return new FapilogMetrics(runtime, ApplicationExecutionMode.of(runtime.config().mode(), context));
    }

    /**
     * Binds the metrics to the registry of an ancestor context (a child context whose parent holds
     * the registry, as in tests that start several contexts): Spring Boot binds the binders of the
     * registry's own context only. The metrics leave that registry when this context closes.
     */
    @Bean
    SmartInitializingSingleton fapilogMetricsInAnAncestorsRegistry(FapilogMetrics metrics,
                                                                   ObjectProvider<MeterRegistry> registries,
                                                                   ListableBeanFactory beanFactory) {
        return () -> {
            if (beanFactory.getBeanNamesForType(MeterRegistry.class, true, false).length == 0) {
                registries.ifUnique(metrics::bindTo);
            }
        };
    }
}
