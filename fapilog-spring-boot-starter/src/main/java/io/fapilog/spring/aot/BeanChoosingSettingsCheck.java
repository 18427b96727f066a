package io.fapilog.spring.aot;

import io.fapilog.config.InvalidSettingException;
import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * Fails the start of an application run from Spring AOT's generated code ({@code -Dspring.aot.enabled=true})
 * when a {@link BeanChoosingSettings setting that chose fapilog's beans} has another value now than
 * when the application was processed: the generated code keeps the beans chosen then, and the rest of
 * fapilog reads the value now, so {@code fapilog.enabled=false} left request logging and the
 * endpoint on while the bridge stayed off until a bean connected it half-way through the start, and
 * {@code fapilog.sinks=otlp} failed naming an empty list. Registered in
 * {@code META-INF/spring.factories}, after the post-processor that turns the module sinks of
 * {@code fapilog.sinks} on.
 */
public class BeanChoosingSettingsCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (AotDetector.useGeneratedArtifacts()) {
            BeanChoosingSettings built = built(application.getClassLoader());
            if (built != null) {
                check(built, BeanChoosingSettings.of(environment));
            }
        }
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

    /** The settings the generated code was made with, or null when there is no record of them. */
    private static BeanChoosingSettings built(ClassLoader loader) {
        ClassLoader source = loader != null ? loader : BeanChoosingSettingsCheck.class.getClassLoader();
        try (InputStream in = source.getResourceAsStream(BeanChoosingSettingsRecorder.RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return BeanChoosingSettings.from(properties);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
