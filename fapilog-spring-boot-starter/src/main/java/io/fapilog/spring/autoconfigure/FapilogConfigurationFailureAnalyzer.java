package io.fapilog.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a rejected {@code fapilog.*} value at start-up: which property, which value, and what it
 * must be. (Values of the wrong type, such as {@code fapilog.mode=bogus}, fail earlier, in binding,
 * and are explained by Spring Boot's own analyzer, which also lists the valid values.)
 */
public class FapilogConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<FapilogConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FapilogConfigurationException cause) {
        String description = cause.getValue() != null
                ? "Invalid value '" + cause.getValue() + "' for " + cause.getProperty() + "."
                : "Invalid value for " + cause.getProperty() + ".";
        String action = "Update your application's configuration: " + cause.getProperty() + " must "
                + cause.getRequirement() + ".";
        return new FailureAnalysis(description, action, cause);
    }
}
