package io.fapilog.spring.autoconfigure;

import io.fapilog.spring.autoconfigure.kafka.FapilogKafkaProperties;
import io.fapilog.spring.autoconfigure.otlp.FapilogOtlpProperties;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.core.env.Environment;

/**
 * {@code fapilog.*} properties that no setting has, a typo such as {@code fapilog.presett} or
 * {@code fapilog.queue.capacty}: Spring Boot ignores them silently, so the start-up warns, naming them.
 * Only the application's own property sources are read (its files, arguments, JSON): environment
 * variables and system properties are not, as in Spring Boot's own check of unknown fields.
 */
public final class UnknownProperties {

    /** Each prefix and the properties class that binds it. */
    private static final Map<String, Class<?>> BOUND = Map.of("fapilog.otlp", FapilogOtlpProperties.class,
            "fapilog.kafka", FapilogKafkaProperties.class, "fapilog", FapilogProperties.class);

    private UnknownProperties() {
    }

    /** The warning to log, or null when every {@code fapilog.*} property set is one fapilog has. */
    public static String warning(Environment environment) {
        Set<String> unknown = new TreeSet<>();
        Binder binder = Binder.get(environment); // placeholders resolved, as the application's own binding does
        BOUND.forEach((prefix, type) -> {
            try {
                // Environment variables and system properties left out, as Spring Boot's own check does:
                // FAPILOG_HOME or FAPILOG_VERSION in a container's environment is no typo of the application's
                binder.bind(prefix, Bindable.of(type), new NoUnboundElementsBindHandler(BindHandler.DEFAULT,
                        new UnboundElementsSourceFilter()));
            } catch (BindException failure) {
                if (failure.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
                    for (ConfigurationProperty property : unbound.getUnboundProperties()) {
                        // a blank value binds to nothing, a known setting's too: it leaves the default, no typo to name
                        if (ownPrefix(property.getName()).equals(prefix) && !isBlank(property.getValue())) {
                            unknown.add(property.getName().toString());
                        }
                    }
                } // a value of the wrong type: the binding of the application's own properties reports it
            }
        });
        return unknown.isEmpty() ? null : "fapilog.* properties that fapilog has no setting for (a typo?), ignored: " + unknown;
    }

    private static boolean isBlank(Object value) {
        return value instanceof CharSequence text && text.toString().isBlank();
    }

    private static String ownPrefix(ConfigurationPropertyName name) {
        for (String prefix : BOUND.keySet()) {
            if (!prefix.equals("fapilog") && ConfigurationPropertyName.of(prefix).isAncestorOf(name)) {
                return prefix;
            }
        }
        return "fapilog";
    }
}
