package io.fapilog.spring.actuate;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link FapilogSecretsSanitizer}, so that the actuator's property endpoints never show the
 * secrets of fapilog's sinks. Replace it with a bean of the same name.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
public class FapilogSanitizingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "fapilogSecretsSanitizer")
    FapilogSecretsSanitizer fapilogSecretsSanitizer() {
        return new FapilogSecretsSanitizer();
    }
}
