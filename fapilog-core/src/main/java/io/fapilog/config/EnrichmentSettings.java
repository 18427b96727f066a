package io.fapilog.config;

/**
 * The built-in enrichers ({@code fapilog.enrichers.*}).
 *
 * @param runtime add service, env, version, host and pid to diagnostics
 * @param thread add the caller's thread name to diagnostics
 * @param mdc which SLF4J MDC values native events carry in {@code context}
 */
public record EnrichmentSettings(boolean runtime, boolean thread, MdcSettings mdc) {
}
