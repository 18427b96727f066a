package io.fapilog.spring.autoconfigure;

import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.config.Format;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.ModeSelection;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.config.SinkType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FapilogAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class));

    @TempDir
    Path tempDir;

    @AfterEach
    void forgetDefaultRuntime() {
        Fapilog.setDefaultRuntime(null);
    }

    /** Every auto-configuration the starter registers, as an application gets them. */
    static AutoConfigurations allStarterAutoConfigurations() {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : ImportCandidates.load(AutoConfiguration.class, FapilogAutoConfigurationTests.class.getClassLoader())) {
            if (name.startsWith("io.fapilog.")) {
                try {
                    classes.add(Class.forName(name));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void eachPresetGivesItsSettings(Preset preset) {
        runner.withPropertyValues("fapilog.preset=" + preset.id(), "fapilog.file.path=" + tempDir.resolve("app.log"))
                .run(context -> {
                    FapilogConfig config = context.getBean(FapilogRuntime.class).config();
                    assertThat(config.preset()).isEqualTo(preset);
                    assertThat(config.mode()).isEqualTo(ModeSelection.AUTO);
                    assertThat(config.format()).isEqualTo(Format.FAPILOG);
                    assertThat(config.queue().capacity()).isEqualTo(10_000);
                    assertThat(config.queue().maxBytes()).isEqualTo(Runtime.getRuntime().maxMemory() / 10);
                    assertThat(config.shutdown().hook()).isFalse();
                    switch (preset) {
                        case DEV -> {
                            assertThat(config.level()).isEqualTo(Level.DEBUG);
                            assertThat(config.sinks()).containsExactly(SinkType.STDOUT_PRETTY);
                            assertThat(config.queue().fullPolicy()).isEqualTo(FullPolicy.WAIT);
                            assertThat(config.batch().maxSize()).isEqualTo(1);
                            assertThat(config.redaction().presets()).containsExactly("credentials");
                            assertThat(config.bridgeSlf4j()).isTrue(); // one readable stream at a terminal
                            assertThat(config.requestLogging()).isFalse();
                        }
                        case PRODUCTION, WEBFLUX -> {
                            assertThat(config.level()).isEqualTo(Level.INFO);
                            assertThat(config.sinks()).containsExactly(SinkType.STDOUT_JSON);
                            assertThat(config.queue().fullPolicy()).isEqualTo(FullPolicy.WAIT);
                            assertThat(config.queue().waitTimeout()).isEqualTo(Duration.ofMillis(50));
                            assertThat(config.queue().protectedLevels()).isEqualTo(EnumSet.range(Level.ERROR, Level.SECURITY));
                            assertThat(config.batch().maxSize()).isEqualTo(256);
                            assertThat(config.batch().timeout()).isEqualTo(Duration.ofMillis(250));
                            assertThat(config.redaction().presets()).containsExactly("credentials");
                            assertThat(config.circuitBreaker().fallbackToStderr()).isTrue();
                            assertThat(config.bridgeSlf4j()).isTrue();
                            assertThat(config.requestLogging()).isEqualTo(preset == Preset.WEBFLUX);
                            assertThat(config.shutdown().timeout()).isEqualTo(Duration.ofSeconds(10));
                        }
                        case SERVERLESS -> {
                            assertThat(config.level()).isEqualTo(Level.INFO);
                            assertThat(config.sinks()).containsExactly(SinkType.STDOUT_JSON);
                            assertThat(config.queue().fullPolicy()).isEqualTo(FullPolicy.DROP);
                            assertThat(config.batch().maxSize()).isEqualTo(25);
                            assertThat(config.batch().timeout()).isEqualTo(Duration.ofMillis(100));
                            assertThat(config.shutdown().timeout()).isEqualTo(Duration.ofSeconds(2));
                            assertThat(config.bridgeSlf4j()).isFalse();
                        }
                        case HARDENED -> {
                            assertThat(config.level()).isEqualTo(Level.INFO);
                            assertThat(config.sinks()).containsExactly(SinkType.STDOUT_JSON, SinkType.ROTATING_FILE);
                            assertThat(config.queue().fullPolicy()).isEqualTo(FullPolicy.WAIT);
                            assertThat(config.batch().maxSize()).isEqualTo(100);
                            assertThat(config.redaction().presets()).containsExactlyInAnyOrder("credentials", "pci", "hipaa");
                            assertThat(config.redaction().failClosed()).isTrue();
                            assertThat(config.bridgeSlf4j()).isTrue();
                            assertThat(config.file().path()).isEqualTo(tempDir.resolve("app.log"));
                        }
                        case MINIMAL -> {
                            assertThat(config.level()).isEqualTo(Level.INFO);
                            assertThat(config.sinks()).containsExactly(SinkType.STDOUT_JSON);
                            assertThat(config.batch().maxSize()).isEqualTo(256);
                            assertThat(config.enrichment().runtime()).isFalse();
                            assertThat(config.enrichment().thread()).isFalse();
                            assertThat(config.redaction().isEmpty()).isTrue();
                            assertThat(config.bridgeSlf4j()).isFalse();
                        }
                    }
                });
    }

    @Test
    void timestampPrecisionIsMillisecondsUnlessMicrosecondsAreAskedFor() {
        runner.run(context -> assertThat(context.getBean(FapilogRuntime.class).config().timestampPrecision())
                .isEqualTo(io.fapilog.config.TimestampPrecision.MILLIS));
        runner.withPropertyValues("fapilog.timestamp-precision=micros")
                .run(context -> assertThat(context.getBean(FapilogRuntime.class).config().timestampPrecision())
                        .isEqualTo(io.fapilog.config.TimestampPrecision.MICROS));
        runner.withPropertyValues("fapilog.timestamp-precision=nanos")
                .run(context -> assertThat(context).hasFailed());
    }

    /**
     * The pretty sink's colours follow Spring Boot's {@code spring.output.ansi.enabled} as Boot's console
     * does ({@code always} is how IDEs that colour a console ask for them); {@code detect} leaves them to
     * the terminal. Before, only the terminal decided.
     */
    @Test
    void thePrettySinksColoursFollowBootsAnsiOutputSetting() {
        runner.withPropertyValues("fapilog.preset=dev", "spring.output.ansi.enabled=always")
                .run(context -> assertThat(context.getBean(FapilogRuntime.class).config().colour()).isTrue());
        runner.withPropertyValues("fapilog.preset=dev", "spring.output.ansi.enabled=never")
                .run(context -> assertThat(context.getBean(FapilogRuntime.class).config().colour()).isFalse());
        runner.withPropertyValues("fapilog.preset=dev", "spring.output.ansi.enabled=detect")
                .run(context -> assertThat(context.getBean(FapilogRuntime.class).config().colour()).isNull());
        runner.withPropertyValues("fapilog.preset=dev")
                .run(context -> assertThat(context.getBean(FapilogRuntime.class).config().colour()).isNull());
    }

    @Test
    void explicitPropertiesBeatThePreset() {
        runner.withPropertyValues("fapilog.preset=serverless", "fapilog.queue.full-policy=wait",
                        "fapilog.batch.max-size=7", "fapilog.batch.timeout=3s", "fapilog.level=warn",
                        "fapilog.levels.com.acme=debug", "fapilog.mode=bound-loop", "fapilog.queue.capacity=512",
                        "fapilog.queue.protected-levels=critical,audit", "fapilog.shutdown.timeout=5s",
                        "fapilog.bridge.slf4j=true", "fapilog.redaction.presets=pci", "fapilog.sinks=stdout-pretty",
                        "fapilog.format=ecs", "fapilog.enrichers.thread=false", "fapilog.queue.max-bytes=64KB")
                .run(context -> {
                    FapilogConfig config = context.getBean(FapilogRuntime.class).config();
                    assertThat(config.preset()).isEqualTo(Preset.SERVERLESS);
                    assertThat(config.queue().fullPolicy()).isEqualTo(FullPolicy.WAIT);
                    assertThat(config.batch().maxSize()).isEqualTo(7);
                    assertThat(config.batch().timeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(config.level()).isEqualTo(Level.WARN);
                    assertThat(config.levels()).isEqualTo(Map.of("com.acme", Level.DEBUG));
                    assertThat(config.mode()).isEqualTo(ModeSelection.BOUND_LOOP);
                    assertThat(config.queue().capacity()).isEqualTo(512);
                    assertThat(config.queue().maxBytes()).isEqualTo(64 * 1024);
                    assertThat(config.queue().protectedLevels()).isEqualTo(Set.of(Level.CRITICAL, Level.AUDIT));
                    assertThat(config.shutdown().timeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(config.bridgeSlf4j()).isTrue();
                    assertThat(config.redaction().presets()).containsExactly("pci");
                    assertThat(config.sinks()).containsExactly(SinkType.STDOUT_PRETTY);
                    assertThat(config.format()).isEqualTo(Format.ECS);
                    assertThat(config.enrichment().thread()).isFalse();
                    assertThat(config.enrichment().runtime()).isTrue();
                });
    }

    @Test
    void rootKeyOfLevelsSetsTheDefault() {
        runner.withPropertyValues("fapilog.levels.ROOT=error", "fapilog.levels.com.acme=trace").run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            assertThat(runtime.config().level()).isEqualTo(Level.ERROR);
            assertThat(runtime.effectiveLevel("org.example")).isEqualTo(Level.ERROR);
            assertThat(runtime.effectiveLevel("com.acme.orders")).isEqualTo(Level.TRACE);
        });
    }

    @Test
    void serviceNameDefaultsToTheApplicationName() {
        runner.withPropertyValues("spring.application.name=orders").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).config().service().name()).isEqualTo("orders"));
        runner.withPropertyValues("spring.application.name=orders", "fapilog.service.name=billing",
                        "fapilog.service.env=prod", "fapilog.service.version=1.2.3")
                .run(context -> {
                    FapilogConfig config = context.getBean(FapilogRuntime.class).config();
                    assertThat(config.service().name()).isEqualTo("billing");
                    assertThat(config.service().env()).isEqualTo("prod");
                    assertThat(config.service().version()).isEqualTo("1.2.3");
                });
    }

    /**
     * A blank redaction presets value (FAPILOG_REDACTION_PRESETS=${PRESETS} with the variable not set)
     * turned credentials redaction off without a word; it is unset now, and {@code none} says none.
     */
    @Test
    void blankRedactionPresetsKeepThePresetsOwnAndNoneTurnsThemOff() {
        runner.withPropertyValues("fapilog.preset=production", "fapilog.redaction.presets=").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).config().redaction().presets()).containsExactly("credentials"));
        runner.withPropertyValues("fapilog.preset=production", "fapilog.redaction.presets=None").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).config().redaction().presets()).isEmpty());
    }

    /** A blank value (what ${VAR} gives for a variable that is not set) is unset, as Boot takes it: it wrote "service":"". */
    @Test
    void aBlankServiceSettingIsUnset() {
        runner.withPropertyValues("spring.application.name=orders", "fapilog.service.name=", "logging.structured.ecs.service.name= ",
                "fapilog.service.env=", "logging.structured.ecs.service.environment=staging").run(context -> {
                    FapilogConfig config = context.getBean(FapilogRuntime.class).config();
                    assertThat(config.service().name()).isEqualTo("orders");
                    assertThat(config.service().env()).isEqualTo("staging");
                });
    }

    @Test
    void theRuntimeBecomesFapilogsDefault() {
        runner.run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            long before = runtime.stats().submitted();
            Fapilog.getLogger("com.acme.Static").warn("Through the default runtime");
            assertThat(runtime.stats().submitted()).isEqualTo(before + 1);
        });
    }

    @Test
    void backsOffWhenTheUserDefinesTheRuntime() {
        runner.withUserConfiguration(UserRuntimeConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(FapilogRuntime.class);
            assertThat(context.getBean(FapilogRuntime.class)).isSameAs(context.getBean("userRuntime"));
            assertThat(context).hasSingleBean(FapilogLifecycle.class);
        });
    }

    @Test
    void backsOffWhenTheUserDefinesTheLifecycle() {
        runner.withUserConfiguration(UserLifecycleConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(FapilogLifecycle.class);
            assertThat(context.getBean(FapilogLifecycle.class)).isSameAs(context.getBean("userLifecycle"));
        });
    }

    @Test
    void disabledMeansNoFapilogBeanAtAll() {
        new ApplicationContextRunner().withConfiguration(allStarterAutoConfigurations())
                .withPropertyValues("fapilog.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(FapilogRuntime.class);
                    // only the check of the switch itself and what lets Logger parameters resolve to SLF4J
                    // loggers (none outside a web application)
                    assertThat(fapilogBeanTypes(context, "io.fapilog.")).containsExactlyInAnyOrder(
                            "io.fapilog.spring.autoconfigure.FapilogSwitchAutoConfiguration",
                            "io.fapilog.spring.disabled.FapilogDisabledAutoConfiguration");
                });
    }

    @Test
    void noWebBeansInANonWebApplication() {
        new ApplicationContextRunner().withConfiguration(allStarterAutoConfigurations())
                .withPropertyValues("fapilog.bridge.slf4j=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(FapilogRuntime.class);
                    assertThat(fapilogBeanTypes(context, "io.fapilog.spring.web")).isEmpty();
                });
    }

    private static List<String> fapilogBeanTypes(AssertableApplicationContext context, String packagePrefix) {
        return Stream.of(context.getBeanDefinitionNames())
                .map(context::getType)
                .filter(type -> type != null && type.getName().startsWith(packagePrefix))
                .map(Class::getName)
                .toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class UserRuntimeConfiguration {

        @Bean(destroyMethod = "close")
        FapilogRuntime userRuntime() {
            return TestRuntimes.inMemory(new InMemorySink());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserLifecycleConfiguration {

        @Bean
        FapilogLifecycle userLifecycle(FapilogRuntime runtime) {
            return new FapilogLifecycle(runtime, Duration.ofSeconds(1));
        }
    }
}
