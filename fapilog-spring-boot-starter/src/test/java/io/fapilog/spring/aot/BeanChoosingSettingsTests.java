package io.fapilog.spring.aot;

import io.fapilog.config.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.SpringProperties;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

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
    }

    @Test
    void theBuildsSettingsAreWrittenIntoTheGeneratedResources() throws IOException {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerSingleton("environment", new MockEnvironment().withProperty("fapilog.kafka.enabled", "true")
                .withProperty("fapilog.bridge.slf4j", "false"));
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();

        new BeanChoosingSettingsRecorder().processAheadOfTime(beanFactory)
                .applyTo(new DefaultGenerationContext(new ClassNameGenerator(ClassName.get("com.acme", "App")), files), null);

        Properties written = new Properties();
        written.load(new StringReader(files.getGeneratedFileContent(GeneratedFiles.Kind.RESOURCE, BeanChoosingSettingsRecorder.RESOURCE)));
        assertThat(BeanChoosingSettings.from(written)).isEqualTo(new BeanChoosingSettings(true, false, false, true, true));
    }

    @Test
    void aSettingThatDiffersFromTheBuildsFailsTheStartNamingIt() {
        BeanChoosingSettings built = new BeanChoosingSettings(true, true, false, false, true);

        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> BeanChoosingSettingsCheck.check(built, new BeanChoosingSettings(false, true, false, false, true)))
                .satisfies(e -> {
                    assertThat(e.property()).isEqualTo("fapilog.enabled");
                    assertThat(e.value()).isEqualTo("false");
                    assertThat(e.allowed()).startsWith("true, the value this application was processed ahead of time with")
                            .contains("run it without spring.aot.enabled").doesNotContain("more setting");
                });
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> BeanChoosingSettingsCheck.check(built, new BeanChoosingSettings(true, false, true, true, true)))
                .satisfies(e -> {
                    assertThat(e.property()).isEqualTo("fapilog.bridge.slf4j");
                    assertThat(e.allowed()).endsWith("2 more setting(s) differ as well: [fapilog.otlp.enabled, fapilog.kafka.enabled]");
                });
        assertThatNoException().isThrownBy(() -> BeanChoosingSettingsCheck.check(built, built));
        // switched off at build time and at run time: what the others say chooses nothing
        BeanChoosingSettings off = new BeanChoosingSettings(false, true, false, false, true);
        assertThatNoException().isThrownBy(() -> BeanChoosingSettingsCheck.check(off, new BeanChoosingSettings(false, false, true, false, true)));
    }

    /** The check runs as Spring Boot prepares the environment, before it looks for the generated initializer. */
    @Test
    void anApplicationRunFromGeneratedCodeWithAnotherSettingFailsAtStart(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path resource = dir.resolve(BeanChoosingSettingsRecorder.RESOURCE);
        Files.createDirectories(resource.getParent());
        try (var out = Files.newBufferedWriter(resource)) {
            new BeanChoosingSettings(true, true, false, false, true).toProperties().store(out, null);
        }
        ClassLoader withGeneratedResources = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return name.equals(BeanChoosingSettingsRecorder.RESOURCE) ? url(resource) : super.getResource(name);
            }

            @Override
            public InputStream getResourceAsStream(String name) {
                try {
                    return name.equals(BeanChoosingSettingsRecorder.RESOURCE) ? Files.newInputStream(resource) : super.getResourceAsStream(name);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        SpringApplication application = new SpringApplication(new DefaultResourceLoader(withGeneratedResources), Object.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        SpringProperties.setFlag(AOT_ENABLED);
        try {
            assertThatExceptionOfType(InvalidSettingException.class)
                    .isThrownBy(() -> application.run("--fapilog.sinks=stdout-json,otlp", "--spring.main.banner-mode=off"))
                    .satisfies(e -> {
                        assertThat(e.property()).isEqualTo("fapilog.otlp.enabled");
                        assertThat(e.allowed()).startsWith("false (also on when fapilog.sinks names otlp), the value");
                    });
        } finally {
            SpringProperties.setProperty(AOT_ENABLED, null);
        }
    }

    private static final String AOT_ENABLED = "spring.aot.enabled";

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
