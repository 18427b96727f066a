package io.fapilog.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.fapilog.Level;
import io.fapilog.event.LogEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * Whatever the event holds, every encoder writes one strict JSON line, and values that fit the
 * limits come back unchanged.
 */
class EncoderPropertiesTest {

    private static final EncodingLimits LIMITS = new EncodingLimits(64, 8, 16, 8);

    private final Map<Format, Encoder> encoders = Map.of(
            Format.FAPILOG, Encoders.json(Format.FAPILOG, LIMITS).create(),
            Format.ECS, Encoders.json(Format.ECS, LIMITS).create(),
            Format.LOGSTASH, Encoders.json(Format.LOGSTASH, LIMITS).create());

    @Property(tries = 300)
    void everyLineIsStrictJson(@ForAll("text") String message, @ForAll("text") String logger,
                               @ForAll @Size(max = 6) List<@From("text") String> keys,
                               @ForAll @Size(max = 6) List<@From("value") Object> values) {
        Object[] arguments = new Object[keys.size() + values.size()];
        Iterator<String> k = keys.iterator();
        Iterator<Object> v = values.iterator();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = (i % 2 == 0 && k.hasNext()) || !v.hasNext() ? k.next() : v.next();
        }
        LogEvent event = new LogEvent(Events.MILLIS, Level.INFO, logger, message, new IllegalStateException(message),
                logger, new Object[] {"request_id", message}, arguments);
        event.diagnostics().put("service", message).put("thread", logger).put(message, message);

        for (Format format : Format.values()) {
            JsonNode line = StrictJson.encode(encoders.get(format), event);
            assertThat(line.isObject()).isTrue();
        }
        EncodedBatch batch = new EncodedBatch();
        Encoders.pretty(true, LIMITS).create().encode(event, batch);
        assertThat(batch.eventCount()).isEqualTo(1);
    }

    @Property(tries = 300)
    void valuesThatFitComeBackUnchanged(@ForAll("value") Object value) {
        for (Format format : Format.values()) {
            JsonNode line = StrictJson.encode(encoders.get(format), Events.data("v", value));
            JsonNode written = format == Format.FAPILOG ? line.get("data").get("v") : line.get("v");
            assertRoundTrip(value, written);
        }
    }

    @Property(tries = 200)
    void stringsRoundTrip(@ForAll("text") String text) {
        JsonNode written = StrictJson.encode(encoders.get(Format.FAPILOG), Events.data("v", text)).get("data").get("v");

        if (fits(text)) {
            assertThat(written.stringValue()).isEqualTo(text);
        } else {
            assertThat(written.stringValue()).doesNotContain("\uD800").isNotNull();
        }
    }

    private static boolean fits(String text) {
        if (text.length() > LIMITS.maxStringLength()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
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

    @Provide
    Arbitrary<String> text() {
        Arbitrary<Character> hostile = Arbitraries.of('\u2028', '\u2029', '\uD800', '\uDBFF', '\uDC00', '\uDFFF',
                '\u0000', '\u001b', '\u007f', '\u0085', '"', '\\', '\n', '\t', '/', '<', '…');
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.chars().ascii()),
                net.jqwik.api.Tuple.of(2, hostile),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0000', '\uffff')));
        Arbitrary<String> emoji = Arbitraries.of("😀", "🇺🇦", "e\u0301");
        return Arbitraries.oneOf(
                chars.list().ofMaxSize(90).map(EncoderPropertiesTest::join),
                emoji.list().ofMaxSize(40).map(parts -> String.join("", parts)));
    }

    private static String join(List<Character> chars) {
        StringBuilder text = new StringBuilder(chars.size());
        chars.forEach(text::append);
        return text.toString();
    }

    /** Scalars, and lists and maps of them nested up to three deep. */
    @Provide
    Arbitrary<Object> value() {
        return Arbitraries.recursive(this::scalar, inner -> Arbitraries.oneOf(
                inner,
                inner.list().ofMaxSize(6).map(list -> (Object) new ArrayList<>(list)),
                Arbitraries.maps(text(), inner).ofMaxSize(6).map(map -> (Object) new LinkedHashMap<>(map))), 0, 3);
    }

    private Arbitrary<Object> scalar() {
        return Arbitraries.oneOf(
                text().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .withSpecialValue(Double.NEGATIVE_INFINITY).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
    }
}
