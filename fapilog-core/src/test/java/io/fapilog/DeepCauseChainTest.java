package io.fapilog;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cause chain deeper than every limit on the way (redaction's walk, the encoders' depth) still
 * ends with its innermost cause: the line that says what went wrong in a failure wrapped layer by
 * layer, with redaction on as the production preset ships it.
 */
class DeepCauseChainTest {

    @ParameterizedTest
    @ValueSource(ints = {40, 100, 300})
    void theInnermostCauseIsWrittenInTheFapilogLayout(int depth) throws Exception {
        JsonNode exception = logged(Format.FAPILOG, chain(depth)).get("diagnostics").get("exception");

        JsonNode last = exception.at("/cause".repeat(EncodingLimits.DEFAULT.maxDepth() - 1));
        assertThat(last.get("message").asString()).isEqualTo("Error creating bean " + (depth - EncodingLimits.DEFAULT.maxDepth()));
        assertThat(last.get("causes_omitted").asInt()).isEqualTo(depth - EncodingLimits.DEFAULT.maxDepth());
        assertThat(last.get("cause").get("message").asString()).isEqualTo("Connection refused to db-7:5432 password=***");
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 100, 300})
    void theInnermostCauseIsWrittenInTheTextTraces(int depth) throws Exception {
        String trace = logged(Format.ECS, chain(depth)).at("/error/stack_trace").asString();

        assertThat(trace).contains("... [nested throwables omitted]\nCaused by: java.sql.SQLException: Connection refused to db-7:5432 password=***")
                .doesNotContain("hunter2");
    }

    /**
     * Whatever the encoders' depth limit, beside redaction's own (where its copy jumps to the innermost
     * cause and counts what it left out), every cause is written or counted: the causes written, those
     * counted as omitted and the innermost add up to the chain. At the limit where redaction's jump falls
     * on the encoders' last level, the jump's count was left out.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 16, 40, 60, 61, 62, 63, 64, 65, 66, 70, 100})
    void everyCauseIsWrittenOrCountedAtAnyDepthLimit(int maxDepth) throws Exception {
        int wrappers = 300;
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
                .encodingLimits(new EncodingLimits(8192, 256, maxDepth, 4)).shutdownHook(false).start();
        runtime.getLogger("startup").error("Application run failed", chain(wrappers));
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        JsonNode node = TestSinks.parse(sink.lines()).get(0).get("diagnostics").get("exception");
        int written = 1;
        int omitted = 0;
        while (node.get("cause") != null && node.get("cause").isObject()) {
            omitted += node.path("causes_omitted").asInt(0);
            node = node.get("cause");
            written++;
        }
        assertThat(node.get("message").asString()).isEqualTo("Connection refused to db-7:5432 password=***");
        assertThat(written + omitted).isEqualTo(wrappers + 1);
    }

    private static Throwable chain(int depth) {
        Throwable chain = new java.sql.SQLException("Connection refused to db-7:5432 password=hunter2");
        for (int i = 0; i < depth; i++) {
            chain = new IllegalStateException("Error creating bean " + i, chain);
        }
        return chain;
    }

    private static JsonNode logged(Format format, Throwable failure) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).format(format).sinks().sink(sink)
                .shutdownHook(false).start();
        runtime.getLogger("startup").error("Application run failed", failure);
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(sink.lines()).hasSize(1);
        return TestSinks.parse(sink.lines()).get(0);
    }
}
