package io.fapilog.spring.autoconfigure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code fapilog.*} value that Fapilog rejected, with the property it came from and what a valid
 * value looks like. Reported at start-up by {@link FapilogConfigurationFailureAnalyzer}.
 */
public class FapilogConfigurationException extends IllegalArgumentException {

    private static final Pattern INVALID_VALUE =
            Pattern.compile("Invalid value '(.*)' for (fapilog\\.\\S+); allowed( values)?: (.*)", Pattern.DOTALL);
    private static final Pattern MUST =
            Pattern.compile("(fapilog\\.\\S+) must (.*?)(?:, was (.*))?", Pattern.DOTALL);

    private final String property;
    private final String value;
    private final String requirement;

    /**
     * @param property the property, for example {@code fapilog.queue.capacity}
     * @param value the rejected value, or {@code null} when it was missing
     * @param requirement what the property must be, completing "{@code <property> must …}", for
     *                    example {@code be a number >= 1} or {@code be one of: drop, wait}
     * @param cause the error of the component that rejected it
     */
    public FapilogConfigurationException(String property, String value, String requirement, Throwable cause) {
        super(value != null
                ? "Invalid value '" + value + "' for " + property + "; it must " + requirement
                : "Invalid value for " + property + "; it must " + requirement, cause);
        this.property = property;
        this.value = value;
        this.requirement = requirement;
    }

    /**
     * Recognises the errors of Fapilog's configuration ("Invalid value 'x' for fapilog.y; allowed: …",
     * "fapilog.y must …"); returns {@code null} for any other error.
     */
    public static FapilogConfigurationException from(IllegalArgumentException error) {
        if (error instanceof FapilogConfigurationException known) {
            return known;
        }
        String message = error.getMessage();
        if (message == null) {
            return null;
        }
        Matcher invalid = INVALID_VALUE.matcher(message);
        if (invalid.matches()) {
            String allowed = invalid.group(4);
            String requirement = invalid.group(3) != null ? "be one of: " + allowed : "be " + allowed;
            return new FapilogConfigurationException(invalid.group(2), invalid.group(1), requirement, error);
        }
        Matcher must = MUST.matcher(message);
        if (must.matches()) {
            return new FapilogConfigurationException(must.group(1), must.group(3), must.group(2), error);
        }
        return null;
    }

    /** The property, for example {@code fapilog.queue.capacity}. */
    public String getProperty() {
        return property;
    }

    /** The rejected value, or {@code null} when it was missing. */
    public String getValue() {
        return value;
    }

    /** What the property must be, completing "{@code <property> must …}". */
    public String getRequirement() {
        return requirement;
    }
}
