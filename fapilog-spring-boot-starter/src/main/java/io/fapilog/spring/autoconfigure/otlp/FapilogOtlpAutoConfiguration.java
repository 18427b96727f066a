package io.fapilog.spring.autoconfigure.otlp;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.opentelemetry.OtlpProtocol;
import io.fapilog.opentelemetry.OtlpSink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.FapilogConfigFactory;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import io.fapilog.spring.autoconfigure.SinkPropertyChecks;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Adds an {@link OtlpSink} to the application's Fapilog runtime when {@code fapilog.otlp.enabled=true}
 * and the {@code fapilog-opentelemetry} module is on the class path. With
 * {@code spring-boot-starter-opentelemetry} the sink exports through Spring Boot's
 * {@link LogRecordExporter} bean and stamps Boot's {@link Resource}, so the endpoint, headers,
 * compression, TLS and resource attributes come from {@code management.opentelemetry.*}; otherwise
 * it builds its exporter from {@code fapilog.otlp.*}.
 */
@AutoConfiguration(before = FapilogAutoConfiguration.class, afterName = {
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
        "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration"})
// The SDK too: an application that excludes it (it uses only the API) must still start
@ConditionalOnClass({OtlpSink.class, LogRecordExporter.class, RetryPolicy.class})
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
@EnableConfigurationProperties({FapilogOtlpProperties.class, FapilogProperties.class})
public class FapilogOtlpAutoConfiguration {

    /** Checks {@code fapilog.otlp.*} with the export off too, so a typo fails before the day it is switched on. */
    FapilogOtlpAutoConfiguration(FapilogOtlpProperties otlp) {
        check(otlp);
    }

    /** Closed by the Fapilog runtime when it drains (after its last batch), not by the context. */
    @Bean(destroyMethod = "")
    @ConditionalOnBooleanProperty(name = "fapilog.otlp.enabled")
    @ConditionalOnMissingBean
    OtlpSink fapilogOtlpSink(FapilogOtlpProperties otlp, FapilogProperties fapilog, Environment environment,
                             ObjectProvider<LogRecordExporter> exporters, ObjectProvider<Resource> resources) {
        OtlpSink.Builder builder = OtlpSink.builder().name(otlp.getName()).excludedLoggers(otlp.getExcludedLoggers())
                .exportTimeout(otlp.getExportTimeout());
        builder.linesAs(FapilogConfigFactory.settings(fapilog, environment));  // its fallback's lines, as the runtime writes them
        LogRecordExporter bootExporter = otlp.isUseBootExporter() ? exporters.getIfUnique() : null;
        if (bootExporter != null) {
            builder.exporter(bootExporter, false);
            List<String> ignored = connectionSettings(environment);
            if (!ignored.isEmpty()) {
                LogFactory.getLog(FapilogOtlpAutoConfiguration.class).warn("The otlp sink exports through Spring Boot's"
                        + " exporter (management.opentelemetry.logging.export.otlp.*), so " + ignored + " are not used;"
                        + " set fapilog.otlp.use-boot-exporter=false for fapilog's own");
            }
        } else {
            builder.protocol(OtlpProtocol.parse(otlp.getProtocol())).endpoint(otlp.getEndpoint())
                    .headers(otlp.getHeaders()).compression(otlp.getCompression()).timeout(otlp.getTimeout())
                    .connectTimeout(otlp.getConnectTimeout()).retryPolicy(retryPolicy(otlp.getRetry()));
        }
        Resource bootResource = otlp.isUseBootResource() ? resources.getIfUnique() : null;
        if (bootResource != null) {
            builder.resource(bootResource);
        }
        return builder.build();
    }

    /** The {@code fapilog.otlp.*} connection settings given, which Boot's exporter, when used, makes moot. */
    static List<String> connectionSettings(Environment environment) {
        Set<String> given = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.forEach(name -> {
                    if (CONNECTION_SETTINGS.stream().anyMatch(setting -> setting.equals(name) || setting.isAncestorOf(name))) {
                        given.add(name.toString());
                    }
                });
            }
        }
        return List.copyOf(given);
    }

    private static final List<ConfigurationPropertyName> CONNECTION_SETTINGS = Stream.of("endpoint", "headers", "protocol",
            "compression", "timeout", "connect-timeout", "retry").map(name -> ConfigurationPropertyName.of("fapilog.otlp." + name)).toList();

    static void check(FapilogOtlpProperties otlp) {
        try {
            OtlpProtocol.parse(otlp.getProtocol());  // its spellings: http/protobuf, http, grpc...
        } catch (IllegalArgumentException unknown) {
            throw new InvalidSettingException("fapilog.otlp.protocol", otlp.getProtocol(), "one of http/protobuf, grpc");
        }
        SinkPropertyChecks.oneOf("fapilog.otlp.compression", otlp.getCompression(), List.of("none", "gzip"));
        String endpoint = otlp.getEndpoint();
        InvalidSettingException.require(endpoint == null || (endpoint.startsWith("http://") || endpoint.startsWith("https://"))
                && hasHost(endpoint), "fapilog.otlp.endpoint", endpoint, "an http:// or https:// URL with a host");
        otlp.getHeaders().forEach((name, value) -> {
            // the exporter builds its headers at each export: a bad one would fail every export, not the start
            InvalidSettingException.require(isToken(name), "fapilog.otlp.headers.[" + name + "]", name,
                    "a header name: letters, digits and !#$%&'*+-.^_`|~");
            InvalidSettingException.require(value != null && value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c < 0x7f),
                    "fapilog.otlp.headers." + name, null, "a header value of printable ASCII characters"); // may be a secret
        });
        SinkPropertyChecks.positive("fapilog.otlp.timeout", otlp.getTimeout());
        SinkPropertyChecks.positive("fapilog.otlp.connect-timeout", otlp.getConnectTimeout());
        if (otlp.getExportTimeout() != null) {
            SinkPropertyChecks.positive("fapilog.otlp.export-timeout", otlp.getExportTimeout());
        }
        FapilogOtlpProperties.Retry retry = otlp.getRetry();
        InvalidSettingException.require(retry.getMaxAttempts() >= 2 && retry.getMaxAttempts() <= 5,
                "fapilog.otlp.retry.max-attempts", retry.getMaxAttempts(), "2 to 5 (the exporter's bounds)");
        SinkPropertyChecks.positive("fapilog.otlp.retry.initial-backoff", retry.getInitialBackoff());
        SinkPropertyChecks.positive("fapilog.otlp.retry.max-backoff", retry.getMaxBackoff());
        InvalidSettingException.require(retry.getBackoffMultiplier() > 0, "fapilog.otlp.retry.backoff-multiplier",
                retry.getBackoffMultiplier(), "a number above zero");
    }

    private static boolean hasHost(String url) {
        try {
            return new java.net.URI(url).getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0);
    }

    private static RetryPolicy retryPolicy(FapilogOtlpProperties.Retry retry) {
        if (!retry.isEnabled()) {
            return null;
        }
        return RetryPolicy.builder().setMaxAttempts(retry.getMaxAttempts()).setInitialBackoff(retry.getInitialBackoff())
                .setMaxBackoff(retry.getMaxBackoff()).setBackoffMultiplier(retry.getBackoffMultiplier()).build();
    }
}
