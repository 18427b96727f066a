package io.fapilog.config;

/**
 * Who is logging ({@code fapilog.service.*}): {@code diagnostics.service}, {@code env}, {@code version}.
 * A null value is detected or left out.
 */
public record ServiceSettings(String name, String env, String version) {
}
