package io.fapilog.benchmarks.app;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Each profile's {@code bench.logging} value maps {@code GET /hello} to exactly one controller. */
class HelloVariantsTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(FapilogHelloController.class, BootLoggingHelloController.class,
                    SilentHelloController.class);

    @ParameterizedTest
    @CsvSource({
            "fapilog, io.fapilog.benchmarks.app.FapilogHelloController",
            "boot, io.fapilog.benchmarks.app.BootLoggingHelloController",
            "none, io.fapilog.benchmarks.app.SilentHelloController"})
    void oneControllerPerVariant(String variant, Class<?> controller) {
        contexts.withPropertyValues("bench.logging=" + variant).run(context -> {
            assertThat(context).hasSingleBean(controller);
            assertThat(context.getBeanNamesForAnnotation(org.springframework.web.bind.annotation.RestController.class))
                    .hasSize(1);
        });
    }
}
