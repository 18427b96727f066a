package io.fapilog.spring.web.servlet;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Registers the {@link LoggerArgumentResolver} with Spring MVC. */
public class FapilogWebMvcConfigurer implements WebMvcConfigurer {

    private final LoggerArgumentResolver argumentResolver;

    public FapilogWebMvcConfigurer(LoggerArgumentResolver argumentResolver) {
        this.argumentResolver = argumentResolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(argumentResolver);
    }
}
