package io.fapilog;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

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

    /**
     * A Kotlin {@code Sequence} may be read only once (one over an iterator, a reader's lines) and may
     * never end: Jackson's Kotlin module reads it on the worker, which took it from the application
     * ("This sequence can be consumed only once" at the application's next read) and wrote the text
     * of its iterator. It is written as its text, taken at the call, as an {@code Iterator} is.
     */
    @Test
    void aSequenceIsWrittenAsItsTextAndNeverRead() {
        kotlin.sequences.Sequence<String> once = kotlin.sequences.SequencesKt.asSequence(List.of("ann", "bob").iterator());
        kotlin.sequences.Sequence<Integer> endless = kotlin.sequences.SequencesKt.generateSequence(1, n -> n + 1);
        record Holder(kotlin.sequences.Sequence<String> names) {
        }
        kotlin.sequences.Sequence<String> held = kotlin.sequences.SequencesKt.asSequence(List.of("cy").iterator());
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        runtime.getLogger("kotlin").info("values", "once", once, "endless", endless, "holder", new Holder(held));
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(result.processed()).isEqualTo(1);
        JsonNode data = TestSinks.parse(sink.lines()).get(0).get("data");
        assertThat(data.get("once").asText()).isEqualTo(once.toString());
        assertThat(data.get("endless").asText()).isEqualTo(endless.toString());
        assertThat(data.at("/holder/names").asText()).isEqualTo(held.toString());
        assertThat(kotlin.sequences.SequencesKt.toList(once)).as("still the application's to read").containsExactly("ann", "bob");
        assertThat(kotlin.sequences.SequencesKt.toList(held)).containsExactly("cy");
    }
}
