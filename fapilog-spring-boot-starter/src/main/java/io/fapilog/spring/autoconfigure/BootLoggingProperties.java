package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogConfig;
import io.fapilog.config.Format;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;
import io.fapilog.config.StackTraceStyle;
import io.fapilog.config.StructuredJson;
import io.fapilog.spring.logging.LoggingSystemLevels;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.logging.LogLevel;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring Boot's own logging configuration ({@code logging.*}) as fapilog settings, for what
 * {@code fapilog.*} leaves unset: the JSON layout from {@code logging.structured.format.console}
 * (or {@code .file}), member adjustments, stack trace options and context members from
 * {@code logging.structured.json.*}, service fields from {@code logging.structured.ecs.service.*},
 * {@code logging.structured.gelf.*} and {@code spring.application.version}, the rotating file
 * from {@code logging.file.*} and {@code logging.logback.rollingpolicy.*} (on Log4j2, the
 * {@code logging.log4j2.rollingpolicy.*} size, history and file name pattern), the sinks' thresholds
 * from {@code logging.threshold.console} (standard output) and {@code .file} (the rotating file).
 * {@link #unhonoured(Environment)} names the {@code logging.*} properties set that fapilog does not
 * apply, for the one start-up warning.
 */
public final class BootLoggingProperties {

    /** {@code logging.*} prefixes fapilog applies; properties under any other prefix are reported. */
    private static final List<String> HONOURED = List.of("logging.level.", "logging.group.",
            "logging.structured.format.console", "logging.structured.format.file",
            "logging.structured.json.include", "logging.structured.json.exclude", "logging.structured.json.rename",
            "logging.structured.json.add", "logging.structured.json.stacktrace.", "logging.structured.json.context.",
            "logging.structured.ecs.service.", "logging.structured.gelf.", "logging.file.name", "logging.file.path",
            "logging.logback.rollingpolicy.max-file-size", "logging.logback.rollingpolicy.max-history",
            "logging.logback.rollingpolicy.total-size-cap", "logging.logback.rollingpolicy.clean-history-on-start",
            "logging.logback.rollingpolicy.file-name-pattern", "logging.log4j2.rollingpolicy.max-file-size",
            "logging.log4j2.rollingpolicy.max-history", "logging.log4j2.rollingpolicy.file-name-pattern",
            "logging.log4j2.config.override",
            "logging.register-shutdown-hook", "logging.config", "logging.threshold.console", "logging.threshold.file",
            "logging.expect-correlation-id"); // set by Spring Boot's tracing; fapilog writes trace ids whenever there are some

    private static final ConfigurationPropertyName LOGGING = ConfigurationPropertyName.of("logging");
    private static final String STACK_TRACE = "logging.structured.json.stacktrace.";
    static final String LOGBACK_POLICY = "logging.logback.rollingpolicy.";
    static final String LOG4J2_POLICY = "logging.log4j2.rollingpolicy.";
    /** The rolled-file names fapilog writes, as a Logback pattern: {@code <file>.<yyyy-MM-dd>.<n>[.gz]}. */
    private static final Pattern FAPILOG_ROLLED_NAMES = Pattern.compile("(.+)\\.%d\\{yyyy-MM-dd}\\.%i(\\.gz)?");

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
                environment.getProperty("logging.structured.ecs.service.node-name"), null, stackTrace(binder),
                new StructuredJson.ContextMembers(
                        binder.bind("logging.structured.json.context.include", Boolean.class).orElse(true),
                        environment.getProperty("logging.structured.json.context.prefix")),
                new StructuredJson.Gelf(environment.getProperty("logging.structured.gelf.host"),
                        environment.getProperty("logging.structured.gelf.service.version"))));
        if (bridged) { // fapilog's sinks stand for Boot's console and file appenders, thresholds included
            binder.bind("logging.threshold.console", LogLevel.class).map(LoggingSystemLevels::fapilogLevel).ifBound(level -> {
                builder.sinkThreshold(SinkType.STDOUT_JSON, level);
                builder.sinkThreshold(SinkType.STDOUT_PRETTY, level);
            });
            binder.bind("logging.threshold.file", LogLevel.class).map(LoggingSystemLevels::fapilogLevel)
                    .ifBound(level -> builder.sinkThreshold(SinkType.ROTATING_FILE, level));
        }
        BootLogFile file = bridged ? BootLogFile.of(properties.getFile(), environment) : null;
        if (file != null) {
            Matcher pattern = rolledNames(binder, file.path());
            builder.file(file.settings(properties.getFile(), pattern != null ? pattern.group(2) != null : null));
            if (properties.getSinks() == null && !presetOnly.sinks().contains(SinkType.ROTATING_FILE)) {
                List<SinkType> sinks = new ArrayList<>(presetOnly.sinks());
                sinks.add(SinkType.ROTATING_FILE);
                builder.sinks(sinks);
            }
        }
    }

    /**
     * {@code invalid}, thrown while the runtime configured with {@code file} started, under the
     * {@code logging.*} key the rejected value was read from when that is where it came from: a
     * {@code logging.file.name} that names a directory is reported as {@code logging.file.name}, not as
     * the {@code fapilog.file.path} it stood in for.
     */
    static InvalidSettingException reportedUnderKeySet(InvalidSettingException invalid, FapilogProperties properties,
                                                       Environment environment, RotatingFileSettings file) {
        BootLogFile boot = BootLogFile.of(properties.getFile(), environment);
        return boot != null && boot.path().equals(file.path()) ? boot.reportedUnderKeySet(invalid) : invalid;
    }

    /**
     * Boot's {@code logging.structured.json.stacktrace.*} as a style, as Boot chooses its printer: none
     * (fapilog's own printout, standing for the logging system's) when no option is set or the
     * printer is {@code logging-system}; a custom printer class is not applied (reported instead).
     */
    static StackTraceStyle stackTrace(Binder binder) {
        String printer = binder.bind(STACK_TRACE + "printer", String.class).map(BootLoggingProperties::printerId)
                .orElse("");
        String root = binder.bind(STACK_TRACE + "root", String.class).orElse(null);
        Integer maxLength = binder.bind(STACK_TRACE + "max-length", Integer.class).orElse(null);
        Integer maxDepth = binder.bind(STACK_TRACE + "max-throwable-depth", Integer.class).orElse(null);
        Boolean commonFrames = binder.bind(STACK_TRACE + "include-common-frames", Boolean.class).orElse(null);
        Boolean hashes = binder.bind(STACK_TRACE + "include-hashes", Boolean.class).orElse(null);
        boolean anyOption = root != null || maxLength != null || maxDepth != null || commonFrames != null || hashes != null;
        if ("loggingsystem".equals(printer) || (printer.isEmpty() && !anyOption)
                || !(printer.isEmpty() || "standard".equals(printer))) {
            return null;
        }
        boolean rootFirst = false;
        if (root != null) {
            switch (root.trim().toLowerCase(Locale.ROOT)) {
                case "first" -> rootFirst = true;
                case "last" -> rootFirst = false;
                default -> throw new InvalidSettingException(STACK_TRACE + "root", root, "first, last");
            }
        }
        InvalidSettingException.require(maxLength == null || maxLength > 0, STACK_TRACE + "max-length", maxLength,
                "a number > 0");
        InvalidSettingException.require(maxDepth == null || maxDepth > 0, STACK_TRACE + "max-throwable-depth",
                maxDepth, "a number > 0");
        return new StackTraceStyle(rootFirst, maxLength != null ? maxLength : 0, maxDepth != null ? maxDepth : 0,
                Boolean.TRUE.equals(commonFrames), Boolean.TRUE.equals(hashes));
    }

    /** Boot's printer names without case and dashes: {@code ""}, {@code standard}, {@code loggingsystem} or a class. */
    private static String printerId(String printer) {
        return printer.trim().toLowerCase(Locale.ROOT).replace("-", "");
    }

    /**
     * The rolling policy's file name pattern when it names rolled files as fapilog does
     * ({@code ${LOG_FILE}.%d{yyyy-MM-dd}.%i}, with {@code .gz} for compressed ones; Boot's default), else null.
     */
    private static Matcher rolledNames(Binder binder, Path file) {
        return fapilogsNames(rollingPolicy(binder, "file-name-pattern", String.class), file);
    }

    private static Matcher fapilogsNames(String value, Path file) {
        if (value == null) {
            return null;
        }
        Matcher matcher = FAPILOG_ROLLED_NAMES.matcher(value.trim());
        if (!matcher.matches()) {
            return null;
        }
        String base = matcher.group(1);
        return "${LOG_FILE}".equals(base) || (file != null && base.equals(file.toString())) ? matcher : null;
    }

    /** {@code logging.logback.rollingpolicy.<name>}, else {@code logging.log4j2.rollingpolicy.<name>}, else null. */
    private static <T> T rollingPolicy(Binder binder, String name, Class<T> type) {
        return binder.bind(LOGBACK_POLICY + name, type).orElseGet(() -> binder.bind(LOG4J2_POLICY + name, type).orElse(null));
    }

    /** Service name, environment and version: {@code fapilog.service.*}, else Boot's; blank ones are unset. */
    static String[] service(FapilogProperties.Service own, Environment environment) {
        String name = first(own.getName(), environment.getProperty("logging.structured.ecs.service.name"),
                environment.getProperty("spring.application.name"));
        String env = first(own.getEnv(), environment.getProperty("logging.structured.ecs.service.environment"));
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

    /** The first that is set: blank is unset, as Boot takes it (what {@code ${VAR}} gives for a variable not set). */
    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /**
     * The {@code logging.*} properties set in {@code environment} that fapilog does not apply
     * (a pattern, a charset, the stack trace options, a custom formatter class…), sorted.
     */
    public static Set<String> unhonoured(Environment environment) {
        // Boot's names of every source (an environment variable LOGGING_PATTERN_CONSOLE is logging.pattern.console),
        // compared without dashes, which an environment variable cannot write; one entry a property, its dashed name
        Map<String, String> reported = new HashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.forEach(property -> {
                    if (LOGGING.isAncestorOf(property)) {
                        String name = property.toString();
                        String entry = name;
                        if (HONOURED.stream().anyMatch(honoured -> dashless(name).startsWith(dashless(honoured)))) {
                            String reason = notApplied(name, environment);
                            entry = reason == null ? null : name + reason;
                        }
                        if (entry != null) {
                            reported.merge(dashless(name), entry, (kept, other) -> kept.length() >= other.length() ? kept : other);
                        }
                    }
                });
            }
        }
        Set<String> names = new TreeSet<>(reported.values());
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

    /** Why a {@code logging.*} property fapilog honours in general does not apply here, or null. */
    private static String notApplied(String name, Environment environment) {
        boolean fapilogLayout = layout(environment) == Format.FAPILOG;
        if (name.startsWith(STACK_TRACE + "printer")) {
            String printer = printerId(environment.getProperty(name, ""));
            return printer.isEmpty() || printer.equals("standard") || printer.equals("loggingsystem") ? null
                    : "=" + environment.getProperty(name) + " (a custom StackTracePrinter)";
        }
        if (name.startsWith(STACK_TRACE) && fapilogLayout) {
            return " (the fapilog layout writes exceptions as objects)";
        }
        if (name.equals("logging.structured.json.context.prefix") && fapilogLayout) {
            return " (the fapilog layout nests them under context)";
        }
        if ((name.startsWith(LOGBACK_POLICY) || name.startsWith(LOG4J2_POLICY)) && (ownFilePath(environment) || logFile(environment) == null)) {
            // Boot's rolling policy is its log file's: fapilog applies it to the file logging.file.* names, no other
            return ownFilePath(environment) ? " (fapilog.file.path names fapilog's file: set fapilog.file.* for it)"
                    : " (no logging.file.name or logging.file.path: Boot writes no file, set fapilog.file.* for fapilog's)";
        }
        if (dashless(name).equals(dashless(LOGBACK_POLICY + "file-name-pattern"))
                || dashless(name).equals(dashless(LOG4J2_POLICY + "file-name-pattern"))) {
            String value = Binder.get(environment).bind(name, String.class).orElse("");
            return fapilogsNames(value, logFile(environment)) != null ? null
                    : "=" + value + " (rolled files are named <file>.<yyyy-MM-dd>.<n>[.gz])";
        }
        return null;
    }

    private static String dashless(String name) {
        return name.replace("-", "");
    }

    private static boolean ownFilePath(Environment environment) {
        String path = environment.getProperty("fapilog.file.path");
        return path != null && !path.isBlank();
    }

    /** The JSON layout the properties choose: {@code fapilog.format}, else Boot's structured format, else {@code fapilog}. */
    private static Format layout(Environment environment) {
        String own = environment.getProperty("fapilog.format");
        if (own != null && !own.isBlank()) {
            try {
                return Format.parse(own.trim());
            } catch (RuntimeException invalid) {
                return Format.FAPILOG; // reported by the configuration itself
            }
        }
        Format format = format(environment.getProperty("logging.structured.format.console"));
        if (format == null) {
            format = format(environment.getProperty("logging.structured.format.file"));
        }
        return format != null ? format : Format.FAPILOG;
    }

    /** The start-up warning for {@link #unhonoured}, or null when every {@code logging.*} property applies. */
    public static String warning(Environment environment) {
        Set<String> names = unhonoured(environment);
        return names.isEmpty() ? null
                : "logging.* properties fapilog does not apply (its pipeline writes these events): " + new ArrayList<>(names);
    }
}
