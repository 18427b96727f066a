package io.fapilog.spring.web;

import io.fapilog.FapilogRuntime;
import io.fapilog.sinks.InMemorySink;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The application's {@link FapilogRuntime}: {@link EventCapture#runtime}, writing to an {@link InMemorySink} bean. */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryRuntimeConfiguration {

    /** The name of the runtime bean. */
    public static final String RUNTIME_BEAN = "inMemoryRuntime";

    @Bean
    InMemorySink memorySink() {
        return new InMemorySink();
    }

    @Bean(name = RUNTIME_BEAN, destroyMethod = "close")
    FapilogRuntime inMemoryRuntime(InMemorySink memorySink) {
        return EventCapture.runtime(memorySink);
    }
}
