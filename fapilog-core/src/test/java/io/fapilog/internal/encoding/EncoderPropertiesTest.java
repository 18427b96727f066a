package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import tools.jackson.databind.JsonNode;

/**
 * Whatever the event holds, every encoder writes one strict JSON line, and values that fit the
 * limits come back unchanged. Property tests over generated inputs: each repetition draws from its
 * own seed (the repetition number), so a failure names the seed that reproduces it.
 */
class EncoderPropertiesTest {

    private static final EncodingLimits LIMITS = new EncodingLimits(64, 8, 16, 8);

    private final Map<Format, Encoder> encoders = Map.of(
            Format.FAPILOG, Encoders.json(Format.FAPILOG, LIMITS).create(),
            Format.ECS, Encoders.json(Format.ECS, LIMITS).create(),
            Format.LOGSTASH, Encoders.json(Format.LOGSTASH, LIMITS).create(),
            Format.GELF, Encoders.json(Format.GELF, LIMITS).create());

    @RepeatedTest(300)
    void everyLineIsStrictJson(RepetitionInfo repetition) {
        Generator gen = new Generator(repetition.getCurrentRepetition());
        String message = gen.text();
        String logger = gen.text();
        int keyCount = gen.random.nextInt(7);
        int valueCount = gen.random.nextInt(7);
        Object[] arguments = new Object[keyCount + valueCount];
        int keysLeft = keyCount;
        int valuesLeft = valueCount;
        for (int i = 0; i < arguments.length; i++) {
            boolean key = (i % 2 == 0 && keysLeft > 0) || valuesLeft == 0;
            if (key) {
                arguments[i] = gen.text();
                keysLeft--;
            } else {
                arguments[i] = gen.value(3);
                valuesLeft--;
            }
        }
        LogEvent event = new LogEvent(Events.MILLIS, Level.INFO, logger, message, new IllegalStateException(message),
                logger, new Object[] {"request_id", message}, arguments);
        event.diagnostics().put("service", message).put("thread", logger).put(message, message);

        for (Format format : Format.values()) {
            JsonNode line = StrictJson.encode(encoders.get(format), event);
            assertThat(line.isObject()).as("seed %d, %s", gen.seed, format).isTrue();
        }
        EncodedBatch batch = new EncodedBatch();
        Encoders.pretty(true, LIMITS).create().encode(event, batch);
        assertThat(batch.eventCount()).isEqualTo(1);
    }

    @RepeatedTest(300)
    void valuesThatFitComeBackUnchanged(RepetitionInfo repetition) {
        Generator gen = new Generator(10_000 + repetition.getCurrentRepetition());
        Object value = gen.value(3);
        for (Format format : Format.values()) {
            JsonNode line = StrictJson.encode(encoders.get(format), Events.data("v", value));
            JsonNode written = switch (format) {
                case FAPILOG -> line.get("data").get("v");
                case GELF -> line.get("_v");
                default -> line.get("v");
            };
            assertRoundTrip(value, written);
        }
    }

    @RepeatedTest(200)
    void stringsRoundTrip(RepetitionInfo repetition) {
        String text = new Generator(20_000 + repetition.getCurrentRepetition()).text();
        JsonNode written = StrictJson.encode(encoders.get(Format.FAPILOG), Events.data("v", text)).get("data").get("v");

        if (fits(text)) {
            assertThat(written.stringValue()).isEqualTo(text);
        } else {
            assertThat(hasLoneSurrogate(written.stringValue())).as("seed %d", 20_000 + repetition.getCurrentRepetition())
                    .isFalse();
            if (text.length() > LIMITS.maxStringLength()) {
                assertThat(written.stringValue()).contains("…[truncated ");
            }
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fits(String text) {
        return text.length() <= LIMITS.maxStringLength() && !hasLoneSurrogate(text);
    }

    private static void assertRoundTrip(Object expected, JsonNode written) {
        if (expected == null) {
            assertThat(written.isNull()).isTrue();
        } else if (expected instanceof String s) {
            if (fits(s)) {
                assertThat(written.stringValue()).isEqualTo(s);
            }
        } else if (expected instanceof Integer || expected instanceof Long) {
            assertThat(written.longValue()).isEqualTo(((Number) expected).longValue());
        } else if (expected instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                assertThat(written.stringValue()).isEqualTo(d.toString());
            } else {
                assertThat(written.doubleValue()).isEqualTo(d);
            }
        } else if (expected instanceof Boolean b) {
            assertThat(written.booleanValue()).isEqualTo(b);
        } else if (expected instanceof List<?> list) {
            int shown = Math.min(list.size(), LIMITS.maxCollectionSize());
            assertThat(written.size()).isEqualTo(list.size() > shown ? shown + 1 : shown);
            for (int i = 0; i < shown; i++) {
                assertRoundTrip(list.get(i), written.get(i));
            }
        } else if (expected instanceof Map<?, ?> map) {
            assertThat(written.isObject()).isTrue();
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = (String) entry.getKey();
                if (i++ < LIMITS.maxCollectionSize() && fits(key)) {
                    assertThat(written.has(key)).as("key %s", key).isTrue();
                    assertRoundTrip(entry.getValue(), written.get(key));
                }
            }
        }
    }

    /** Draws hostile strings and nested values from a seeded random source. */
    private static final class Generator {
        private static final char[] HOSTILE = {'\u2028', '\u2029', '\uD800', '\uDBFF', '\uDC00', '\uDFFF',
                '\u0000', '\u001b', '\u007f', '\u0085', '"', '\\', '\n', '\t', '/', '<', '…'};
        private static final String[] CLUSTERS = {"😀", "🇺🇦", "e\u0301"};

        final long seed;
        final SplittableRandom random;

        Generator(long seed) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
        }

        String text() {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                for (int i = random.nextInt(41); i > 0; i--) {
                    text.append(CLUSTERS[random.nextInt(CLUSTERS.length)]);
                }
                return text.toString();
            }
            for (int i = random.nextInt(91); i > 0; i--) {
                int kind = random.nextInt(9);
                if (kind < 5) {
                    text.append((char) random.nextInt(128));
                } else if (kind < 7) {
                    text.append(HOSTILE[random.nextInt(HOSTILE.length)]);
                } else {
                    text.append((char) random.nextInt(0x10000));
                }
            }
            return text.toString();
        }

        /** Scalars, and lists and maps of them nested up to {@code depth} deep. */
        Object value(int depth) {
            int kind = random.nextInt(depth > 0 ? 8 : 6);
            return switch (kind) {
                case 0 -> text();
                case 1 -> random.nextInt();
                case 2 -> random.nextLong();
                case 3 -> switch (random.nextInt(5)) {
                    case 0 -> Double.NaN;
                    case 1 -> Double.POSITIVE_INFINITY;
                    case 2 -> Double.NEGATIVE_INFINITY;
                    default -> Double.longBitsToDouble(random.nextLong());
                };
                case 4 -> random.nextBoolean();
                case 5 -> null;
                case 6 -> {
                    List<Object> list = new ArrayList<>();
                    for (int i = random.nextInt(7); i > 0; i--) {
                        list.add(value(depth - 1));
                    }
                    yield list;
                }
                default -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = random.nextInt(7); i > 0; i--) {
                        map.put(text(), value(depth - 1));
                    }
                    yield map;
                }
            };
        }
    }
}
