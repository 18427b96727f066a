package io.fapilog.spring.autoconfigure;

import io.fapilog.config.InvalidSettingException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.core.env.Environment;

/**
 * Fails the start when {@code fapilog.enabled} is neither {@code true} nor {@code false}: every
 * Fapilog auto-configuration is conditional on it, so a typo ({@code fapilog.enabled=yes}) would
 * otherwise switch Fapilog off without a word.
 */
@AutoConfiguration(before = FapilogAutoConfiguration.class)
public class FapilogSwitchAutoConfiguration {

    static final String PROPERTY = "fapilog.enabled";

    FapilogSwitchAutoConfiguration(Environment environment) {
        String value = environment.getProperty(PROPERTY);
        // Not stripped: the conditions compare the raw value, so "true " would switch Fapilog off too.
        if (value != null && !"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw new InvalidSettingException(PROPERTY, value, "true or false");
        }
    }
}
