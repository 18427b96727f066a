package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogConfig;
import io.fapilog.config.Format;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.config.StructuredJson;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spring Boot's own logging configuration ({@code logging.*}) as fapilog settings, for what
 * {@code fapilog.*} leaves unset: the JSON layout from {@code logging.structured.format.console}
 * (or {@code .file}), member adjustments from {@code logging.structured.json.*}, service fields from
 * {@code logging.structured.ecs.service.*} and {@code spring.application.version}, the rotating file
 * from {@code logging.file.*} and {@code logging.logback.rollingpolicy.*}.
 * {@link #unhonoured(Environment)} names the {@code logging.*} properties set that fapilog does not
 * apply, for the one start-up warning.
 */
public final class BootLoggingProperties {

    /** {@code logging.*} prefixes fapilog applies; properties under any other prefix are reported. */
    private static final List<String> HONOURED = List.of("logging.level.", "logging.group.",
            "logging.structured.format.console", "logging.structured.format.file",
            "logging.structured.json.include", "logging.structured.json.exclude", "logging.structured.json.rename",
            "logging.structured.json.add", "logging.structured.ecs.service.", "logging.file.name", "logging.file.path",
            "logging.logback.rollingpolicy.max-file-size", "logging.logback.rollingpolicy.max-history",
            "logging.logback.rollingpolicy.total-size-cap",
            "logging.register-shutdown-hook", "logging.config");

    private BootLoggingProperties() {
    }

    /** Applies the {@code logging.*} settings {@code properties} does not override to {@code builder}. */
    static void apply(FapilogConfig.Builder builder, FapilogProperties properties, Environment environment,
                      FapilogConfig presetOnly) {
        boolean bridged = properties.getBridge().getSlf4j() != null ? properties.getBridge().getSlf4j()
                : presetOnly.bridgeSlf4j();
        Binder binder = Binder.get(environment);
        if (properties.getFormat() == null) {
            Format format = format(environment.getProperty("logging.structured.format.console"));
            if (format == null) {
                format = format(environment.getProperty("logging.structured.format.file"));
            }
            if (format != null) {
                builder.format(format);
            }
        }
        builder.structuredJson(new StructuredJson(
                binder.bind("logging.structured.json.include", Bindable.setOf(String.class)).orElse(Set.of()),
                binder.bind("logging.structured.json.exclude", Bindable.setOf(String.class)).orElse(Set.of()),
                binder.bind("logging.structured.json.rename", Bindable.mapOf(String.class, String.class)).orElse(Map.of()),
                binder.bind("logging.structured.json.add", Bindable.mapOf(String.class, String.class)).orElse(Map.of()),
                environment.getProperty("logging.structured.ecs.service.node-name"), null));
        if (bridged && properties.getFile().getPath() == null) {
            Path file = logFile(environment);
            if (file != null) {
                RotatingFileSettings defaults = RotatingFileSettings.defaults();
                FapilogProperties.File own = properties.getFile();
                DataSize maxSize = own.getMaxFileSize() != null ? own.getMaxFileSize()
                        : binder.bind("logging.logback.rollingpolicy.max-file-size", DataSize.class).orElse(null);
                Integer maxHistory = own.getMaxHistory() != null ? own.getMaxHistory()
                        : binder.bind("logging.logback.rollingpolicy.max-history", Integer.class).orElse(null);
                DataSize totalSizeCap = own.getTotalSizeCap() != null ? own.getTotalSizeCap()
                        : binder.bind("logging.logback.rollingpolicy.total-size-cap", DataSize.class).orElse(null);
                builder.file(new RotatingFileSettings(file,
                        maxSize != null ? maxSize.toBytes() : defaults.maxFileSize(),
                        own.getRotateDaily() != null ? own.getRotateDaily() : defaults.rotateDaily(),
                        maxHistory != null ? maxHistory : defaults.maxHistory(),
                        own.getGzip() != null ? own.getGzip() : defaults.gzip(),
                        defaults.bufferSize(),
                        totalSizeCap != null ? totalSizeCap.toBytes() : defaults.totalSizeCap()));
                if (properties.getSinks() == null && !presetOnly.sinks().contains(SinkType.ROTATING_FILE)) {
                    List<SinkType> sinks = new ArrayList<>(presetOnly.sinks());
                    sinks.add(SinkType.ROTATING_FILE);
                    builder.sinks(sinks);
                }
            }
        }
    }

    /** Service name, environment and version: {@code fapilog.service.*}, else Boot's. */
    static String[] service(FapilogProperties.Service own, Environment environment) {
        String name = first(own.getName(), environment.getProperty("logging.structured.ecs.service.name"),
                environment.getProperty("spring.application.name"));
        String env = first(own.getEnv(), environment.getProperty("logging.structured.ecs.service.environment"), null);
        String version = first(own.getVersion(), environment.getProperty("logging.structured.ecs.service.version"),
                environment.getProperty("spring.application.version"));
        return new String[] { name, env, version };
    }

    /** Boot's log file: {@code logging.file.name}, else {@code spring.log} in {@code logging.file.path}. */
    static Path logFile(Environment environment) {
        String name = environment.getProperty("logging.file.name");
        if (name != null && !name.isBlank()) {
            return Path.of(name);
        }
        String directory = environment.getProperty("logging.file.path");
        return directory != null && !directory.isBlank() ? Path.of(directory, "spring.log") : null;
    }

    private static Format format(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return switch (id.trim().toLowerCase(Locale.ROOT)) {
            case "ecs" -> Format.ECS;
            case "logstash" -> Format.LOGSTASH;
            case "gelf" -> Format.GELF;
            default -> null; // a formatter class: reported by unhonoured(..)
        };
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }

    /**
     * The {@code logging.*} properties set in {@code environment} that fapilog does not apply
     * (a pattern, a charset, the stack trace options, a custom formatter class…), sorted.
     */
    public static Set<String> unhonoured(Environment environment) {
        Set<String> names = new TreeSet<>();
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return names;
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable
                    && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                for (String name : enumerable.getPropertyNames()) {
                    String canonical = name.toLowerCase(Locale.ROOT);
                    if (canonical.startsWith("logging.") && HONOURED.stream().noneMatch(canonical::startsWith)) {
                        names.add(name);
                    }
                }
            }
        }
        for (String format : new String[] { "console", "file" }) {
            String value = environment.getProperty("logging.structured.format." + format);
            if (value != null && !value.isBlank() && format(value) == null) {
                names.add("logging.structured.format." + format + "=" + value);
            }
        }
        String console = environment.getProperty("logging.structured.format.console");
        String file = environment.getProperty("logging.structured.format.file");
        if (console != null && file != null && !console.equalsIgnoreCase(file)) {
            names.add("logging.structured.format.file (every fapilog sink uses one layout: " + console + ")");
        }
        return names;
    }

    /** The start-up warning for {@link #unhonoured}, or null when every {@code logging.*} property applies. */
    public static String warning(Environment environment) {
        Set<String> names = unhonoured(environment);
        return names.isEmpty() ? null
                : "logging.* properties fapilog does not apply (its pipeline writes these events): " + new ArrayList<>(names);
    }
}
