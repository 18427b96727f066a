package io.fapilog.spring.logging;

import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * The application {@link FapilogAotProcessingTests} processes ahead of time: a top-level class, as
 * Spring Boot looks its generated initializer up by the main class's name.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ FapilogAutoConfiguration.class, FapilogSlf4jBridgeAutoConfiguration.class })
public class AotProcessedApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AotProcessedApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args);
    }
}
