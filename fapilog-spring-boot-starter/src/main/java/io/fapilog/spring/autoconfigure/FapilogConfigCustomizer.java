package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogConfig;

/**
 * Adjusts the application's {@link FapilogConfig} after the {@code fapilog.*} properties were
 * applied, for what properties cannot say: sink instances with their encoders (the OTLP and Kafka
 * auto-configurations add their sinks this way). Beans of this type are applied in their order.
 */
@FunctionalInterface
public interface FapilogConfigCustomizer {

    void customize(FapilogConfig.Builder builder);
}
