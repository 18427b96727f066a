package io.fapilog.spring.aot;

import io.fapilog.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedClass;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.generate.MethodReference;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Under Spring AOT the auto-configurations' conditions are decided when the application is processed
 * at build time: a setting that chose fapilog's beans then, and reads otherwise at run time, left
 * fapilog half on ({@code fapilog.enabled=false}: request logging and the endpoint on, the bridge
 * connected half-way through the start) or failed naming a value nobody wrote ({@code fapilog.sinks=otlp}).
 */
class BeanChoosingSettingsTests {

    @Test
    void theEffectiveValuesWithThePresetsBridge() {
        assertThat(BeanChoosingSettings.of(new MockEnvironment()))
                .isEqualTo(new BeanChoosingSettings(true, true, false, false, true));
        assertThat(BeanChoosingSettings.of(new MockEnvironment().withProperty("fapilog.preset", "minimal")).bridge()).isFalse();
        assertThat(BeanChoosingSettings.of(new MockEnvironment().withProperty("fapilog.enabled", "FALSE")
                .withProperty("fapilog.otlp.enabled", "true").withProperty("fapilog.request-logging.propagate-context", "false")))
                .isEqualTo(new BeanChoosingSettings(false, true, true, false, false));
        assertThat(BeanChoosingSettings.of(new MockEnvironment().withProperty("fapilog.queue.capacity", "abc")).bridge())
                .as("unbound: left to the report of the bad value").isNull();
    }

    /**
     * Each processed context gets the call in its own generated code: one resource for all (an earlier
     * form) failed the build of a second context (Spring's test AOT processes every test context).
     */
    @Test
    void eachProcessedContextsGeneratedCodeChecksTheValuesItWasBuiltWith() throws java.io.IOException {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerSingleton("environment", new MockEnvironment().withProperty("fapilog.kafka.enabled", "true")
                .withProperty("fapilog.bridge.slf4j", "false"));
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
        DefaultGenerationContext generation = new DefaultGenerationContext(new ClassNameGenerator(ClassName.get("com.acme", "App")), files);
        GeneratedClass initialization = generation.getGeneratedClasses().addForFeature("BeanFactoryRegistrations", type -> {
        });
        List<MethodReference> initializers = new ArrayList<>();

        new BeanChoosingSettingsRecorder().processAheadOfTime(beanFactory).applyTo(generation, new BeanFactoryInitializationCode() {
            @Override
            public org.springframework.aot.generate.GeneratedMethods getMethods() {
                return initialization.getMethods();
            }

            @Override
            public ClassName getClassName() {
                return initialization.getName();
            }

            @Override
            public void addInitializer(MethodReference methodReference) {
                initializers.add(methodReference);
            }
        });
        generation.writeGeneratedContent();

        assertThat(initializers).hasSize(1);
        String source = files.getGeneratedFileContent(GeneratedFiles.Kind.SOURCE,
                initialization.getName().reflectionName().replace('.', '/') + ".java");
        assertThat(source).contains("private void checkFapilogBeanChoosingSettings(ConfigurableEnvironment environment)")
                .contains("BeanChoosingSettingsCheck.check(environment, true, false, false, true, true);");
    }

    @Test
    void aSettingThatDiffersFromTheBuildsFailsTheStartNamingIt() {
        MockEnvironment disabled = new MockEnvironment().withProperty("fapilog.enabled", "false");
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> BeanChoosingSettingsCheck.check(disabled, true, true, false, false, true))
                .satisfies(e -> {
                    assertThat(e.property()).isEqualTo("fapilog.enabled");
                    assertThat(e.value()).isEqualTo("false");
                    assertThat(e.allowed()).startsWith("true, the value this application was processed ahead of time with")
                            .contains("run it without spring.aot.enabled").doesNotContain("more setting");
                });
        MockEnvironment otlpBySinks = new MockEnvironment().withProperty("fapilog.otlp.enabled", "true")
                .withProperty("fapilog.kafka.enabled", "true").withProperty("fapilog.preset", "minimal");
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> BeanChoosingSettingsCheck.check(otlpBySinks, true, true, false, false, true))
                .satisfies(e -> {
                    assertThat(e.property()).isEqualTo("fapilog.bridge.slf4j");
                    assertThat(e.allowed()).startsWith("true (unset: the preset's), the value")
                            .endsWith("2 more setting(s) differ as well: [fapilog.otlp.enabled, fapilog.kafka.enabled]");
                });
        assertThatNoException().isThrownBy(() -> BeanChoosingSettingsCheck.check(new MockEnvironment(), true, true, false, false, true));
        // switched off at build time and at run time: what the others say chooses nothing
        assertThatNoException().isThrownBy(() -> BeanChoosingSettingsCheck.check(
                disabled.withProperty("fapilog.otlp.enabled", "true"), false, true, false, false, true));
    }

    /** A value that does not bind is the start-up's to report as such, not as a bridge that differs from the build's. */
    @Test
    void aBadUnrelatedValueIsNotReportedAsADifference() {
        MockEnvironment bad = new MockEnvironment().withProperty("fapilog.queue.capacity", "abc");
        assertThatNoException().isThrownBy(() -> BeanChoosingSettingsCheck.check(bad, true, true, false, false, true));
        assertThatNoException().isThrownBy(() -> BeanChoosingSettingsCheck.check(new MockEnvironment(), true, null, false, false, true));
    }
}
