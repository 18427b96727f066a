package io.fapilog.spring.web.reactive;

import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** Registers the {@link AsyncLoggerArgumentResolver} with WebFlux. */
public class FapilogWebFluxConfigurer implements WebFluxConfigurer {

    private final AsyncLoggerArgumentResolver argumentResolver;

    public FapilogWebFluxConfigurer(AsyncLoggerArgumentResolver argumentResolver) {
        this.argumentResolver = argumentResolver;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(argumentResolver);
    }
}
