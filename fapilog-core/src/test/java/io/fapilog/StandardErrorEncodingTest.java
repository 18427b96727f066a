package io.fapilog;

import io.fapilog.config.FullPolicy;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Standard error carries fapilog's notices and a failing sink's events (its fallback) side by side:
 * both in UTF-8 whatever the stream's charset (Java 17 in a container without a locale: ASCII), so
 * that a collector reading the stream finds one encoding, and the notice keeps its non-ASCII text.
 */
class StandardErrorEncodingTest {

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderrInLatin1() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.ISO_8859_1) { });
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    @Test
    void aFailingSinksNoticeAndItsFallbackEventsAreBothUtf8() throws Exception {
        Sink failing = new Sink() {
            @Override
            public String name() {
                return "sïnk-😀";
            }

            @Override
            public void write(EncodedBatch batch) {
                throw new IllegalStateException("Größe überschritten 😀 日本");
            }

            @Override
            public void close() {
            }
        };
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(failing)
                .fullPolicy(FullPolicy.WAIT).shutdownHook(false).start()) {
            runtime.getLogger("encoding").info("Grüße", "user", "Zoë");
            runtime.flush().join();
        }

        String text = strictUtf8(stderr.toByteArray());
        List<String> lines = text.lines().toList();
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("fapilog: sink 'sïnk-😀' failed: ")
                .contains("Größe überschritten 😀 日本"));
        assertThat(lines).filteredOn(line -> line.startsWith("{"))
                .singleElement().asString().contains("\"message\":\"Grüße\"", "\"user\":\"Zoë\"");
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }
}
