package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogRuntime;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.spring.web.reactive.FapilogWebFluxAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class FapilogConfigurationFailureAnalyzerTests {

    /** For failures whose value is not looked up in an environment. */
    private static final FapilogConfigurationFailureAnalyzer ANALYZER = new FapilogConfigurationFailureAnalyzer(null);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class));

    @Test
    void numberOutOfRange() {
        assertAnalysis("fapilog.queue.capacity=0",
                "Invalid value '0' for fapilog.queue.capacity.",
                "Update your application's configuration: fapilog.queue.capacity must be a number >= 1.");
        assertAnalysis("fapilog.queue.max-bytes=-2KB",
                "Invalid value '-2KB' for fapilog.queue.max-bytes.",
                "Update your application's configuration: fapilog.queue.max-bytes must be a size >= 1B.");
        assertAnalysis("fapilog.queue.max-bytes=0B", "Invalid value '0B' for fapilog.queue.max-bytes.",
                "Update your application's configuration: fapilog.queue.max-bytes must be a size >= 1B.");
    }

    /** A pattern with a comma, written on one line, is split by Spring Boot's binder: the report said only that a piece was no pattern. */
    @Test
    void aPatternSplitAtItsCommaSaysWhyAndHowToWriteIt() {
        assertAnalysis("fapilog.redaction.patterns=\\d{3,4}-\\d{2}",
                "Invalid value '\\d{3' for fapilog.redaction.patterns.",
                "Update your application's configuration: fapilog.redaction.patterns must be Java regular expressions "
                        + "(Unclosed counted closure). Spring Boot splits a list written on one line at its commas, so "
                        + "'\\d{3' is a piece of '\\d{3,4}-\\d{2}': give a pattern with a comma a list item of its own "
                        + "(in YAML, or fapilog.redaction.patterns[0]=...).");
    }

    @Test
    void durationOutOfRange() {
        assertAnalysis("fapilog.batch.timeout=0s",
                "Invalid value '0s' for fapilog.batch.timeout.",
                "Update your application's configuration: fapilog.batch.timeout must be a duration > 0, at most 1 day.");
    }

    /** The value as written and where: {@code -500ms} in the file, not the {@code PT-0.5S} it was bound to. */
    @Test
    void theReportShowsTheValueAsWrittenAndWhere(@TempDir Path dir, CapturedOutput output) throws Exception {
        Path properties = Files.writeString(dir.resolve("application.properties"),
                "fapilog.sinks=stdout-json\nfapilog.shutdown.timeout=-500ms\n");
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.config.location=file:" + properties,
                "--fapilog.bridge.slf4j=false")).hasRootCauseInstanceOf(InvalidSettingException.class);
        assertThat(output).contains("Description:" + System.lineSeparator() + System.lineSeparator()
                        + "Invalid value '-500ms' for fapilog.shutdown.timeout." + System.lineSeparator()
                        + "Origin: URL [file:" + properties + "] - 2:26" + System.lineSeparator())
;
    }

    @Test
    void rateOutOfRange() {
        assertAnalysis("fapilog.sampling.rate=1.5",
                "Invalid value '1.5' for fapilog.sampling.rate.",
                "Update your application's configuration: fapilog.sampling.rate must be a number in (0, 1].");
        assertAnalysis("fapilog.sampling.rate=0", // as written, not as bound (0.0)
                "Invalid value '0' for fapilog.sampling.rate.",
                "Update your application's configuration: fapilog.sampling.rate must be a number in (0, 1].");
    }

    @Test
    void workersOutOfRange() {
        assertAnalysis("fapilog.workers=65",
                "Invalid value '65' for fapilog.workers.",
                "Update your application's configuration: fapilog.workers must be a number from 1 to 64.");
    }

    @Test
    void rateLimitBurstOutOfRangeWithOrWithoutALimit() {
        assertAnalysis("fapilog.rate-limit.burst=0",
                "Invalid value '0' for fapilog.rate-limit.burst.",
                "Update your application's configuration: fapilog.rate-limit.burst must be a number >= 1.");
        assertAnalysis(runner.withPropertyValues("fapilog.rate-limit.events-per-second=100"), "fapilog.rate-limit.burst=-1",
                "Invalid value '-1' for fapilog.rate-limit.burst.",
                "Update your application's configuration: fapilog.rate-limit.burst must be a number >= 1.");
    }

    @Test
    void batchSizeAboveItsBound() {
        assertAnalysis("fapilog.batch.max-size=2147483647",
                "Invalid value '2147483647' for fapilog.batch.max-size.",
                "Update your application's configuration: fapilog.batch.max-size must be a number from 1 to 65536.");
    }

    /** A trailing comma or a blank item binds as a missing element: named, with the values allowed, not a NullPointerException. */
    @Test
    void anEmptyItemInAListOfSinksOrLevels() {
        assertAnalysis("fapilog.sinks=stdout-json,",
                "Invalid value 'stdout-json,' for fapilog.sinks.",
                "Update your application's configuration: fapilog.sinks must be at least one of "
                        + "[stdout-json, stdout-pretty, rotating-file, http, in-memory].");
        assertAnalysis("fapilog.queue.protected-levels=error,",
                "Invalid value 'error,' for fapilog.queue.protected-levels.",
                "Update your application's configuration: fapilog.queue.protected-levels must be levels, each one of: "
                        + io.fapilog.Level.allowedValues() + ".");
    }

    @Test
    void httpSinkWithoutEndpoint() {
        assertAnalysis("fapilog.sinks=http",
                "Invalid value for fapilog.http.endpoint.",
                "Update your application's configuration: fapilog.http.endpoint must be an http or https URL (the http sink needs one).");
    }

    /** An endpoint may hold credentials: the report says where it is written, never what. */
    @Test
    void aRejectedEndpointIsReportedWithItsOriginNeverItsValue() {
        runner.withPropertyValues("fapilog.sinks=http", "fapilog.http.endpoint=ftp://user:s3cret@127.0.0.1/x").run(context -> {
            StandardEnvironment environment = new StandardEnvironment();
            TestPropertyValues.of("fapilog.http.endpoint=ftp://user:s3cret@127.0.0.1/x").applyTo(environment);
            FailureAnalysis analysis = new FapilogConfigurationFailureAnalyzer(environment).analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("Invalid value for fapilog.http.endpoint." + System.lineSeparator()
                    + "Origin: \"fapilog.http.endpoint\" from property source \"test\"");
            assertThat(analysis.getAction()).doesNotContain("s3cret");
        });
    }

    @Test
    void unknownRedactionPresetListsTheValues() {
        assertAnalysis("fapilog.redaction.presets=pcii",
                "Invalid value 'pcii' for fapilog.redaction.presets.",
                "Update your application's configuration: fapilog.redaction.presets must be one of: credentials, pci, hipaa.");
    }

    /** {@code none} beside a preset was refused as an unknown preset, with a list of values that left {@code none} out. */
    @Test
    void noneBesideAPresetSaysThatItStandsAlone() {
        assertAnalysis("fapilog.redaction.presets=none,pci",
                "Invalid value 'none,pci' for fapilog.redaction.presets.",
                "Update your application's configuration: fapilog.redaction.presets must be credentials, pci or hipaa, one or more; or none alone (no preset).");
    }

    @Test
    void requestLoggingSampleRateOutOfRange() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogWebFluxAutoConfiguration.class))
                .withPropertyValues("fapilog.request-logging.sample-rate=1.5", "fapilog.bridge.slf4j=false")
                .run(context -> assertAnalysis(context.getStartupFailure(),
                        "Invalid value '1.5' for fapilog.request-logging.sample-rate.",
                        "Update your application's configuration: fapilog.request-logging.sample-rate must be a number from 0 to 1."));
    }

    @Test
    void coreErrorsGetTheReportInsteadOfAStackTrace(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--fapilog.redaction.presets=pcii", "--fapilog.sinks=stdout-json",
                "--fapilog.bridge.slf4j=false")).hasRootCauseInstanceOf(InvalidSettingException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid value 'pcii' for fapilog.redaction.presets.")
                .doesNotContain("Caused by:");
    }

    @Test
    void anUnwritableFilePathFailsStartUpNamingTheProperty(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        runner.withPropertyValues("fapilog.sinks=rotating-file", "fapilog.file.path=" + notADirectory.resolve("app.log"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = ANALYZER.analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .isEqualTo("Invalid value '" + notADirectory.resolve("app.log") + "' for fapilog.file.path.");
                    assertThat(analysis.getAction()).startsWith("Update your application's configuration: "
                            + "fapilog.file.path must be a file that can be created and written (" + notADirectory);
                });
    }

    @Test
    void aBadRollingPolicyValueIsReportedUnderTheBootPropertyTheUserSet(@TempDir Path dir) {
        String file = "logging.file.name=" + dir.resolve("app.log");
        assertAnalysis(runner.withPropertyValues(file), "logging.logback.rollingpolicy.max-history=-3",
                "Invalid value '-3' for logging.logback.rollingpolicy.max-history.",
                "Update your application's configuration: logging.logback.rollingpolicy.max-history must be a number >= 0.");
        assertAnalysis(runner.withPropertyValues(file), "logging.log4j2.rollingpolicy.max-history=-3",
                "Invalid value '-3' for logging.log4j2.rollingpolicy.max-history.",
                "Update your application's configuration: logging.log4j2.rollingpolicy.max-history must be a number >= 0.");
        assertAnalysis(runner.withPropertyValues(file), "logging.logback.rollingpolicy.max-file-size=-1KB",
                "Invalid value '-1KB' for logging.logback.rollingpolicy.max-file-size.",
                "Update your application's configuration: logging.logback.rollingpolicy.max-file-size must be a size >= 0.");
        assertAnalysis(runner.withPropertyValues(file), "logging.log4j2.rollingpolicy.max-file-size=-1KB",
                "Invalid value '-1KB' for logging.log4j2.rollingpolicy.max-file-size.",
                "Update your application's configuration: logging.log4j2.rollingpolicy.max-file-size must be a size >= 0.");
        assertAnalysis(runner.withPropertyValues(file), "logging.logback.rollingpolicy.total-size-cap=-2KB",
                "Invalid value '-2KB' for logging.logback.rollingpolicy.total-size-cap.",
                "Update your application's configuration: logging.logback.rollingpolicy.total-size-cap must be a size >= 0.");
    }

    @Test
    void aBadFapilogFileValueIsReportedUnderItsOwnNameEvenWithBootsLogFile(@TempDir Path dir) {
        assertAnalysis(runner.withPropertyValues("logging.file.name=" + dir.resolve("app.log"),
                        "logging.logback.rollingpolicy.max-history=5"), "fapilog.file.max-history=-3",
                "Invalid value '-3' for fapilog.file.max-history.",
                "Update your application's configuration: fapilog.file.max-history must be a number >= 0.");
    }

    @Test
    void aLogFileThatCannotBeWrittenIsReportedUnderTheBootPropertyThatNamedIt(@TempDir Path dir) throws Exception {
        Path plainFile = Files.writeString(dir.resolve("plain-file"), "x");
        // the value as the user wrote it, the reason beside what is allowed
        assertAnalysis(runner, "logging.file.name=" + dir,
                "Invalid value '" + dir + "' for logging.file.name.",
                "Update your application's configuration: logging.file.name must be a file that can be created and written ("
                        + dir + " is not a regular file (a device, a pipe or a directory)).");
        runner.withPropertyValues("logging.file.path=" + plainFile).run(context -> {
            FailureAnalysis analysis = ANALYZER.analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("Invalid value '" + plainFile + "' for logging.file.path.");
            assertThat(analysis.getAction()).startsWith("Update your application's configuration: "
                    + "logging.file.path must be a directory in which spring.log can be created and written (" + plainFile);
        });
        runner.withPropertyValues("logging.file.name=" + dir.resolve("app.log"), "fapilog.sinks=rotating-file",
                "fapilog.file.path=" + dir).run(context -> assertThat(
                ANALYZER.analyze(context.getStartupFailure()).getDescription())
                .endsWith(" for fapilog.file.path."));
    }

    @Test
    void aBadRollingPolicyValueIsReportedUnderTheBootPropertyWhenTheApplicationStarts(@TempDir Path dir,
                                                                                             CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Set<String> systemProperties = System.getProperties().stringPropertyNames();
        try {
            assertThatThrownBy(() -> application.run("--logging.file.name=" + dir.resolve("app.log"),
                    "--logging.logback.rollingpolicy.max-history=-3")).hasRootCauseInstanceOf(InvalidSettingException.class);
        } finally { // Boot's logging system leaves LOG_FILE and others behind, which ${LOG_FILE} in later tests would resolve to
            System.getProperties().stringPropertyNames().stream().filter(name -> !systemProperties.contains(name))
                    .forEach(System::clearProperty);
        }
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Description:" + System.lineSeparator() + System.lineSeparator()
                        + "Invalid value '-3' for logging.logback.rollingpolicy.max-history." + System.lineSeparator())
                .contains("Action:" + System.lineSeparator() + System.lineSeparator() + "Update your application's "
                        + "configuration: logging.logback.rollingpolicy.max-history must be a number >= 0.");
    }

    @Test
    void anHttpEndpointWithoutAHostFailsStartUpNamingThePropertyButNotTheUrl() {
        runner.withPropertyValues("fapilog.sinks=http", "fapilog.http.endpoint=http:/ingest?api_key=SECRET")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = ANALYZER.analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).isEqualTo("Invalid value for fapilog.http.endpoint.");
                    assertThat(analysis.getAction()).doesNotContain("SECRET").isEqualTo("Update your application's "
                            + "configuration: fapilog.http.endpoint must be an absolute http(s) URL with a host.");
                });
    }

    @Test
    void otherErrorsAreNotClaimed() {
        assertThat(ANALYZER.analyze(new IllegalArgumentException("x"))).isNull();
    }

    @Test
    void startUpFailureIsReportedWithTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--fapilog.queue.capacity=0", "--fapilog.sinks=stdout-json"))
                .hasRootCauseInstanceOf(InvalidSettingException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Description:" + System.lineSeparator() + System.lineSeparator()
                        + "Invalid value '0' for fapilog.queue.capacity." + System.lineSeparator())
                .contains("Action:" + System.lineSeparator() + System.lineSeparator()
                        + "Update your application's configuration: fapilog.queue.capacity must be a number >= 1.");
    }

    /** A value from a placeholder is shown as it came, then as written: the placeholder alone says nothing of what was wrong. */
    @Test
    void aValueFromAPlaceholderIsShownAsItCameAndAsWritten() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogSwitchAutoConfiguration.class, FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.enabled=${FAPILOG_ON}", "FAPILOG_ON=yes").run(context -> {
                    assertThat(context).hasFailed();
                    assertAnalysis(context.getStartupFailure(), "Invalid value 'yes' (written as ${FAPILOG_ON}) for fapilog.enabled."
                                    + System.lineSeparator() + "Origin: \"fapilog.enabled\" from property source \"test\"",
                            "Update your application's configuration: fapilog.enabled must be true or false.");
                });
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertyValues.of("fapilog.queue.capacity=${CAPACITY}", "CAPACITY=0").applyTo(environment);
        runner.withPropertyValues("fapilog.queue.capacity=${CAPACITY}", "CAPACITY=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new FapilogConfigurationFailureAnalyzer(environment).analyze(context.getStartupFailure()).getDescription())
                    .startsWith("Invalid value '0' (written as ${CAPACITY}) for fapilog.queue.capacity.");
        });
    }

    @Test
    void aSwitchThatIsNotABooleanFailsTheStartInsteadOfSwitchingFapilogOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogSwitchAutoConfiguration.class, FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.enabled=nope").run(context -> {
                    assertThat(context).hasFailed();
                    assertAnalysis(context.getStartupFailure(), "Invalid value 'nope' for fapilog.enabled."
                                    + System.lineSeparator() + "Origin: \"fapilog.enabled\" from property source \"test\"",
                            "Update your application's configuration: fapilog.enabled must be true or false.");
                });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogSwitchAutoConfiguration.class, FapilogAutoConfiguration.class))
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new org.springframework.core.env.MapPropertySource("with a trailing blank",
                                java.util.Map.of("fapilog.enabled", "true ")))) // the conditions would not match it
                .run(context -> assertThat(context).hasFailed());
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogSwitchAutoConfiguration.class, FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.enabled=FALSE")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(io.fapilog.FapilogRuntime.class));
    }

    /**
     * The module and propagation switches' conditions compare the text too: {@code yes}, {@code on} or
     * {@code 1}, which the binder reads as true, left the OTLP sink off without a word (and turned
     * context propagation off), and {@code no} switched the sink on.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"fapilog.otlp.enabled, yes", "fapilog.kafka.enabled, on",
            "fapilog.request-logging.propagate-context, 1", "fapilog.otlp.enabled, no"})
    void everySwitchTakesOnlyTrueOrFalse(String property, String value) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogSwitchAutoConfiguration.class, FapilogAutoConfiguration.class))
                .withPropertyValues(property + "=" + value).run(context -> {
                    assertThat(context).hasFailed();
                    assertAnalysis(context.getStartupFailure(), "Invalid value '" + value + "' for " + property + "."
                                    + System.lineSeparator() + "Origin: \"" + property + "\" from property source \"test\"",
                            "Update your application's configuration: " + property + " must be true or false.");
                });
    }

    /** Blank, a module switch is off, as unset; blank, a switch that is on when unset would turn it off: refused. */
    @Test
    void aBlankModuleSwitchIsOffAndABlankPropagationSwitchIsRefused() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogSwitchAutoConfiguration.class, FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.otlp.enabled=", "fapilog.kafka.enabled=").run(context -> assertThat(context).hasNotFailed());
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FapilogSwitchAutoConfiguration.class, FapilogAutoConfiguration.class))
                .withPropertyValues("fapilog.request-logging.propagate-context=").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aSwitchThatIsNotABooleanIsReportedBeforeABeanThatNeedsTheRuntimeIsCreated(CapturedOutput output) {
        SpringApplication application = new SpringApplication(ApplicationNeedingTheRuntime.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--fapilog.enabled=maybe"))
                .isInstanceOf(InvalidSettingException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Description:" + System.lineSeparator() + System.lineSeparator()
                        + "Invalid value 'maybe' for fapilog.enabled." + System.lineSeparator()
                        + "Origin: \"fapilog.enabled\" from property source \"commandLineArgs\"" + System.lineSeparator())
                .contains("Action:" + System.lineSeparator() + System.lineSeparator()
                        + "Update your application's configuration: fapilog.enabled must be true or false.")
                .doesNotContain("required a bean of type");
    }

    private void assertAnalysis(String property, String description, String action) {
        assertAnalysis(runner, property, description, action);
    }

    private static void assertAnalysis(ApplicationContextRunner runner, String property, String description,
                                       String action) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            StandardEnvironment environment = new StandardEnvironment();
            TestPropertyValues.of(property).applyTo(environment);
            FailureAnalysis analysis = new FapilogConfigurationFailureAnalyzer(environment).analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            String name = property.substring(0, property.indexOf('='));
            String origin = System.lineSeparator() + "Origin: \"" + name + "\" from property source \"test\"";
            assertThat(analysis.getDescription()).isEqualTo(description.contains("'") ? description + origin : description);
            assertThat(analysis.getAction()).isEqualTo(action);
        });
    }

    private static void assertAnalysis(Throwable failure, String description, String action) {
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = ANALYZER.analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo(description);
        assertThat(analysis.getAction()).isEqualTo(action);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(FapilogAutoConfiguration.class)
    static class MinimalApplication {
    }

    /** An application whose own bean needs the runtime, so it is created before any auto-configuration. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ FapilogSwitchAutoConfiguration.class, FapilogAutoConfiguration.class })
    @Import(NeedsTheRuntime.class)
    static class ApplicationNeedingTheRuntime {
    }

    static class NeedsTheRuntime {

        NeedsTheRuntime(FapilogRuntime runtime) {
        }
    }
}
