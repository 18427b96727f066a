package io.fapilog.spring.autoconfigure;

import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.config.CustomSink;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.spi.ContextProvider;
import io.fapilog.spi.Enricher;
import io.fapilog.spi.Filter;
import io.fapilog.spi.Redactor;
import io.fapilog.spi.Sink;
import io.fapilog.spring.logging.FapilogEarlyRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The Fapilog runtime of the application, built from {@code fapilog.*} (preset first, then the
 * explicit properties), and the {@link FapilogLifecycle} that drains it at shutdown.
 *
 * <p>When the SLF4J bridge already started a runtime for this application while its environment was
 * prepared ({@link FapilogEarlyRuntime}), that runtime becomes the bean, so the application has one
 * runtime and Spring's start-up logs and the application's events share it. The runtime becomes
 * {@link Fapilog}'s default, so {@code Fapilog.getLogger(..)} writes to it too.
 *
 * <p>Beans of type {@link Sink}, {@link CustomSink} (a sink with its own encoder), {@link Filter},
 * {@link Enricher} and {@link Redactor} join the pipeline after the built-in ones, in their
 * {@code @Order}; {@link FapilogCustomizer} beans then adjust the configuration. {@link ContextProvider}
 * beans add their fields to every event at the call, on the caller's thread (what a thread-local or
 * the request holds, which an enricher on the worker cannot read). The runtime belongs
 * to the context: a logger's {@code stopAndDrain()} flushes it without stopping it.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FapilogProperties.class)
public class FapilogAutoConfiguration {

    /** Drained by the {@link FapilogLifecycle} (at stop, or when it is destroyed), not by a destroy method of its own. */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    FapilogRuntime fapilogRuntime(FapilogProperties properties, Environment environment,
                                  ObjectProvider<FapilogEarlyRuntime> earlyRuntime, ObjectProvider<Sink> sinks,
                                  ObjectProvider<CustomSink> customSinks, ObjectProvider<Filter> filters,
                                  ObjectProvider<Enricher> enrichers, ObjectProvider<Redactor> redactors,
                                  ObjectProvider<FapilogCustomizer> customizers, ObjectProvider<ContextProvider> contextProviders) {
        FapilogConfig.Builder builder = FapilogConfigFactory.builder(properties, environment);
        sinks.orderedStream().forEach(builder::sink);
        customSinks.orderedStream().forEach(custom -> builder.sink(custom.sink(), custom.encoder()));
        filters.orderedStream().forEach(builder::filter);
        enrichers.orderedStream().forEach(builder::enricher);
        redactors.orderedStream().forEach(builder::redactor);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        FapilogConfig config = builder.build();
        FapilogEarlyRuntime early = earlyRuntime.getIfAvailable();
        FapilogRuntime runtime = early != null ? early.adopt(config) : null;
        if (runtime == null) {
            try {
                runtime = Fapilog.runtime(config);
            } catch (InvalidSettingException invalid) { // e.g. a logging.file.name that cannot be written
                throw BootLoggingProperties.reportedUnderKeySet(invalid, properties, environment, config.file());
            }
            if (early != null) {
                early.replacedBy(runtime);
            }
        }
        runtime.ownedBy("the Spring application context");
        contextProviders.orderedStream().forEach(runtime::addContextProvider);
        for (String warning : new String[] {BootLoggingProperties.warning(environment),
                UnusedSinkProperties.warning(environment, config), UnknownProperties.warning(environment)}) {
            if (warning != null) {
                runtime.getLogger(FapilogAutoConfiguration.class.getName()).warn(warning);
            }
        }
        Fapilog.setDefaultRuntime(runtime);
        return runtime;
    }

    /**
     * The runtime closes the sinks it is given, once, after its drain: Spring must not close a sink
     * bean a second time (it infers {@code close} as the destroy method of any {@code AutoCloseable}
     * bean). A destroy method the application named itself is left as it is.
     */
    @Bean
    static BeanFactoryPostProcessor fapilogSinkBeansClosedByTheRuntime() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(Sink.class, true, false)) {
                if (beanFactory.containsBeanDefinition(name)
                        && beanFactory.getBeanDefinition(name) instanceof AbstractBeanDefinition definition
                        && (definition.getDestroyMethodName() == null
                            || AbstractBeanDefinition.INFER_METHOD.equals(definition.getDestroyMethodName()))) {
                    definition.setDestroyMethodName("");
                }
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    FapilogLifecycle fapilogLifecycle(FapilogRuntime runtime, FapilogProperties properties) {
        var timeout = properties.getShutdown().getTimeout();
        return new FapilogLifecycle(runtime, timeout != null ? timeout : runtime.config().shutdown().timeout());
    }
}
