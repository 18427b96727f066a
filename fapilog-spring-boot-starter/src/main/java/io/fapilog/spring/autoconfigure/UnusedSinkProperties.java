package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogConfig;
import io.fapilog.config.SinkType;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code fapilog.http.*} or {@code fapilog.file.*} set while that sink is not in {@code fapilog.sinks}:
 * most likely the sink was meant to be on, and nothing says that those settings do nothing. So too
 * Spring Boot's {@code logging.file.*} and rolling-policy settings when the bridge has taken over
 * Boot's file appender and {@code fapilog.sinks}, set explicitly, has no {@code rotating-file}: the
 * file they name would stay empty.
 */
public final class UnusedSinkProperties {

    private static final ConfigurationPropertyName HTTP = ConfigurationPropertyName.of("fapilog.http");
    private static final ConfigurationPropertyName FILE = ConfigurationPropertyName.of("fapilog.file");
    /** Not the retired {@code logging.file.max-size} and the like: those are reported as not applied, whatever the sinks. */
    private static final List<ConfigurationPropertyName> BOOT_FILE = List.of(ConfigurationPropertyName.of("logging.file.name"),
            ConfigurationPropertyName.of("logging.file.path"), ConfigurationPropertyName.of("logging.logback.rollingpolicy"),
            ConfigurationPropertyName.of("logging.log4j2.rollingpolicy"));

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
                    if (!http && HTTP.isAncestorOf(name) || !file && FILE.isAncestorOf(name) || !file && config.bridgeSlf4j()
                            && BOOT_FILE.stream().anyMatch(boot -> boot.equals(name) || boot.isAncestorOf(name))) {
                        unused.add(name.toString());
                    }
                });
            }
        }
        return unused.isEmpty() ? null : "properties of sinks that are not in fapilog.sinks "
                + config.sinks().stream().map(SinkType::id).toList() + ", so not used: " + unused;
    }
}
