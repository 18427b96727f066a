package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.EncoderFactory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.fapilog.internal.event.LogEvent;
import io.fapilog.spi.LogEventView;
import org.junit.jupiter.api.Test;

import java.util.List;
import tools.jackson.databind.JsonNode;

class JsonEncoderTest {

    /** An encoder that fails after writing half an event. */
    private static final class FailingEncoder extends JsonEncoder {
        FailingEncoder() {
            super(EncodingLimits.DEFAULT);
        }

        @Override
        protected void writeHeader(LogEventView event) {
            timestamp(JsonBuffer.encodeName("timestamp"), event);
            string(JsonBuffer.encodeName("message"), event.message());
        }

        @Override
        protected void writeMembers(LogEventView event) {
            writeHeader(event);
            json.name("half");
            json.beginArray();
            json.string("written");
            throw new IllegalStateException("bug");
        }
    }

    @Test
    void aFailingEncoderStillWritesAValidLine() {
        EncodedBatch batch = new EncodedBatch();
        Encoder encoder = new FailingEncoder();
        encoder.encode(Events.data(), batch);
        encoder.encode(Events.data(), batch);

        assertThat(StrictJson.parse(batch)).hasSize(2).allSatisfy(line -> {
            assertThat(StrictJson.names(line)).containsExactly("timestamp", "message", "encoding_error");
            assertThat(line.get("encoding_error").stringValue()).isEqualTo("java.lang.IllegalStateException: bug");
        });
    }

    @Test
    void aNullKeyIsWrittenAsNull() {
        for (Format format : Format.values()) {
            LogEvent event = Events.data();
            event.context().append(null, "v"); // put refuses a null key; the encoders still write one they meet

            JsonNode line = StrictJson.encode(Encoders.json(format, EncodingLimits.DEFAULT).create(), event);

            JsonNode members = format == Format.FAPILOG ? line.get("context") : line;
            assertThat(members.get(format == Format.GELF ? "_null" : "null").stringValue()).as(format.id()).isEqualTo("v");
        }
    }

    @Test
    void tagsAreATopLevelArrayInEveryFormatAndADataFieldNamedTagsIsKeptWhenThereAreNone() {
        for (Format format : Format.values()) {
            LogEvent tagged = Events.data("k", 1).tags(List.of("billing", "slow"));
            JsonNode line = StrictJson.encode(Encoders.json(format, EncodingLimits.DEFAULT).create(), tagged);
            if (format == Format.GELF) { // GELF's additional fields are flat: one comma-separated string
                assertThat(line.get("_tags").asString()).isEqualTo("billing,slow");
            } else {
                assertThat(line.get("tags").toString()).as(format.id()).isEqualTo("[\"billing\",\"slow\"]");
            }

            JsonNode untagged = StrictJson.encode(Encoders.json(format, EncodingLimits.DEFAULT).create(),
                    Events.data("tags", "user value"));
            JsonNode members = format == Format.FAPILOG ? untagged.get("data") : untagged;
            assertThat(members.get(format == Format.GELF ? "_tags" : "tags").asString()).as(format.id()).isEqualTo("user value");
        }
    }

    @Test
    void factoriesCreateIndependentEncoders() {
        EncoderFactory factory = Encoders.json(Format.FAPILOG, EncodingLimits.DEFAULT);

        assertThat(factory.create()).isNotSameAs(factory.create()).isInstanceOf(FapilogJsonEncoder.class);
        assertThat(Encoders.json(Format.ECS, EncodingLimits.DEFAULT).create()).isInstanceOf(EcsJsonEncoder.class);
        assertThat(Encoders.json(Format.LOGSTASH, EncodingLimits.DEFAULT).create()).isInstanceOf(LogstashJsonEncoder.class);
        assertThat(Encoders.pretty(false, EncodingLimits.DEFAULT).create()).isInstanceOf(PrettyEncoder.class);
        assertThatNullPointerException().isThrownBy(() -> Encoders.json(null, EncodingLimits.DEFAULT));
        assertThatNullPointerException().isThrownBy(() -> Encoders.json(Format.ECS, null));
    }

    @Test
    void namesOfEqualContentAreWrittenTheSameWhetherCachedOrNot() {
        Encoder encoder = Encoders.json(Format.FAPILOG, EncodingLimits.DEFAULT).create();
        String literal = "user_id";
        String copy = new String(literal);

        JsonNode first = StrictJson.encode(encoder, Events.data(literal, 1, "x\uD800", 2));
        JsonNode second = StrictJson.encode(encoder, Events.data(copy, 1, "x\uD800", 2));
        JsonNode third = StrictJson.encode(encoder, Events.data(literal, 1, "x\uD800", 2));

        assertThat(first).isEqualTo(second).isEqualTo(third);
        assertThat(StrictJson.names(first.get("data"))).containsExactly("user_id", "x\uFFFD");
    }

    @Test
    void aLineStopsGrowingPastItsBudget() {
        String big = "x".repeat(8192);
        java.util.List<Object> wide = new java.util.ArrayList<>();
        for (int i = 0; i < 256; i++) {
            wide.add(java.util.Collections.nCopies(256, big));
        }
        EncodedBatch batch = new EncodedBatch();

        Encoders.json(Format.FAPILOG, EncodingLimits.DEFAULT).create().encode(Events.data("v", wide), batch);

        assertThat(batch.length()).isBetween(1 << 20, 2 << 20);
        JsonNode v = StrictJson.parse(batch).get(0).get("data").get("v");
        assertThat(v.get(v.size() - 1).stringValue()).matches("…\\[\\+\\d+ more]");
    }
}
