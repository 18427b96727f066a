package io.fapilog.config;

import java.util.Set;

/**
 * Whether native fapilog events carry the SLF4J MDC values of the logging thread in {@code context}
 * ({@code fapilog.enrichers.mdc}; bridged SLF4J events always do). Needs {@code org.slf4j:slf4j-api}.
 *
 * @param enabled copy MDC values at call time
 * @param keys the MDC keys copied; empty copies every key
 */
public record MdcSettings(boolean enabled, Set<String> keys) {

    /** No MDC values on native events (the default). */
    public static final MdcSettings NONE = new MdcSettings(false, Set.of());

    public MdcSettings {
        keys = Set.copyOf(keys);
    }

    /** Every MDC value. */
    public static MdcSettings all() {
        return new MdcSettings(true, Set.of());
    }

    /** Only these MDC keys. */
    public static MdcSettings keys(String... keys) {
        return new MdcSettings(true, Set.of(keys));
    }
}
