package io.fapilog;

import io.fapilog.config.RedactionSettings;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fapilog.redaction.patterns} as applications write them, careless ones too: a pattern whose
 * search overflows the stack or backtracks without end costs the value it meets (masked whole, and
 * said), never the rest of the event nor the events after it.
 */
class UserPatternsTest {

    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void captureStandardError() {
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8) { });
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(originalErr);
    }

    private static FapilogRuntime start(InMemorySink sink, String pattern) {
        RedactionSettings redaction = new RedactionSettings(Set.of("credentials"), Set.of("myField"), List.of(pattern), true, false);
        return Fapilog.builder().preset(Preset.PRODUCTION).redaction(redaction).sinks().sink(sink).shutdownHook(false).start();
    }

    /**
     * A repeated group with alternatives overflows the regex engine's stack on a value of 1,600
     * characters. Before, the whole event was then written unredacted: the preset's {@code password}
     * and a named field too. Now that value alone is masked, and the rest of the event redacted.
     */
    @Test
    void aPatternWhoseSearchOverflowsTheStackCostsOnlyTheValueItMet() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(sink, "acme_(?:[A-Za-z0-9]|-)+");
        runtime.getLogger("orders").info("shipped acme_Ab1-Cd2", "blob", "acme_" + "Ab1-".repeat(2_000),
                "password", "hunter2", "myField", "S3CRETVAL99", "note", "fine");
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(result.processed()).isEqualTo(1);
        JsonNode line = TestSinks.parse(sink.lines()).get(0);
        assertThat(line.get("message").asString()).isEqualTo("shipped ***");
        assertThat(line.get("data").toString())
                .isEqualTo("{\"blob\":\"***\",\"password\":\"***\",\"myField\":\"***\",\"note\":\"fine\"}");
        assertThat(line.at("/diagnostics/redaction_error").isMissingNode()).isTrue();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("fapilog: fapilog.redaction.patterns: "
                + "'acme_(?:[A-Za-z0-9]|-)+' searched a value of 8005 characters and overflowed the stack");
    }

    /**
     * Two keys a pattern masks to one text: the second takes a leading underscore, as the other
     * layouts rename a clashing name. Before, the {@code fapilog} layout wrote two members of one name,
     * of which JSON readers keep one (and Elasticsearch's strict check refuses the line).
     */
    @Test
    void keysAPatternMasksToTheSameTextStayDistinct() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(sink, "\\d{6,}");
        runtime.getLogger("orders").info("batch", "order_123456", "shipped", "order_654321", "pending", "_order_***", "taken");
        runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(TestSinks.parse(sink.lines()).get(0).get("data").toString())
                .isEqualTo("{\"order_***\":\"shipped\",\"__order_***\":\"pending\",\"_order_***\":\"taken\"}");
    }

    /**
     * {@code (x+x+)+y} on a long run of {@code x} backtracks for hours: before, it held the only worker
     * for good, and no event after it was written. Now it searches a value for at most
     * {@code MATCH_BUDGET}, the value is masked whole, and the events after it are written.
     */
    @Test
    void aPatternThatBacktracksWithoutEndCostsOnlyTheValueItMet() {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = start(sink, "(x+x+)+y");
        runtime.getLogger("orders").info("upload", "body", "x".repeat(8_000), "user", "ann");
        for (int i = 0; i < 100; i++) {
            runtime.getLogger("orders").info("after", "i", i);
        }
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));

        assertThat(result).isNotNull();
        assertThat(result.processed()).isEqualTo(101);
        List<JsonNode> lines = TestSinks.parse(sink.lines());
        assertThat(lines.get(0).get("data").toString()).isEqualTo("{\"body\":\"***\",\"user\":\"ann\"}");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("fapilog: fapilog.redaction.patterns: "
                + "'(x+x+)+y' searched a value of 8000 characters for more than 250 ms (it backtracks)");
    }
}
