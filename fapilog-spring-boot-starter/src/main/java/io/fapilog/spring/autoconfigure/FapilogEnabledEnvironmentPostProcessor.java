package io.fapilog.spring.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Fails the start as soon as the environment is prepared when {@code fapilog.enabled}, or another of
 * the {@link #SWITCHES}, is neither {@code true} nor {@code false}. Every Fapilog auto-configuration is
 * conditional on {@code fapilog.enabled}, and the others switch a module or a behaviour on or off, and
 * their conditions compare the text: a value the binder reads as a boolean ({@code yes}, {@code on},
 * {@code 1}) would switch them off, and {@code no} or {@code off} on; and a check in an auto-configuration comes
 * too late, since the application's own beans are created first: one that needs the
 * {@code FapilogRuntime} would fail the start with a missing bean instead of the bad value.
 * Registered in {@code META-INF/spring.factories}; {@link FapilogSwitchAutoConfiguration} applies the
 * same check to contexts that {@link SpringApplication} does not start.
 */
public class FapilogEnabledEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY = "fapilog.enabled";

    /** The properties that conditions read as {@code true} or {@code false}. */
    static final List<String> SWITCHES = List.of(PROPERTY, "fapilog.otlp.enabled", "fapilog.kafka.enabled",
            "fapilog.request-logging.propagate-context");
    /**
     * The switches that are off when unset: blank ({@code ${VAR}} of a variable not set) reads as off
     * to their conditions too, so it is taken. A blank switch that is on when unset would turn it off.
     */
    private static final List<String> OFF_WHEN_UNSET = List.of("fapilog.otlp.enabled", "fapilog.kafka.enabled");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment);
    }

    /** Throws unless each of the {@link #SWITCHES} is unset, {@code true} or {@code false} (in any case), or blank where that is off. */
    static void check(Environment environment) {
        for (String property : SWITCHES) {
            String value = environment.getProperty(property);
            // Not stripped: the conditions compare the raw value, so "true " would switch Fapilog off too.
            if (value != null && !"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)
                    && !(value.isEmpty() && OFF_WHEN_UNSET.contains(property))) {
                throw new InvalidWrittenSettingException(property, value, "true or false",
                        FapilogConfigurationFailureAnalyzer.written(environment, property));
            }
        }
    }
}
