package io.fapilog.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.env.Environment;

/**
 * Fails the start when {@code fapilog.enabled} is neither {@code true} nor {@code false}, for
 * contexts where {@link FapilogEnabledEnvironmentPostProcessor} did not run (one not started by
 * {@code SpringApplication}, such as an {@code ApplicationContextRunner}'s): every Fapilog
 * auto-configuration is conditional on it, so a typo ({@code fapilog.enabled=yes}) would otherwise
 * switch Fapilog off without a word.
 */
@AutoConfiguration(before = FapilogAutoConfiguration.class)
public class FapilogSwitchAutoConfiguration {

    FapilogSwitchAutoConfiguration(Environment environment) {
        FapilogEnabledEnvironmentPostProcessor.check(environment);
    }
}
