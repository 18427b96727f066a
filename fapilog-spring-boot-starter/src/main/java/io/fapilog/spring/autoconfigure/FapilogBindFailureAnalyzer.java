package io.fapilog.spring.autoconfigure;

import io.fapilog.Level;
import io.fapilog.config.SinkType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.util.unit.DataSize;

/**
 * Explains a {@code fapilog.*} value of the wrong type ({@code fapilog.queue.wait-timeout=fast},
 * {@code fapilog.mode=bogus}): the property, the value as written and where, and what is allowed,
 * in the docs' spelling. Spring Boot's own report names no allowed value for a duration, size,
 * number or boolean, and lists an enum's constants as Java spells them ({@code BOUND_LOOP}).
 * Values of the right type that fapilog rejects are explained by {@link FapilogConfigurationFailureAnalyzer}.
 */
public class FapilogBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        String allowed = allowed(cause.getTarget().getType());
        if (property == null || allowed == null || !(cause.getCause() instanceof ConversionFailedException)
                || !cause.getName().toString().startsWith("fapilog.")) {
            return null; // Spring Boot's analyzer explains it
        }
        String description = "Invalid value '" + property.getValue() + "' for " + property.getName() + ".";
        if (property.getOrigin() != null) {
            description += System.lineSeparator() + "Origin: " + property.getOrigin();
        }
        return new FailureAnalysis(description,
                "Update your application's configuration: " + property.getName() + " must be " + allowed + ".", cause);
    }

    /** What values of {@code type} may be, or null for a type Spring Boot's report explains well enough. */
    private static String allowed(ResolvableType type) {
        Class<?> target = type.resolve(Object.class);
        if (Collection.class.isAssignableFrom(target)) {
            String element = allowed(type.asCollection().getGeneric(0));
            return element == null ? null : "a comma-separated list, each item " + element;
        }
        if (target == Duration.class) {
            return "a duration such as 50ms, 2s or 1m";
        }
        if (target == DataSize.class) {
            return "a size such as 512KB, 10MB or 1GB";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number"; // not the type's range: the property's own is checked, and told, once it is one
        }
        if (target == Double.class || target == double.class || target == Float.class || target == float.class) {
            return "a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == Level.class) {
            return "one of: " + Level.allowedValues();
        }
        if (target == SinkType.class) {
            return "one of: " + Arrays.stream(SinkType.values()).map(SinkType::id).collect(Collectors.joining(", "))
                    + ", otlp (with fapilog-opentelemetry), kafka (with fapilog-kafka)";
        }
        if (target.isEnum()) {
            return "one of: " + Arrays.stream(target.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before Spring Boot's analyzer of the same failure
    }
}
