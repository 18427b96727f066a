package io.fapilog.spring.web.servlet;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.web.FapilogWebConfiguration;
import io.fapilog.spring.web.HttpRequestLogging;
import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request logging for servlet (Spring MVC) applications: the {@link FapilogServletFilter}
 * (per-request {@code Logger}, request id, access log; registered for every path by Boot as a
 * filter bean, at {@link FapilogServletFilter#DEFAULT_ORDER}), the argument resolver that hands
 * the request's logger to controller methods, and the {@link RequestScopeTaskDecorator} that carries
 * the request's MDC into Boot's executor tasks.
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Filter.class, WebMvcConfigurer.class})
@ConditionalOnBean(FapilogRuntime.class)
@Import(FapilogWebConfiguration.class)
public class FapilogWebMvcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public FapilogServletFilter fapilogServletFilter(HttpRequestLogging logging) {
        return new FapilogServletFilter(logging);
    }

    @Bean
    @ConditionalOnMissingBean
    public LoggerArgumentResolver fapilogLoggerArgumentResolver(HttpRequestLogging logging) {
        return new LoggerArgumentResolver(logging);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "org.slf4j.MDC")
    public RequestScopeTaskDecorator fapilogRequestScopeTaskDecorator() {
        return new RequestScopeTaskDecorator();
    }

    @Bean
    @ConditionalOnMissingBean
    public FapilogWebMvcConfigurer fapilogWebMvcConfigurer(LoggerArgumentResolver argumentResolver) {
        return new FapilogWebMvcConfigurer(argumentResolver);
    }
}
