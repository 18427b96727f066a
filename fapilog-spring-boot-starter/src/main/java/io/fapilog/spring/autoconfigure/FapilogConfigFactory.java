package io.fapilog.spring.autoconfigure;

import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.config.MdcSettings;
import io.fapilog.config.RedactionSettings;
import io.fapilog.config.HttpSinkSettings;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.SinkType;
import io.fapilog.config.RotatingFileSettings;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.ansi.AnsiOutput;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.util.Set;


/**
 * Turns {@link FapilogProperties} into a {@link FapilogConfig}: the preset first, then every
 * property that was set, so an explicit property beats the preset.
 */
public final class FapilogConfigFactory {

    private FapilogConfigFactory() {
    }

    /**
     * @param applicationName {@code spring.application.name}, the default of {@code fapilog.service.name}
     * @throws io.fapilog.config.InvalidSettingException naming the property and the allowed values when a value is invalid
     */
    public static FapilogConfig create(FapilogProperties properties, String applicationName) {
        return builder(properties, applicationName).build();
    }

    /**
     * A builder holding the preset and every property that was set, for further settings (beans,
     * customizers) before {@link FapilogConfig.Builder#build()}.
     */
    public static FapilogConfig.Builder builder(FapilogProperties properties, String applicationName) {
        return builder(properties, applicationName, null);
    }

    /**
     * A builder as {@link #builder(FapilogProperties, String)} gives, where Spring Boot's
     * {@code logging.*} settings fill what {@code fapilog.*} leaves unset (see {@link BootLoggingProperties}).
     */
    public static FapilogConfig.Builder builder(FapilogProperties properties, Environment environment) {
        return builder(properties, environment.getProperty("spring.application.name"), environment);
    }

    /** {@link #create(FapilogProperties, String)} with Spring Boot's {@code logging.*} settings applied. */
    public static FapilogConfig create(FapilogProperties properties, Environment environment) {
        return builder(properties, environment).build();
    }

    /**
     * Whether the runtime's sinks are beans alone: {@code fapilog.sinks} named only the integration
     * modules' sinks ({@code fapilog.sinks=otlp}), which leaves the built-in list empty. No runtime can
     * then start before the application context.
     */
    public static boolean onlyBeanSinks(FapilogProperties properties) {
        return properties.getSinks() != null && properties.getSinks().isEmpty();
    }

    /**
     * The settings {@code fapilog.*} gives, read where no runtime is built (the line format of a
     * module's fallback, whether the bridge is on): {@link #create(FapilogProperties, Environment)},
     * also when {@linkplain #onlyBeanSinks the sinks are beans alone}, which the properties cannot name.
     */
    /**
     * The effective {@code fapilog.bridge.slf4j}: the property when set, else the preset's; null when
     * {@code fapilog.*} does not bind (the start-up reports the bad value where the properties are bound).
     */
    public static Boolean bridgeSlf4j(Environment environment) {
        try {
            FapilogProperties properties = Binder.get(environment).bindOrCreate("fapilog", FapilogProperties.class);
            return settings(properties, environment).bridgeSlf4j();
        } catch (RuntimeException invalid) {
            return null;
        }
    }

    /**
     * Spring Boot's {@code spring.output.ansi.enabled} for the {@code stdout-pretty} sink's colours, as
     * for Boot's console: {@code always} (how IDEs that colour a console ask for it) and {@code never}
     * decide; {@code detect} (the default) leaves it to whether standard output is a terminal.
     */
    private static Boolean colour(Environment environment) {
        return Binder.get(environment).bind("spring.output.ansi.enabled", AnsiOutput.Enabled.class)
                .map(enabled -> enabled == AnsiOutput.Enabled.DETECT ? null : enabled == AnsiOutput.Enabled.ALWAYS)
                .orElse(null);
    }

    public static FapilogConfig settings(FapilogProperties properties, Environment environment) {
        FapilogConfig.Builder builder = builder(properties, environment);
        if (onlyBeanSinks(properties)) {
            builder.sinks(SinkType.IN_MEMORY); // a stand-in for the beans: this configuration starts nothing
        }
        return builder.build();
    }

    private static FapilogConfig.Builder builder(FapilogProperties properties, String applicationName,
                                                 Environment environment) {
        FapilogConfig.Builder builder = Fapilog.builder().preset(properties.getPreset()).shutdownHook(false);
        PropertyMapper map = PropertyMapper.get();
        map.from(properties.getMode()).to(builder::mode);
        map.from(properties.getLevel()).to(builder::level);
        properties.getLevels().forEach((prefix, level) -> {
            if (FapilogRuntime.ROOT_LOGGER.equalsIgnoreCase(prefix)) {
                builder.level(level);
            } else {
                builder.level(prefix, level);
            }
        });
        map.from(properties.getFormat()).to(builder::format);
        map.from(properties.getTimestampPrecision()).to(builder::timestampPrecision);
        map.from(properties.getWorkers()).to(builder::workers);
        map.from(properties.getSinks()).to(builder::sinks);

        FapilogProperties.Queue queue = properties.getQueue();
        map.from(queue.getCapacity()).to(builder::queueCapacity);
        map.from(queue.getReserve()).to(builder::queueReserve);
        map.from(queue.getFullPolicy()).to(builder::fullPolicy);
        map.from(queue.getWaitTimeout()).to(builder::waitTimeout);
        map.from(queue.getProtectedLevels()).to(builder::protectedLevels);
        map.from(queue.getMaxBytes()).as(DataSize::toBytes).to(builder::queueMaxBytes);

        map.from(properties.getBatch().getMaxSize()).to(builder::batchMaxSize);
        map.from(properties.getBatch().getTimeout()).to(builder::batchTimeout);

        builder.file(file(properties.getFile()));
        FapilogProperties.Http http = properties.getHttp();
        if (http.getEndpoint() != null) {
            builder.http(new HttpSinkSettings(http.getEndpoint(), http.getTimeout(), http.getHeaders()));
        }

        map.from(properties.getSampling().getRate()).to(builder::sampleRate);
        FapilogProperties.RateLimit rateLimit = properties.getRateLimit();
        if (rateLimit.getEventsPerSecond() != null || rateLimit.getBurst() != null) { // a bad burst fails without a limit too
            builder.rateLimit(rateLimit.getEventsPerSecond() != null ? rateLimit.getEventsPerSecond() : 0,
                    rateLimit.getBurst() != null ? rateLimit.getBurst() : 1000);
        }
        map.from(properties.getEnrichers().getRuntime()).to(builder::runtimeEnricher);
        map.from(properties.getEnrichers().getThread()).to(builder::threadEnricher);
        if (properties.getEnrichers().isMdc()) {
            builder.mdc(new MdcSettings(true, properties.getEnrichers().getMdcKeys()));
        }

        FapilogProperties.Service service = properties.getService();
        if (environment != null) {
            map.from(colour(environment)).to(builder::colour);
            String[] boot = BootLoggingProperties.service(service, environment);
            builder.service(boot[0], boot[1], boot[2]);
        } else {
            builder.service(service.getName() != null ? service.getName() : applicationName, service.getEnv(),
                    service.getVersion());
        }
        map.from(properties.getShutdown().getTimeout()).to(builder::shutdownTimeout);
        map.from(properties.getBridge().getSlf4j()).to(builder::bridgeSlf4j);
        map.from(properties.getRequestLogging().getEnabled()).to(builder::requestLogging);

        FapilogConfig presetOnly = Fapilog.builder().preset(properties.getPreset()).build();
        builder.redaction(redaction(properties.getRedaction(), presetOnly.redaction()));
        if (environment != null) {
            BootLoggingProperties.apply(builder, properties, environment, presetOnly);
        }
        return builder;
    }

    private static RotatingFileSettings file(FapilogProperties.File file) {
        RotatingFileSettings defaults = RotatingFileSettings.defaults();
        return new RotatingFileSettings(
                file.getPath() != null ? file.getPath() : defaults.path(),
                file.getMaxFileSize() != null ? file.getMaxFileSize().toBytes() : defaults.maxFileSize(),
                file.getRotateDaily() != null ? file.getRotateDaily() : defaults.rotateDaily(),
                file.getMaxHistory() != null ? file.getMaxHistory() : defaults.maxHistory(),
                file.getGzip() != null ? file.getGzip() : defaults.gzip(),
                defaults.bufferSize(),
                file.getTotalSizeCap() != null ? file.getTotalSizeCap().toBytes() : defaults.totalSizeCap(),
                file.getCleanHistoryOnStart() != null ? file.getCleanHistoryOnStart() : defaults.cleanHistoryOnStart());
    }

    /** The {@code fapilog.redaction.presets} value that turns every redaction preset off. */
    static final String NO_PRESETS = "none";

    /** Blank presets are unset (the preset's stay): a blank that turned credentials redaction off would fail open. */
    private static RedactionSettings redaction(FapilogProperties.Redaction redaction, RedactionSettings preset) {
        Set<String> presets = redaction.getPresets();
        if (presets != null && presets.size() > 1 && presets.stream().anyMatch(name -> NO_PRESETS.equalsIgnoreCase(name.trim()))) {
            throw new InvalidSettingException("fapilog.redaction.presets", String.join(",", presets),
                    "credentials, pci or hipaa, one or more; or none alone (no preset)");
        }
        return new RedactionSettings(
                presets == null || presets.stream().allMatch(String::isBlank) ? preset.presets() // ${VAR} of a variable not set
                        : presets.size() == 1 && NO_PRESETS.equalsIgnoreCase(presets.iterator().next().trim()) ? Set.of() : presets,
                redaction.getFields().isEmpty() ? preset.fields() : redaction.getFields(),
                redaction.getPatterns().isEmpty() ? preset.patterns() : redaction.getPatterns(),
                redaction.getUrlCredentials() != null ? redaction.getUrlCredentials() : preset.urlCredentials(),
                redaction.getFailClosed() != null ? redaction.getFailClosed() : preset.failClosed());
    }
}
