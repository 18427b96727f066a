package io.fapilog.internal.presets;

import io.fapilog.FapilogConfig;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.RedactionSettings;
import io.fapilog.config.SinkType;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The preset table (SPEC section 7) as data: each preset is the settings it makes on top of the
 * defaults of {@link FapilogConfig}. Explicit settings are applied afterwards and win.
 */
public final class PresetDefinitions {

    private static final RedactionSettings CREDENTIALS =
            new RedactionSettings(Set.of("credentials"), Set.of(), List.of(), true, false);
    private static final RedactionSettings ALL_FAIL_CLOSED =
            new RedactionSettings(Set.of("credentials", "pci", "hipaa"), Set.of(), List.of(), true, true);

    /** Longer strings than elsewhere: Spring Boot's {@code --debug} conditions report (about 32,000 characters) whole. */
    private static final EncodingLimits DEV_LIMITS = new EncodingLimits(65_536, 256, 16, 64);

    private PresetDefinitions() {
    }

    public static void configure(Preset preset, FapilogConfig.Builder builder) {
        switch (preset) {
            case DEV -> builder.level(Level.DEBUG).sinks(SinkType.STDOUT_PRETTY).fullPolicy(FullPolicy.WAIT)
                    .batchMaxSize(1).batchTimeout(Duration.ofMillis(10)).redaction(CREDENTIALS).bridgeSlf4j(true)
                    .encodingLimits(DEV_LIMITS);
            case PRODUCTION -> production(builder);
            case WEBFLUX -> production(builder).requestLogging(true);
            case SERVERLESS -> builder.level(Level.INFO).sinks(SinkType.STDOUT_JSON).fullPolicy(FullPolicy.DROP)
                    .batchMaxSize(25).batchTimeout(Duration.ofMillis(100)).redaction(CREDENTIALS)
                    .shutdownTimeout(Duration.ofSeconds(2));
            case HARDENED -> builder.level(Level.INFO).sinks(SinkType.STDOUT_JSON, SinkType.ROTATING_FILE)
                    .fullPolicy(FullPolicy.WAIT).batchMaxSize(100).redaction(ALL_FAIL_CLOSED).bridgeSlf4j(true);
            case MINIMAL -> builder.level(Level.INFO).sinks(SinkType.STDOUT_JSON).fullPolicy(FullPolicy.WAIT)
                    .batchMaxSize(256).runtimeEnricher(false).threadEnricher(false).redaction(RedactionSettings.NONE);
        }
    }

    private static FapilogConfig.Builder production(FapilogConfig.Builder builder) {
        return builder.level(Level.INFO).sinks(SinkType.STDOUT_JSON).fullPolicy(FullPolicy.WAIT)
                .waitTimeout(Duration.ofMillis(50)).protectedLevels(java.util.EnumSet.range(Level.ERROR, Level.SECURITY))
                .batchMaxSize(256).batchTimeout(Duration.ofMillis(250)).redaction(CREDENTIALS).bridgeSlf4j(true);
    }
}
