package io.fapilog;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kotlin's values, with jackson-module-kotlin on the class path as a Kotlin application has it:
 * written as that module writes them. (Kotlin-compiled classes of the application's own, a
 * property of a value class's type among them, need a Kotlin build, which this repository has not.)
 */
class KotlinValuesTest {

    @Test
    void kotlinsValuesAreWrittenAsJacksonsKotlinModuleWritesThem() throws Exception {
        Object seven = Class.forName("kotlin.UInt").getMethod("box-impl", int.class).invoke(null, 7);
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        runtime.getLogger("kotlin").info("values", "unsigned", seven, "pair", new kotlin.Pair<>("ann", "hunter2"));
        runtime.stopAndDrain(Duration.ofSeconds(10));

        JsonNode data = TestSinks.parse(sink.lines()).get(0).get("data");
        assertThat(data.get("unsigned").toString()).as("a value class as the number it wraps").isEqualTo("7");
        assertThat(data.get("pair").toString()).isEqualTo("{\"first\":\"ann\",\"second\":\"hunter2\"}");
    }
}
