package io.fapilog.config;

/**
 * A setting Fapilog rejected: which one (by its property name, such as {@code fapilog.queue.capacity}),
 * the value given and what is allowed. Thrown when a configuration is built or a runtime starts;
 * the Spring Boot starter turns it into a one-paragraph start-up failure report.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final String property;
    private final String value;
    private final String allowed;

    /**
     * @param property the property, for example {@code fapilog.queue.capacity}
     * @param value the rejected value as written, or {@code null} when it is missing or must not be shown
     * @param allowed what is allowed, for example {@code a number >= 1} or {@code one of: drop, wait}
     */
    public InvalidSettingException(String property, Object value, String allowed) {
        this(property, value, allowed, null);
    }

    public InvalidSettingException(String property, Object value, String allowed, Throwable cause) {
        super((value == null ? "Invalid value for " + property : "Invalid value '" + value + "' for " + property)
                + "; allowed: " + allowed, cause);
        this.property = property;
        this.value = value == null ? null : String.valueOf(value);
        this.allowed = allowed;
    }

    /** The property, for example {@code fapilog.queue.capacity}. */
    public String property() {
        return property;
    }

    /** The rejected value as written, or {@code null} when it was missing or must not be shown. */
    public String value() {
        return value;
    }

    /** What is allowed, for example {@code a number >= 1} or {@code one of: drop, wait}. */
    public String allowed() {
        return allowed;
    }

    /**
     * The longest duration a setting takes (a day): none needs more, and much longer ones (such as
     * {@code ChronoUnit.FOREVER}) would overflow the nanosecond arithmetic of waits and deadlines.
     */
    public static final java.time.Duration MAX_DURATION = java.time.Duration.ofDays(1);

    /**
     * Throws unless {@code value} is a duration up to {@link #MAX_DURATION}, longer than zero, or
     * zero too when {@code zeroAllowed}.
     */
    public static void requireDuration(String property, java.time.Duration value, boolean zeroAllowed) {
        require(value != null && !value.isNegative() && (zeroAllowed || !value.isZero()) && value.compareTo(MAX_DURATION) <= 0,
                property, value, (zeroAllowed ? "a duration >= 0" : "a duration > 0") + ", at most 1 day");
    }

    /** Throws unless {@code valid}. */
    public static void require(boolean valid, String property, Object value, String allowed) {
        if (!valid) {
            throw new InvalidSettingException(property, value, allowed);
        }
    }
}
