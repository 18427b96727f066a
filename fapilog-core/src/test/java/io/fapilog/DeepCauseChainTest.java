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
