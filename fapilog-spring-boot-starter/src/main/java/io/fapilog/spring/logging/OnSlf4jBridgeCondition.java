package io.fapilog.spring.logging;

import io.fapilog.spring.autoconfigure.FapilogConfigFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the effective {@code fapilog.bridge.slf4j} is true: the property when set, else the
 * preset's default. Invalid {@code fapilog.*} values do not match here; they fail the start-up where
 * the properties are bound.
 */
class OnSlf4jBridgeCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Boolean enabled = FapilogConfigFactory.bridgeSlf4j(context.getEnvironment());
        if (enabled == null) {
            return ConditionOutcome.noMatch("fapilog.* could not be bound");
        }
        return enabled
                ? ConditionOutcome.match("fapilog.bridge.slf4j is on")
                : ConditionOutcome.noMatch("fapilog.bridge.slf4j is off");
    }
}
