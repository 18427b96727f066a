package io.fapilog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trees of JSON libraries: Jackson 2's (written as the Iterable of their values, {@code [[],[]]}),
 * Gson's (its number getter threw, so the whole value was {@code ***}), and Jackson 3's copied at
 * the call without bounds (a tree holding itself overflowed the caller's stack twice).
 */
class JsonTextValuesTest {

    record Envelope(String id, Object payload) {
    }

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

    @Test
    void gsonAndJackson2TreesAreWrittenAsTheirJsonInARecordTooWithTheirDecimalsDigits() {
        JsonObject gson = new JsonObject();
        gson.addProperty("user", "ann");
        gson.addProperty("password", "hunter2");
        gson.addProperty("amount", new BigDecimal("12.50"));
        ObjectNode jackson2 = new ObjectMapper().createObjectNode().put("token", "t0k").put("total", new BigDecimal("12345678901234567890.123456789"));

        logged("gson", gson, "envelope", new Envelope("e-1", jackson2), "gsonInside", new Envelope("e-2", gson));

        String expectedGson = "{\"user\":\"ann\",\"password\":\"***\",\"amount\":12.50}"; // as written, not as parsed here
        assertThat(line).contains("\"gson\":" + expectedGson,
                "\"envelope\":{\"id\":\"e-1\",\"payload\":{\"token\":\"***\",\"total\":12345678901234567890.123456789}}",
                "\"gsonInside\":{\"id\":\"e-2\",\"payload\":" + expectedGson + "}");
    }

    @Test
    void aTreeHoldingItselfIsCutAtTheCallAndAPojoInsideIsTakenAsItWas() {
        tools.jackson.databind.node.ObjectNode tree = JsonNodeFactory.instance.objectNode().put("a", 1);
        tree.set("self", tree);
        List<String> roles = new ArrayList<>(List.of("admin"));
        tools.jackson.databind.node.ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.putPOJO("roles", roles);

        JsonNode data = loggedThen(() -> roles.add("root"), "tree", tree, "holder", holder).get("data");

        assertThat(data.get("tree").toString()).isEqualTo("{\"a\":1,\"self\":\"[cycle]\"}");
        assertThat(data.get("holder").toString()).isEqualTo("{\"roles\":\"[admin]\"}"); // a POJO in a tree is written as its text
    }

    /** Reading a value of megabytes as a tree would cost its caller milliseconds: past 16 K characters it is its text. */
    @Test
    void aLargeValueIsWrittenAsItsTextMaskedByTheTextRules() {
        JsonObject gson = new JsonObject();
        gson.addProperty("password", "hunter2");
        gson.addProperty("blob", "x".repeat(100_000));

        JsonNode written = logged("gson", gson).get("data").get("gson");

        assertThat(written.isString()).isTrue();
        assertThat(written.asString()).startsWith("{\"password\":\"***\",\"blob\":\"xxx").doesNotContain("hunter2");
    }

    @Test
    void aJackson2TreesBinaryNodesAreMaskedAndItsCyclesCut() throws Exception {
        ObjectNode body = new ObjectMapper().createObjectNode().put("n", 1);
        body.put("blob", "user=ann password=hunter2".getBytes(StandardCharsets.US_ASCII));
        body.set("self", body);

        JsonNode data = logged("body", body).get("data");

        String masked = Base64.getEncoder().encodeToString("user=ann password=***".getBytes(StandardCharsets.US_ASCII));
        assertThat(data.get("body").toString()).isEqualTo("{\"n\":1,\"blob\":\"" + masked + "\",\"self\":\"[cycle]\"}");
    }

    @Test
    void aBinaryNodeOfATreeInAPlaceholderIsWrittenWithItsBytesMasked() {
        byte[] secret = "user=ann password=hunter2".getBytes(StandardCharsets.US_ASCII);
        tools.jackson.databind.node.ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putArray("parts").add(JsonNodeFactory.instance.binaryNode(secret));

        String message = TestSinks.logged(() -> { }, "body {}", tree).get("message").asString();
        String masked = Base64.getEncoder().encodeToString("user=ann password=***".getBytes(StandardCharsets.US_ASCII));
        assertThat(message).isEqualTo("body {\"parts\":[\"" + masked + "\"]}");
    }

    private JsonNode logged(Object... keyValues) {
        return loggedThen(() -> { }, keyValues);
    }

    /** The line the last {@link #loggedThen} wrote. */
    private String line;

    private JsonNode loggedThen(Runnable afterTheCall, Object... keyValues) {
        line = TestSinks.loggedLine(afterTheCall, "values", keyValues);
        return TestSinks.JSON.readTree(line);
    }
}
