package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogConfig;
import io.fapilog.config.SinkType;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

import java.util.Set;
import java.util.TreeSet;

/**
 * {@code fapilog.http.*} or {@code fapilog.file.*} set while that sink is not in {@code fapilog.sinks}:
 * most likely the sink was meant to be on, and nothing says that those settings do nothing.
 */
public final class UnusedSinkProperties {

    private static final ConfigurationPropertyName HTTP = ConfigurationPropertyName.of("fapilog.http");
    private static final ConfigurationPropertyName FILE = ConfigurationPropertyName.of("fapilog.file");

    private UnusedSinkProperties() {
    }

    /** The warning to log, or null when every sink property set is used. */
    public static String warning(Environment environment, FapilogConfig config) {
        boolean http = config.sinks().contains(SinkType.HTTP);
        boolean file = config.sinks().contains(SinkType.ROTATING_FILE);
        if (http && file) {
            return null;
        }
        Set<String> unused = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.forEach(name -> {
                    if (!http && HTTP.isAncestorOf(name) || !file && FILE.isAncestorOf(name)) {
                        unused.add(name.toString());
                    }
                });
            }
        }
        return unused.isEmpty() ? null : "fapilog properties of sinks that are not in fapilog.sinks "
                + config.sinks().stream().map(SinkType::id).toList() + ", so not used: " + unused;
    }
}
