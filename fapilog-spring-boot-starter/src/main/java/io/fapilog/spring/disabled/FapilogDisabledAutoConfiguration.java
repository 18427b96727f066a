package io.fapilog.spring.disabled;

import io.fapilog.AsyncLogger;
import io.fapilog.Logger;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.env.Environment;
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
 * ({@link Slf4jLogger}), named after the controller class; an {@link HttpRequestContext} parameter
 * to the request's id (the valid incoming one or a new one), method and path. So switching fapilog
 * off never turns a request into an error.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "fapilog.enabled", havingValue = false)
@ConditionalOnClass(name = "org.slf4j.LoggerFactory")
public class FapilogDisabledAutoConfiguration {

    static Logger logger(MethodParameter parameter) {
        return new Slf4jLogger(parameter.getContainingClass().getName());
    }

    /** The header the request id is read from, as when fapilog is on. */
    static String requestIdHeader(Environment environment) {
        return environment.getProperty("fapilog.request-logging.request-id-header", "X-Request-ID");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class Servlet {

        @Bean
        WebMvcConfigurer fapilogDisabledLoggerResolver(Environment environment) {
            String header = requestIdHeader(environment);
            return new WebMvcConfigurer() {
                @Override
                public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                    resolvers.add(new HandlerMethodArgumentResolver() {
                        @Override
                        public boolean supportsParameter(MethodParameter parameter) {
                            Class<?> type = parameter.getParameterType();
                            return type == Logger.class || type == HttpRequestContext.class;
                        }

                        @Override
                        public Object resolveArgument(MethodParameter parameter,
                                org.springframework.web.method.support.ModelAndViewContainer mavContainer,
                                org.springframework.web.context.request.NativeWebRequest webRequest,
                                org.springframework.web.bind.support.WebDataBinderFactory binderFactory) {
                            if (parameter.getParameterType() == Logger.class) {
                                return logger(parameter);
                            }
                            HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
                            Object known = request.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT);
                            if (known instanceof HttpRequestContext context) {
                                return context;
                            }
                            HttpRequestContext context = HttpRequestContext.unlogged(request.getHeader(header),
                                    request.getMethod(), request.getRequestURI());
                            request.setAttribute(FapilogWebAttributes.REQUEST_CONTEXT, context);
                            return context;
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
        WebFluxConfigurer fapilogDisabledLoggerResolver(Environment environment) {
            String header = requestIdHeader(environment);
            return new WebFluxConfigurer() {
                @Override
                public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                    configurer.addCustomResolver(new SyncHandlerMethodArgumentResolver() {
                        @Override
                        public boolean supportsParameter(MethodParameter parameter) {
                            Class<?> type = parameter.getParameterType();
                            return type == Logger.class || type == AsyncLogger.class || type == HttpRequestContext.class;
                        }

                        @Override
                        public Object resolveArgumentValue(MethodParameter parameter, BindingContext bindingContext,
                                ServerWebExchange exchange) {
                            if (parameter.getParameterType() == HttpRequestContext.class) {
                                return exchange.getAttributes().computeIfAbsent(FapilogWebAttributes.REQUEST_CONTEXT,
                                        name -> HttpRequestContext.unlogged(exchange.getRequest().getHeaders().getFirst(header),
                                                exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value()));
                            }
                            Logger logger = logger(parameter);
                            return parameter.getParameterType() == Logger.class ? logger : new Slf4jAsyncLogger(logger);
                        }
                    });
                }
            };
        }
    }
}
