package io.fapilog;

import io.fapilog.internal.engine.Enums;

import java.util.Locale;

/**
 * Named bundles of settings ({@code fapilog.preset}); explicit settings always beat the preset.
 * The table lives in {@link io.fapilog.internal.presets.PresetDefinitions}.
 */
public enum Preset {
    /** DEBUG, human-readable coloured stdout, every event written at once. */
    DEV,
    /** INFO, JSON on stdout, batched, errors protected, credentials redaction, SLF4J bridge. */
    PRODUCTION,
    /** Like production, with async per-request loggers and request logging on. */
    WEBFLUX,
    /** Small batches, drop when full, short shutdown. */
    SERVERLESS,
    /** JSON on stdout and a rotating file, every redaction preset, fail closed. */
    HARDENED,
    /** JSON on stdout and nothing else: no enrichers, no redactors. */
    MINIMAL;

    /** The property value, lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Preset parse(String value) {
        return Enums.parse(Preset.class, value, "fapilog.preset");
    }
}
