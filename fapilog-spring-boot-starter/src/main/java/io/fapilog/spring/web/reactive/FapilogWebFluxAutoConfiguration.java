package io.fapilog.spring.web.reactive;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.web.FapilogWebConfiguration;
import io.fapilog.spring.web.HttpRequestLogging;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import reactor.core.publisher.Mono;

/**
 * Request logging for WebFlux applications: the {@link FapilogWebFilter} (per-request
 * {@code AsyncLogger}, request id, access log), the argument resolver that hands the request's
 * logger to controller methods and, with io.micrometer:context-propagation present, Reactor's
 * automatic context propagation ({@link FapilogContextPropagation}).
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({WebFluxConfigurer.class, Mono.class})
@ConditionalOnBean(FapilogRuntime.class)
@Import(FapilogWebConfiguration.class)
public class FapilogWebFluxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public FapilogWebFilter fapilogWebFilter(HttpRequestLogging logging) {
        return new FapilogWebFilter(logging);
    }

    @Bean
    @ConditionalOnMissingBean
    public AsyncLoggerArgumentResolver fapilogAsyncLoggerArgumentResolver(HttpRequestLogging logging) {
        return new AsyncLoggerArgumentResolver(logging);
    }

    /** Reactor's automatic context propagation, so the request's context reaches every thread of its chain. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
    @ConditionalOnBooleanProperty(name = "fapilog.request-logging.propagate-context", matchIfMissing = true)
    static class ContextPropagationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FapilogContextPropagation fapilogContextPropagation() {
            return new FapilogContextPropagation();
        }
    }

    /**
     * The request's context in the error handlers too, outside the filter chain, wherever Reactor's
     * automatic context propagation is on (fapilog's, or Boot's {@code spring.reactor.context-propagation=auto}).
     */
    @Bean
    @ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
    HttpHandlerDecoratorFactory fapilogRequestContextOutsideTheFilters(ObjectProvider<FapilogWebFilter> filter,
            Environment environment) {
        return new RequestContextOutsideTheFilters(() -> filter.stream().findAny().isPresent()
                && (environment.getProperty("fapilog.request-logging.propagate-context", Boolean.class, true)
                        || "auto".equalsIgnoreCase(environment.getProperty("spring.reactor.context-propagation"))));
    }

    @Bean
    @ConditionalOnMissingBean
    public FapilogWebFluxConfigurer fapilogWebFluxConfigurer(AsyncLoggerArgumentResolver argumentResolver) {
        return new FapilogWebFluxConfigurer(argumentResolver);
    }
}
