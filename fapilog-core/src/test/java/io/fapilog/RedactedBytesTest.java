package io.fapilog;

import io.fapilog.config.Format;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoders write a {@code byte[]} as base64, which anyone can decode: the credentials rules of
 * the {@code production} preset must read the bytes as they read text, wherever the bytes sit (a
 * value, a record's component, a Jackson tree), and leave bytes without a secret exactly as they were.
 */
class RedactedBytesTest {

    record Upload(String name, byte[] body) {
    }

    private static final byte[] BINARY = {0, 1, (byte) 0xff, (byte) 0xfe, 0x7f, (byte) 0x80, 10, 13};

    @ParameterizedTest
    @EnumSource(Format.class)
    void secretsInBytesAreMaskedAndOtherBytesKept(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        byte[] mixed = concat(new byte[] {(byte) 0xc3, (byte) 0xa9, 0},
                "token=SEKRET-mixed ".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xff});
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).format(format).sinks().sink(sink)
                .shutdownHook(false).start()) {
            Logger log = runtime.getLogger("bytes");
            log.info("bytes",
                    "payload", "user=keep-bytes password=SEKRET-bytes".getBytes(StandardCharsets.UTF_8),
                    "upload", new Upload("keep-upload", "Authorization: Bearer SEKRET-record-bytes"
                            .getBytes(StandardCharsets.UTF_8)),
                    "password", "SEKRET-named-bytes".getBytes(StandardCharsets.UTF_8),
                    "binary", BINARY,
                    "mixed", mixed,
                    "tree", TestSinks.JSON.createObjectNode().put("blob", "api_key=SEKRET-tree-bytes"
                            .getBytes(StandardCharsets.UTF_8)));
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        }

        assertThat(sink.lines()).hasSize(1);
        List<String> texts = textsAndDecodedBase64(TestSinks.parse(sink.lines()).get(0));
        for (String secret : List.of("SEKRET-bytes", "SEKRET-record-bytes", "SEKRET-named-bytes", "SEKRET-mixed",
                "SEKRET-tree-bytes")) {
            assertThat(texts).as("%s in %s", secret, format).noneMatch(text -> text.contains(secret));
        }
        // the bytes as the text rules leave the same text; those around a secret, and bytes without one, unchanged
        assertThat(texts).contains("user=keep-bytes password=***", "keep-upload", "Authorization: ***", "***", "api_key=***",
                latin1(BINARY), latin1(concat(new byte[] {(byte) 0xc3, (byte) 0xa9, 0},
                        "token=*** ".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xff})));
        assertThat(texts).as("a record's bytes are written as base64 too, not as an array's identity")
                .noneMatch(text -> text.startsWith("[B@"));
    }

    /**
     * The message writes a {@code byte[]} a placeholder takes as numbers, and a {@code char[]} as its
     * characters, as SLF4J does: masked first, never the caller's array.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void secretsInBytesAPlaceholderTakesAreMasked(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        byte[] body = "password=SEKRET-placeholder".getBytes(StandardCharsets.UTF_8);
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).format(format).sinks().sink(sink)
                .shutdownHook(false).start()) {
            Logger log = runtime.getLogger("bytes");
            log.info("received {} from {}", body, "keep-arg");
            log.info("parts {}", (Object) new Object[] {"keep-part", body});
            log.info("chars {}", (Object) "user=ann password=hünter2".toCharArray());
            log.info("plain chars {}", (Object) "héllo".toCharArray());
            log.atInfo().add("k", "v").log("fluent {} and {}", body); // fewer arguments than {}s
            log.atInfo().log("fluent chars {} and {}", (Object) "password=hunter2".toCharArray());
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        }

        String messageField = format == Format.GELF ? "short_message" : "message";
        List<JsonNode> events = TestSinks.parse(sink.lines());
        String masked = Arrays.toString("password=***".getBytes(StandardCharsets.UTF_8));
        assertThat(events.get(0).get(messageField).asString()).isEqualTo("received " + masked + " from keep-arg");
        assertThat(events.get(1).get(messageField).asString()).isEqualTo("parts [keep-part, " + masked + "]");
        assertThat(events.get(2).get(messageField).asString())
                .isEqualTo("chars " + Arrays.toString("user=ann password=***".toCharArray()));
        assertThat(events.get(3).get(messageField).asString()).isEqualTo("plain chars [h, é, l, l, o]");
        assertThat(events.get(4).get(messageField).asString()).isEqualTo("fluent " + masked + " and {}");
        assertThat(events.get(5).get(messageField).asString())
                .isEqualTo("fluent chars " + Arrays.toString("password=***".toCharArray()) + " and {}");
        assertThat(body).isEqualTo("password=SEKRET-placeholder".getBytes(StandardCharsets.UTF_8));
    }

    /** Every string of the event, and for those that are base64, the text of the bytes they hold (one char a byte). */
    private static List<String> textsAndDecodedBase64(JsonNode node) {
        List<String> texts = new ArrayList<>();
        collect(node, texts);
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isContainer()) {
            for (JsonNode child : node) {
                collect(child, texts);
            }
            return;
        }
        if (node.isString()) {
            String text = node.asString();
            texts.add(text);
            try {
                texts.add(latin1(Base64.getDecoder().decode(text)));
            } catch (IllegalArgumentException notBase64) {
                // plain text
            }
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
