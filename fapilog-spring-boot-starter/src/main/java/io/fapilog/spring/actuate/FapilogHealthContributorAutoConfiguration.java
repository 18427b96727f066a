package io.fapilog.spring.actuate;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import io.fapilog.spring.autoconfigure.SinkPropertyChecks;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * The {@link FapilogHealthIndicator} (health contributor {@code fapilog}), unless
 * {@code management.health.fapilog.enabled=false}. A failing sink or worker reports
 * {@link FapilogHealthIndicator#DEGRADED}, or {@code DOWN} with {@code fapilog.health.down-on-sink-failure=true}.
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(FapilogRuntime.class)
@ConditionalOnEnabledHealthIndicator("fapilog")
@EnableConfigurationProperties(FapilogProperties.class)
public class FapilogHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "fapilogHealthIndicator")
    FapilogHealthIndicator fapilogHealthIndicator(FapilogRuntime runtime, FapilogProperties properties) {
        Duration heldAfter = properties.getHealth().getWorkerHeldAfter();
        SinkPropertyChecks.positive("fapilog.health.worker-held-after", heldAfter);
        return new FapilogHealthIndicator(runtime, properties.getHealth().isDownOnSinkFailure(), heldAfter);
    }
}
