package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys that become one name as written (lone surrogates replaced, names cut at the longest string,
 * GELF's forbidden characters replaced) are renamed, never dropped, however many there are.
 */
class CollidingNamesTest {

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFieldIsWrittenWhenMoreKeysMeetInOneNameThanAFewRenamesWouldSeparate(Format format) {
        List<Object> pairs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pairs.add("k" + (char) (0xD800 + i)); // each lone surrogate is written as U+FFFD
            pairs.add("surrogate-" + i);
        }
        String longKey = "n".repeat(EncodingLimits.DEFAULT.maxStringLength() + 10);
        pairs.addAll(List.of(longKey + "A", "long-0", longKey + "B", "long-1"));
        for (char c : "!@#$%^&*()+=".toCharArray()) { // GELF writes each as "_"
            pairs.add("a" + c + "b");
            pairs.add("gelf-" + c);
        }

        JsonNode line = StrictJson.encode(Encoders.json(format, EncodingLimits.DEFAULT).create(),
                Events.data(pairs.toArray()));

        List<String> values = new ArrayList<>();
        collect(line, values);
        for (int i = 0; i < 12; i++) {
            assertThat(values).as("%s: surrogate-%d", format, i).contains("surrogate-" + i);
        }
        assertThat(values).contains("long-0", "long-1");
        for (char c : "!@#$%^&*()+=".toCharArray()) {
            assertThat(values).contains("gelf-" + c);
        }
    }

    private static void collect(JsonNode node, List<String> values) {
        if (node.isContainer()) {
            node.forEach(child -> collect(child, values));
        } else if (node.isString()) {
            values.add(node.stringValue());
        }
    }
}
