package io.fapilog.spring.autoconfigure;

import io.fapilog.config.InvalidSettingException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Fails the start as soon as the environment is prepared when {@code fapilog.enabled} is neither
 * {@code true} nor {@code false}. Every Fapilog auto-configuration is conditional on it, so a typo
 * ({@code fapilog.enabled=yes}) would switch Fapilog off; and a check in an auto-configuration comes
 * too late, since the application's own beans are created first: one that needs the
 * {@code FapilogRuntime} would fail the start with a missing bean instead of the bad value.
 * Registered in {@code META-INF/spring.factories}; {@link FapilogSwitchAutoConfiguration} applies the
 * same check to contexts that {@link SpringApplication} does not start.
 */
public class FapilogEnabledEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY = "fapilog.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment);
    }

    /** Throws unless {@code fapilog.enabled} is unset, {@code true} or {@code false} (in any case). */
    static void check(Environment environment) {
        String value = environment.getProperty(PROPERTY);
        // Not stripped: the conditions compare the raw value, so "true " would switch Fapilog off too.
        if (value != null && !"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw new InvalidSettingException(PROPERTY, value, "true or false");
        }
    }
}
