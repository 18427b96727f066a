package io.fapilog.config;

/**
 * The built-in filters ({@code fapilog.sampling.rate}, {@code fapilog.rate-limit.*}).
 *
 * @param rate share of events below WARN kept (1 keeps all)
 * @param rateLimit events per second kept before ERROR-and-above only (0 for no limit)
 * @param rateLimitBurst events the rate limit lets through at once
 */
public record SamplingSettings(double rate, double rateLimit, int rateLimitBurst) {

    public SamplingSettings {
        InvalidSettingException.require(rate > 0 && rate <= 1, "fapilog.sampling.rate", rate, "a number in (0, 1]");
        InvalidSettingException.require(rateLimit >= 0, "fapilog.rate-limit.events-per-second", rateLimit, "a number >= 0");
        InvalidSettingException.require(rateLimitBurst >= 1, "fapilog.rate-limit.burst", rateLimitBurst, "a number >= 1");
    }
}
