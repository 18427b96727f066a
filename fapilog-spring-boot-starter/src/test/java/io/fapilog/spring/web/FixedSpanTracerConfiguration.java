package io.fapilog.spring.web;

import io.micrometer.tracing.Tracer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A Micrometer {@link Tracer} whose current span is always {@link #TRACE_ID} / {@link #SPAN_ID}. */
@TestConfiguration(proxyBeanMethods = false)
public class FixedSpanTracerConfiguration {

    public static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    public static final String SPAN_ID = "b7ad6b7169203331";

    @Bean
    Tracer tracer() {
        return TraceContextResolverTest.tracer(TraceContextResolverTest.span(TRACE_ID, SPAN_ID));
    }
}
