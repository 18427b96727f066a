package io.fapilog.spring.tracing;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Trace and span ids on every event, from every logger (fapilog's and bridged SLF4J ones), read at
 * call time from Micrometer Tracing's current span when the application has a {@link Tracer}.
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnClass(Tracer.class)
@ConditionalOnBean(FapilogRuntime.class)
public class FapilogTracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public FapilogTracingRegistration fapilogTracingRegistration(FapilogRuntime runtime, ObjectProvider<Tracer> tracer) {
        return new FapilogTracingRegistration(runtime, tracer);
    }
}
