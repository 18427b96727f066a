package io.fapilog.spring.autoconfigure;

import io.fapilog.config.InvalidSettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a rejected {@code fapilog.*} value at start-up: which property, which value, and what is
 * allowed. (Values of the wrong type, such as {@code fapilog.mode=bogus}, fail earlier, in binding,
 * and are explained by Spring Boot's own analyzer, which also lists the valid values.)
 */
public class FapilogConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        String description = cause.value() != null
                ? "Invalid value '" + cause.value() + "' for " + cause.property() + "."
                : "Invalid value for " + cause.property() + ".";
        String action = "Update your application's configuration: " + cause.property() + " must be "
                + cause.allowed() + ".";
        return new FailureAnalysis(description, action, cause);
    }
}
