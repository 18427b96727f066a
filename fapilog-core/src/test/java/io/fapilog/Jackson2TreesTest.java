package io.fapilog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Jackson 2 trees, still common beside Jackson 3's, were written as the Iterable of their values ({@code [[],[]]}). */
class Jackson2TreesTest {

    @Test
    void aJackson2TreeIsWrittenAsTheJsonItHeldAtTheCallAndRedactedByFieldName() throws Exception {
        TestSinks.GatedSink sink = new TestSinks.GatedSink();
        ObjectNode body = new ObjectMapper().createObjectNode().put("user", "ann").put("password", "hunter2");
        body.putArray("items").add(1).add(2);
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false)
                .batchMaxSize(1).start()) {
            Logger log = runtime.getLogger("api");
            log.info("hold the worker");
            sink.awaitBlocked();
            log.info("Request received", "body", body);
            body.put("user", "bob"); // after the call: not what is written
            sink.open();
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        JsonNode written = TestSinks.parse(sink.lines()).get(1).get("data").get("body");
        assertThat(written.toString()).isEqualTo("{\"user\":\"ann\",\"password\":\"***\",\"items\":[1,2]}");
    }
}
