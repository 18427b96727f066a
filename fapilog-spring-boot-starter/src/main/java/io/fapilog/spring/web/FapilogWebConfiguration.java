package io.fapilog.spring.web;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans the WebFlux and servlet request logging share: the {@link HttpRequestLogging} policy
 * and the {@link TraceContextResolver}. Imported by both web auto-configurations.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FapilogProperties.class)
public class FapilogWebConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public HttpRequestLogging fapilogHttpRequestLogging(FapilogRuntime runtime, FapilogProperties properties,
            TraceContextResolver traceContextResolver) {
        // The property when it is set, also over an application's own runtime (whose preset decides otherwise).
        Boolean enabled = properties.getRequestLogging().getEnabled();
        RequestLoggingSettings settings = RequestLoggingSettings.from(properties.getRequestLogging(),
                enabled != null ? enabled : runtime.config().requestLogging());
        return new HttpRequestLogging(runtime, settings, traceContextResolver);
    }

    @Bean
    @ConditionalOnMissingBean
    public TraceContextResolver fapilogTraceContextResolver() {
        return new W3cTraceContextResolver();
    }

    /** With Micrometer Tracing: the tracer's span first, the {@code traceparent} header when there is none. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class MicrometerTracingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TraceContextResolver fapilogMicrometerTraceContextResolver(ObjectProvider<Tracer> tracer) {
            return new MicrometerTraceContextResolver(tracer::getIfAvailable).orElse(new W3cTraceContextResolver());
        }
    }
}
