package io.fapilog.spring.actuate;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.ApplicationExecutionMode;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The {@link FapilogEndpoint} ({@code /actuator/fapilog}), when the actuator is present and the
 * endpoint is available (enabled and exposed).
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(FapilogRuntime.class)
public class FapilogEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    FapilogEndpoint fapilogEndpoint(FapilogRuntime runtime, ApplicationContext context) {
        return new FapilogEndpoint(runtime, ApplicationExecutionMode.of(runtime.config().mode(), context));
    }
}
