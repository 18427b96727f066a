package io.fapilog.spring.aot;

import io.fapilog.config.InvalidSettingException;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Called by the code Spring AOT generated for a context ({@link BeanChoosingSettingsRecorder}), as
 * it starts: fails the start when a {@link BeanChoosingSettings setting that chose fapilog's beans}
 * has another value now than when the application was processed. The generated code keeps the beans
 * chosen then, and the rest of fapilog reads the value now, so {@code fapilog.enabled=false} left
 * request logging and the endpoint on while the bridge stayed off until a bean connected it half-way
 * through the start, and {@code fapilog.sinks=otlp} failed naming an empty list. Not for application code.
 */
public final class BeanChoosingSettingsCheck {

    private BeanChoosingSettingsCheck() {
    }

    /** The build's values, as the generated code passes them; {@code bridge} null when {@code fapilog.*} did not bind. */
    public static void check(Environment environment, boolean enabled, Boolean bridge, boolean otlp, boolean kafka,
                             boolean propagateContext) {
        check(new BeanChoosingSettings(enabled, bridge, otlp, kafka, propagateContext), BeanChoosingSettings.of(environment));
    }

    static void check(BeanChoosingSettings built, BeanChoosingSettings now) {
        List<BeanChoosingSettings.Difference> differences = built.differences(now);
        if (!differences.isEmpty()) {
            BeanChoosingSettings.Difference first = differences.get(0);
            throw new InvalidSettingException(first.property(), first.now(), first.built() + first.source()
                    + ", the value this application was processed ahead of time with (Spring AOT fixes at build time"
                    + " which of fapilog's beans exist, and runs with -Dspring.aot.enabled=true keep them): process it"
                    + " again with this value, or run it without spring.aot.enabled"
                    + (differences.size() > 1 ? "; " + (differences.size() - 1) + " more setting(s) differ as well: "
                            + differences.subList(1, differences.size()).stream().map(BeanChoosingSettings.Difference::property).toList()
                            : ""));
        }
    }
}
