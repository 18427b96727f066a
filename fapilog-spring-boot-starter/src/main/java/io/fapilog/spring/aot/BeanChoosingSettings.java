package io.fapilog.spring.aot;

import io.fapilog.spring.autoconfigure.FapilogConfigFactory;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings that decide which of fapilog's beans exist, through the auto-configurations'
 * conditions: under Spring AOT they are decided once, when the application is processed at build
 * time, and the generated code no longer asks. Each is the effective value: the property, else its
 * default (the preset's for the bridge; on for a module that {@code fapilog.sinks} names).
 *
 * @param enabled {@code fapilog.enabled}
 * @param bridge {@code fapilog.bridge.slf4j}, else the preset's; null when {@code fapilog.*} does not bind
 * @param otlp {@code fapilog.otlp.enabled}, or {@code otlp} in {@code fapilog.sinks}
 * @param kafka {@code fapilog.kafka.enabled}, or {@code kafka} in {@code fapilog.sinks}
 * @param propagateContext {@code fapilog.request-logging.propagate-context}
 */
record BeanChoosingSettings(boolean enabled, Boolean bridge, boolean otlp, boolean kafka, boolean propagateContext) {

    static final String ENABLED = "fapilog.enabled";
    static final String BRIDGE = "fapilog.bridge.slf4j";
    static final String OTLP = "fapilog.otlp.enabled";
    static final String KAFKA = "fapilog.kafka.enabled";
    static final String PROPAGATE_CONTEXT = "fapilog.request-logging.propagate-context";

    /** The settings as {@code environment} has them now. */
    static BeanChoosingSettings of(Environment environment) {
        return new BeanChoosingSettings(flag(environment, ENABLED, true), FapilogConfigFactory.bridgeSlf4j(environment),
                flag(environment, OTLP, false), flag(environment, KAFKA, false), flag(environment, PROPAGATE_CONTEXT, true));
    }

    private static boolean flag(Environment environment, String property, boolean unset) {
        String value = environment.getProperty(property);
        return value == null ? unset : "true".equalsIgnoreCase(value);
    }

    /**
     * The settings whose value {@code now} differs from this, the build's: each as its property and the
     * build's value. Past a switched-off {@code fapilog.enabled}, the others choose nothing; a bridge
     * that does not bind is left to the start-up's report of the bad value.
     */
    List<Difference> differences(BeanChoosingSettings now) {
        List<Difference> differences = new ArrayList<>();
        if (enabled != now.enabled) {
            differences.add(new Difference(ENABLED, now.enabled, enabled));
        }
        if (!enabled || !now.enabled) {
            return differences;
        }
        if (bridge != null && now.bridge != null && !bridge.equals(now.bridge)) {
            differences.add(new Difference(BRIDGE, now.bridge, bridge));
        }
        if (otlp != now.otlp) {
            differences.add(new Difference(OTLP, now.otlp, otlp));
        }
        if (kafka != now.kafka) {
            differences.add(new Difference(KAFKA, now.kafka, kafka));
        }
        if (propagateContext != now.propagateContext) {
            differences.add(new Difference(PROPAGATE_CONTEXT, now.propagateContext, propagateContext));
        }
        return differences;
    }

    /** A setting whose value at run time is not the one the application was built with. */
    record Difference(String property, boolean now, boolean built) {

        /** Where the value may come from besides the property itself. */
        String source() {
            return switch (property) {
                case BRIDGE -> " (unset: the preset's)";
                case OTLP -> " (also on when fapilog.sinks names otlp)";
                case KAFKA -> " (also on when fapilog.sinks names kafka)";
                default -> "";
            };
        }
    }
}
