package io.fapilog.spring.autoconfigure;

import io.fapilog.config.InvalidSettingException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Explains a rejected {@code fapilog.*} value at start-up: which property, which value as the user
 * wrote it ({@code -1s}, not the bound {@code PT-1S}) and where, and what is allowed. (Values of the
 * wrong type, such as {@code fapilog.mode=bogus}, fail earlier, in binding, and are explained by
 * {@link FapilogBindFailureAnalyzer}.)
 */
public class FapilogConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    private final Environment environment;

    /** @param environment the failed application's, to find the value as written; {@code null} before there is one */
    public FapilogConfigurationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        ConfigurationProperty written = cause instanceof InvalidWrittenSettingException found && found.written() != null
                ? found.written() : written(environment, cause.property()); // where, also when the value is not shown
        String description = cause.value() != null
                ? "Invalid value " + shownValue(cause.value(), written) + " for " + cause.property() + "."
                : "Invalid value for " + cause.property() + ".";
        if (written != null && written.getOrigin() != null) {
            description += System.lineSeparator() + "Origin: " + written.getOrigin();
        }
        String action = "Update your application's configuration: " + cause.property() + " must be "
                + cause.allowed() + "." + splitAtCommas(cause, written);
        return new FailureAnalysis(description, action, cause);
    }

    /**
     * Spring Boot splits a list written on one line at its commas: a pattern with a counted
     * quantifier (three to four digits) became two items, neither of them what was meant. Says so,
     * and how to write it.
     */
    private static String splitAtCommas(InvalidSettingException cause, ConfigurationProperty written) {
        if (!PATTERNS.equals(cause.property()) || written == null || cause.value() == null
                || !(written.getValue() instanceof CharSequence text) || text.toString().equals(cause.value())
                || text.toString().indexOf(',') < 0) {
            return "";
        }
        return " Spring Boot splits a list written on one line at its commas, so '" + cause.value() + "' is a piece of '"
                + text + "': give a pattern with a comma a list item of its own (in YAML, or " + PATTERNS + "[0]=...).";
    }

    private static final String PATTERNS = "fapilog.redaction.patterns";

    /**
     * The written value ({@code 0}, not the bound {@code 0.0}), unless the bound one says more: the bad
     * item of a written list ({@code otlp} of {@code stdout-json,otlp}), or the written value with why
     * it failed, in brackets (a file that cannot be written); a placeholder's value, then the placeholder.
     * Quoted.
     */
    private static String shownValue(String bound, ConfigurationProperty written) {
        if (written == null || written.getValue() == null) {
            return "'" + bound + "'";
        }
        String text = String.valueOf(written.getValue());
        if (text.contains("${")) {
            return "'" + bound + "' (written as " + text + ")";  // a placeholder: the value it gave, and the placeholder
        }
        boolean itemOfAList = text.indexOf(',') >= 0 && text.contains(bound);
        return "'" + (bound.startsWith(text + " (") || itemOfAList ? bound : text) + "'";
    }

    /** {@code property} as written in {@code environment}, with its origin; null if not there (or no environment). */
    static ConfigurationProperty written(Environment environment, String property) {
        if (!(environment instanceof ConfigurableEnvironment) || !ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
