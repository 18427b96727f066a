package io.fapilog.spring.tracing;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Trace and span ids on every event, from every logger (fapilog's and bridged SLF4J ones), read at
 * call time from Micrometer Tracing's current span when the application has a {@link Tracer}, and
 * the baggage fields Boot correlates into the MDC.
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnClass(Tracer.class)
@ConditionalOnBean(FapilogRuntime.class)
public class FapilogTracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public FapilogTracingRegistration fapilogTracingRegistration(FapilogRuntime runtime, ObjectProvider<Tracer> tracer,
            Environment environment) {
        return new FapilogTracingRegistration(runtime, tracer, correlationFields(environment));
    }

    /**
     * The baggage fields Spring Boot puts into the MDC, so that Boot's own logging shows them
     * ({@code management.tracing.baggage.correlation.fields}, unless baggage or its correlation is
     * turned off): fapilog's events carry them too, from every logger, without the MDC enricher.
     */
    static List<String> correlationFields(Environment environment) {
        Binder binder = Binder.get(environment);
        boolean correlated = binder.bind("management.tracing.baggage.enabled", Boolean.class).orElse(true)
                && binder.bind("management.tracing.baggage.correlation.enabled", Boolean.class).orElse(true);
        return correlated
                ? binder.bind("management.tracing.baggage.correlation.fields", Bindable.listOf(String.class))
                        .orElse(List.of()).stream().map(String::strip).filter(name -> !name.isEmpty()).distinct().toList()
                : List.of();
    }
}
