package io.fapilog.internal.encoding;

import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fapilog.internal.event.LogEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test helper: checks encoded lines byte by byte (strict UTF-8, no raw control character, U+2028
 * or U+2029) and parses them with a strict parser (duplicate names, trailing tokens, NaN and
 * unescaped control characters all rejected).
 */
final class StrictJson {

    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** Encodes the event and returns its one parsed line. */
    static JsonNode encode(Encoder encoder, LogEvent event) {
        EncodedBatch batch = new EncodedBatch();
        encoder.encode(event, batch);
        List<JsonNode> lines = parse(batch);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    /** Validates and parses every line of the batch. */
    static List<JsonNode> parse(EncodedBatch batch) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : checkedLines(batch)) {
            nodes.add(STRICT.readTree(line));
        }
        return nodes;
    }

    /** The batch's lines after checking their bytes: strict UTF-8, one event per line, no control chars. */
    static List<String> checkedLines(EncodedBatch batch) {
        byte[] bytes = Arrays.copyOf(batch.array(), batch.length());
        assertThat(bytes).isNotEmpty();
        assertThat(bytes[bytes.length - 1]).as("last byte is a newline").isEqualTo((byte) '\n');
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(decode(bytes, start, i));
                start = i + 1;
            } else {
                assertThat(bytes[i] < 0 || bytes[i] >= 0x20).as("raw control byte 0x%02x", bytes[i]).isTrue();
            }
        }
        assertThat(lines).hasSize(batch.eventCount());
        for (String line : lines) {
            assertThat(line).doesNotContain("\u2028", "\u2029", "\u007f");
        }
        return lines;
    }

    private static String decode(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("invalid UTF-8 in line: " + new String(bytes, from, to - from, StandardCharsets.UTF_8), e);
        }
    }

    /** Names of an object node, in order. */
    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
