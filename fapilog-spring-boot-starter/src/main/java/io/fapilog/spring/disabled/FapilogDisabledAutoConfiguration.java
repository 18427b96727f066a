package io.fapilog.spring.disabled;

import io.fapilog.AsyncLogger;
import io.fapilog.Logger;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.SyncHandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * With {@code fapilog.enabled=false}, controller parameters of type {@link Logger} and
 * {@link AsyncLogger} still resolve: to loggers that hand events to the plain logging system
 * ({@link Slf4jLogger}), named after the controller class, so switching fapilog off never turns a
 * request into a 500.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "fapilog.enabled", havingValue = false)
@ConditionalOnClass(name = "org.slf4j.LoggerFactory")
public class FapilogDisabledAutoConfiguration {

    static Logger logger(MethodParameter parameter) {
        return new Slf4jLogger(parameter.getContainingClass().getName());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class Servlet {

        @Bean
        WebMvcConfigurer fapilogDisabledLoggerResolver() {
            return new WebMvcConfigurer() {
                @Override
                public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                    resolvers.add(new HandlerMethodArgumentResolver() {
                        @Override
                        public boolean supportsParameter(MethodParameter parameter) {
                            return parameter.getParameterType() == Logger.class;
                        }

                        @Override
                        public Object resolveArgument(MethodParameter parameter,
                                org.springframework.web.method.support.ModelAndViewContainer mavContainer,
                                org.springframework.web.context.request.NativeWebRequest webRequest,
                                org.springframework.web.bind.support.WebDataBinderFactory binderFactory) {
                            return logger(parameter);
                        }
                    });
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass({ WebFluxConfigurer.class, Mono.class })
    static class Reactive {

        @Bean
        WebFluxConfigurer fapilogDisabledLoggerResolver() {
            return new WebFluxConfigurer() {
                @Override
                public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                    configurer.addCustomResolver(new SyncHandlerMethodArgumentResolver() {
                        @Override
                        public boolean supportsParameter(MethodParameter parameter) {
                            Class<?> type = parameter.getParameterType();
                            return type == Logger.class || type == AsyncLogger.class;
                        }

                        @Override
                        public Object resolveArgumentValue(MethodParameter parameter, BindingContext bindingContext,
                                ServerWebExchange exchange) {
                            Logger logger = logger(parameter);
                            return parameter.getParameterType() == Logger.class ? logger : new Slf4jAsyncLogger(logger);
                        }
                    });
                }
            };
        }
    }
}
