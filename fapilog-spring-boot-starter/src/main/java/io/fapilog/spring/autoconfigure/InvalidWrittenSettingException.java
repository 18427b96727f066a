package io.fapilog.spring.autoconfigure;

import io.fapilog.config.InvalidSettingException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;

/**
 * A rejected value found before the application has a context ({@link FapilogEnabledEnvironmentPostProcessor}),
 * when Spring Boot's failure analyzers get no environment to look it up in: it brings where it is written.
 */
final class InvalidWrittenSettingException extends InvalidSettingException {

    private static final long serialVersionUID = 1L;

    private final transient ConfigurationProperty written;

    InvalidWrittenSettingException(String property, Object value, String allowed, ConfigurationProperty written) {
        super(property, value, allowed);
        this.written = written;
    }

    /** The property as written, with its origin; null if not found. */
    ConfigurationProperty written() {
        return written;
    }
}
