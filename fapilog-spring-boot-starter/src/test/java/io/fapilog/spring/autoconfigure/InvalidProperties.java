package io.fapilog.spring.autoconfigure;

import io.fapilog.config.InvalidSettingException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that a bad property value fails start-up with a message naming the property and what it takes. */
public final class InvalidProperties {

    private InvalidProperties() {
    }

    /** Runs {@code runner} with {@code property=value} and expects an {@link InvalidSettingException} saying so. */
    public static void assertStartUpFails(ApplicationContextRunner runner, String property, String value, String allowed) {
        runner.withPropertyValues(property + "=" + (value == null ? "" : value)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining(property).hasMessageContaining(allowed);
        });
    }
}
