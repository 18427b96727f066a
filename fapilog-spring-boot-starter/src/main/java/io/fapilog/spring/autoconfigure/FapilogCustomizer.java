package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogConfig;

/**
 * Callback to customize the application's Fapilog configuration after the {@code fapilog.*}
 * properties and the {@code Sink}, {@code Filter}, {@code Enricher} and {@code Redactor} beans were
 * applied, and before the runtime starts. Customizers run in their {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * FapilogCustomizer auditSink(AuditClient client) {
 *     return builder -> builder.sink(new AuditSink(client), Format.ECS);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FapilogCustomizer {

    void customize(FapilogConfig.Builder builder);
}
