package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-line byte budget holds for every part of an event; a JsonNode is written as the JSON it holds. */
class EncodingBudgetTest {

    private static final EncodingLimits LIMITS = EncodingLimits.DEFAULT;
    /** {@code max(1 MiB, 16 × maxStringLength)}, as in {@link SafeJsonWriter}, plus room for the last member written. */
    private static final long BUDGET = Math.max(1 << 20, 16L * LIMITS.maxStringLength()) + 64L * LIMITS.maxStringLength();

    private static EncodedBatch encode(Format format, LogEvent event) {
        Encoder encoder = Encoders.json(format, LIMITS).create();
        EncodedBatch batch = new EncodedBatch();
        encoder.encode(event, batch);
        return batch;
    }

    private static JsonNode onlyLine(EncodedBatch batch) {
        assertThat(batch.eventCount()).isEqualTo(1);
        assertThat((long) batch.length()).as("line bytes").isLessThanOrEqualTo(BUDGET);
        return StrictJson.parse(batch).get(0);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void manyTopLevelFieldsStopAtTheBudget(Format format) {
        int fields = 30_000;
        Object[] pairs = new Object[fields * 2];
        String value = "v".repeat(100);
        for (int i = 0; i < fields; i++) {
            pairs[2 * i] = "field_" + i;
            pairs[2 * i + 1] = value;
        }
        JsonNode line = onlyLine(encode(format, Events.data(pairs)));
        assertThat(line.toString()).contains("more]");
    }

    private static Exception withSuppressed(int count) {
        Exception top = new IllegalStateException("top");
        for (int i = 0; i < count; i++) {
            top.addSuppressed(new IllegalArgumentException("suppressed " + i + " " + "m".repeat(200)));
        }
        return top;
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void manySuppressedExceptionsStopAtTheBudget(Format format) {
        JsonNode line = onlyLine(encode(format, Events.failed(withSuppressed(2_000))));
        assertThat(line.toString()).contains("suppressed 0");
    }

    @Test
    void aJsonNodeIsWrittenAsTheJsonItHolds() {
        ObjectNode node = JsonMapper.builder().build().createObjectNode();
        node.put("a", 1).putArray("list").add("x").add(2);
        node.putObject("nested").put("ok", true);
        JsonNode line = onlyLine(encode(Format.FAPILOG, Events.data("payload", node,
                "array", JsonMapper.builder().build().createArrayNode().add(1).add(2))));
        assertThat(line.at("/data/payload").toString()).isEqualTo("{\"a\":1,\"list\":[\"x\",2],\"nested\":{\"ok\":true}}");
        assertThat(line.at("/data/array").toString()).isEqualTo("[1,2]");
    }
}
