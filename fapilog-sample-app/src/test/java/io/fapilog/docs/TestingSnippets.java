package io.fapilog.docs;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sample.PriceCalculator;
import io.fapilog.sample.SampleApplication;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java snippets of docs/testing.md, run as tests: a unit test reading the events of an
 * in-memory sink, and a Spring Boot test reading standard output, each after {@code flush()}.
 */
@SpringBootTest(classes = SampleApplication.class)
@ExtendWith(OutputCaptureExtension.class)
class TestingSnippets {

    @Autowired
    FapilogRuntime runtime;

    @Autowired
    PriceCalculator prices;

    @Test
    void unitTest() {
        // tag::unit-test[]
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
                .shutdownHook(false).start()) {
            new PriceCalculator().quote("book", 2, runtime.getLogger("quotes"));
            runtime.flush().join(); // every event logged before the call is written now
            assertThat(sink.lines()).singleElement().asString()
                    .contains("\"message\":\"Quote computed\"", "\"total\":25.00");
        }
        // end::unit-test[]
    }

    @Test
    void springBootTest(CapturedOutput output) {
        // tag::spring-boot-test[]
        prices.quote("pen", 3, runtime.getLogger("quotes"));
        runtime.flush().join();
        assertThat(output).contains("\"message\":\"Quote computed\"", "\"total\":3.60");
        // end::spring-boot-test[]
    }
}
