package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import com.fasterxml.jackson.annotation.JsonFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Hostile and unusual values inside {@code data}, through the default encoder. */
class SafeJsonWriterTest {

    private final Encoder encoder = Encoders.json(Format.FAPILOG, EncodingLimits.DEFAULT).create();

    private JsonNode data(Object value) {
        return StrictJson.encode(encoder, Events.data("v", value)).get("data").get("v");
    }

    /** The raw text of {@code "v":...} in the line, after checking the line is strict JSON. */
    private String raw(Object value) {
        EncodedBatch batch = new EncodedBatch();
        encoder.encode(Events.data("v", value), batch);
        StrictJson.parse(batch);
        String line = StrictJson.checkedLines(batch).get(0);
        return line.substring(line.indexOf("\"data\":{\"v\":") + 12, line.length() - 2);
    }

    private JsonNode data(Encoder encoder, Object value) {
        return StrictJson.encode(encoder, Events.data("v", value)).get("data").get("v");
    }

    @Test
    void aJsonNodeIsWrittenAsTheJsonItHolds() {
        tools.jackson.databind.node.ObjectNode node = tools.jackson.databind.json.JsonMapper.builder().build()
                .createObjectNode();
        node.put("a", 1).putArray("list").add("x").add(true);

        assertThat(raw(node)).isEqualTo("{\"a\":1,\"list\":[\"x\",true]}");
    }

    @Test
    void aThrowableCopyIsWrittenUnderItsOriginalType() {
        IllegalStateException original = new IllegalStateException("secret");
        io.fapilog.internal.event.ThrowableCopy masked = new io.fapilog.internal.event.ThrowableCopy(
                original, "***", null, new Throwable[0]);

        JsonNode node = data(masked);

        assertThat(node.get("type").stringValue()).isEqualTo(IllegalStateException.class.getName());
        assertThat(node.get("message").stringValue()).isEqualTo("***");
        assertThat(node.get("stack").get(0).stringValue()).startsWith(SafeJsonWriterTest.class.getName() + ".");
    }

    @Test
    void mapContainingItself() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("self", map);

        JsonNode node = data(map);

        assertThat(node.get("a").intValue()).isEqualTo(1);
        assertThat(node.get("self").stringValue()).isEqualTo("[cycle]");
    }

    @Test
    void listContainingItself() {
        List<Object> list = new ArrayList<>();
        list.add("x");
        list.add(list);
        List<Object> outer = List.of(list, list);

        JsonNode node = data(outer);

        assertThat(node.toString()).isEqualTo("[[\"x\",\"[cycle]\"],[\"x\",\"[cycle]\"]]");
    }

    @Test
    void indirectCycleThroughAnAtomicReference() {
        AtomicReference<Object> ref = new AtomicReference<>();
        List<Object> list = new ArrayList<>(List.of(ref));
        ref.set(list);

        assertThat(data(list).toString()).isEqualTo("[\"[cycle]\"]");
    }

    @Test
    void depthIsBounded() {
        Object nested = "leaf";
        for (int i = 0; i < 40; i++) {
            nested = List.of(nested);
        }
        Encoder shallow = Encoders.json(Format.FAPILOG, new EncodingLimits(8192, 256, 3, 64)).create();

        assertThat(data(shallow, nested).toString()).isEqualTo("[[[\"[max depth]\"]]]");
    }

    @Test
    void objectWhoseToStringThrows() {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };

        assertThat(data(hostile).stringValue()).matches("\\[unserializable io\\.fapilog\\.internal\\.encoding\\.SafeJsonWriterTest\\$\\d+: java\\.lang\\.IllegalStateException]");
    }

    /** A bean Jackson alone cannot serialize: its getter throws. */
    public static final class ThrowingBean {
        public String getName() {
            return "n";
        }

        public int getBroken() {
            throw new UnsupportedOperationException("getter");
        }

        @Override
        public String toString() {
            return "ThrowingBean[n]";
        }
    }

    @Test
    void beanWhoseGetterThrowsIsWrittenWithThatPropertyUnreadable() {
        assertThat(data(new ThrowingBean()).toString())
                .isEqualTo("{\"broken\":\"[unreadable: java.lang.UnsupportedOperationException]\",\"name\":\"n\"}");
    }

    public record Point(int x, int y, List<String> tags) {
    }

    @Test
    void beansGoThroughJackson() {
        assertThat(data(new Point(1, 2, List.of("a"))).toString()).isEqualTo("{\"x\":1,\"y\":2,\"tags\":[\"a\"]}");
    }

    /** A bean whose getter returns the bean. */
    public static final class SelfBean {
        public SelfBean getSelf() {
            return this;
        }

        @Override
        public String toString() {
            return "SelfBean";
        }
    }

    @Test
    void aSelfReferencingBeanIsWrittenWithTheReferenceCut() {
        assertThat(data(new SelfBean()).toString()).isEqualTo("{\"self\":\"[cycle]\"}");
    }

    @Test
    void hugeStringIsTruncatedWithAMarker() {
        String huge = "x".repeat(1_000_000);

        String written = data(huge).stringValue();

        assertThat(written).isEqualTo("x".repeat(8192) + "…[truncated 991808 chars]");
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        Encoder small = Encoders.json(Format.FAPILOG, new EncodingLimits(16, 256, 16, 64)).create();
        String text = "a".repeat(15) + "😀" + "b";

        assertThat(data(small, text).stringValue()).isEqualTo("a".repeat(15) + "…[truncated 3 chars]");
    }

    @Test
    void hugeListIsTruncatedWithAMarker() {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            list.add(i);
        }

        JsonNode node = data(list);

        assertThat(node.size()).isEqualTo(257);
        assertThat(node.get(255).intValue()).isEqualTo(255);
        assertThat(node.get(256).stringValue()).isEqualTo("…[+744 more]");
    }

    @Test
    void hugeMapAndArrayAreTruncated() {
        Map<Integer, Integer> map = new TreeMap<>();
        int[] array = new int[300];
        for (int i = 0; i < 300; i++) {
            map.put(i, i);
            array[i] = i;
        }

        JsonNode mapNode = data(map);
        JsonNode arrayNode = data(array);

        assertThat(mapNode.size()).isEqualTo(257);
        assertThat(mapNode.get("…").stringValue()).isEqualTo("…[+44 more]");
        assertThat(arrayNode.size()).isEqualTo(257);
        assertThat(arrayNode.get(256).stringValue()).isEqualTo("…[+44 more]");
    }

    @Test
    void nonFiniteNumbersAreStrings() {
        assertThat(raw(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN, 1.5, -0.0, 1e-300)))
                .isEqualTo("[\"NaN\",\"Infinity\",\"-Infinity\",\"NaN\",1.5,-0.0,1.0E-300]");
        assertThat(raw(Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
    }

    @Test
    void numbersOfEveryKind() {
        assertThat(raw(List.of((short) 3, (byte) 4, Long.MIN_VALUE, Integer.MIN_VALUE, new BigDecimal("1.10"),
                new BigInteger("123456789012345678901234567890"), new AtomicLong(9), 2.5f))).isEqualTo(
                "[3,4,-9223372036854775808,-2147483648,1.10,123456789012345678901234567890,9,2.5]");
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertThat(data("a\uD800b\uDC00c\uD83D").stringValue()).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
        assertThat(data("pair \uD83D\uDE00").stringValue()).isEqualTo("pair \uD83D\uDE00");
    }

    @Test
    void lineSeparatorsAndControlCharactersAreEscaped() {
        EncodedBatch batch = new EncodedBatch();
        encoder.encode(Events.data("v", "a\u2028b\u2029c\u0000d\u001be\u007ff\u0085g\tq\"s\\"), batch);

        String line = StrictJson.checkedLines(batch).get(0);

        assertThat(line).contains("\"a\\u2028b\\u2029c\\u0000d\\u001be\\u007ff\\u0085g\\tq\\\"s\\\\\"");
        assertThat(StrictJson.parse(batch).get(0).get("data").get("v").stringValue())
                .isEqualTo("a\u2028b\u2029c\u0000d\u001be\u007ff\u0085g\tq\"s\\");
    }

    @Test
    void keysAreEscapedAndSanitized() {
        JsonNode data = StrictJson.encode(encoder, Events.data("a\"b\n", 1, "x\uD800", 2, "x\uFFFD", 3))
                .get("data");

        assertThat(StrictJson.names(data)).containsExactly("a\"b\n", "_x\uFFFD", "x\uFFFD");
        assertThat(data.get("x\uFFFD").intValue()).isEqualTo(3); // the clean key keeps its name
        assertThat(data.get("_x\uFFFD").intValue()).isEqualTo(2); // the altered one is renamed, not dropped
    }

    @Test
    void nonStringKeyedNestedMap() {
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put(1, "one");
        inner.put("1", "string one");
        inner.put(null, "null key");
        inner.put(List.of(1, 2), Map.of(UUID.fromString("00000000-0000-0000-0000-000000000001"), true));

        JsonNode node = data(Map.of("inner", inner));

        assertThat(node.get("inner").toString()).isEqualTo(
                "{\"1\":\"one\",\"_1\":\"string one\",\"null\":\"null key\","
                        + "\"[1, 2]\":{\"00000000-0000-0000-0000-000000000001\":true}}");
    }

    @Test
    void scalarsAndTextLikeValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("char", 'c');
        values.put("enum", TimeUnit.SECONDS);
        values.put("uuid", UUID.fromString("00000000-0000-0000-0000-000000000002"));
        values.put("instant", Instant.parse("2026-01-02T03:04:05.006Z"));
        values.put("date", new Date(0));
        values.put("local", LocalDate.of(2026, 1, 2));
        values.put("duration", Duration.ofSeconds(90));
        values.put("optional", Optional.of("x"));
        values.put("empty", Optional.empty());
        values.put("bytes", new byte[] {1, 2, 3});
        values.put("chars", new char[] {'h', 'i'});
        values.put("objects", new Object[] {1, "two", null});
        values.put("builder", new StringBuilder("sb"));
        values.put("class", String.class);

        assertThat(data(values).toString()).isEqualTo("{\"char\":\"c\",\"enum\":\"SECONDS\","
                + "\"uuid\":\"00000000-0000-0000-0000-000000000002\",\"instant\":\"2026-01-02T03:04:05.006Z\","
                + "\"date\":\"1970-01-01T00:00:00Z\",\"local\":\"2026-01-02\",\"duration\":\"PT1M30S\","
                + "\"optional\":\"x\",\"empty\":null,\"bytes\":\"AQID\",\"chars\":\"hi\",\"objects\":[1,\"two\",null],"
                + "\"builder\":\"sb\",\"class\":\"java.lang.String\"}");
    }

    @Test
    void iteratorThatFailsHalfWayIsRolledBack() {
        List<Object> list = new ArrayList<>(List.of(1, 2, 3)) {
            @Override
            public java.util.Iterator<Object> iterator() {
                java.util.Iterator<Object> it = super.iterator();
                return new java.util.Iterator<>() {
                    int n;

                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public Object next() {
                        if (n++ == 2) {
                            throw new java.util.ConcurrentModificationException();
                        }
                        return it.next();
                    }
                };
            }
        };

        JsonNode line = StrictJson.encode(encoder, Events.data("before", 1, "v", list, "after", 2));

        assertThat(line.get("data").get("v").stringValue()).startsWith("[unserializable ")
                .endsWith(": java.util.ConcurrentModificationException]");
        assertThat(line.get("data").get("after").intValue()).isEqualTo(2);
    }

    @Test
    void exceptionWithACauseCycle() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        a.addSuppressed(new IllegalStateException("s"));

        JsonNode exception = StrictJson.encode(encoder, Events.failed(a)).get("diagnostics").get("exception");

        assertThat(exception.get("message").stringValue()).isEqualTo("a");
        assertThat(exception.get("cause").get("message").stringValue()).isEqualTo("b");
        assertThat(exception.get("cause").get("cause").stringValue()).isEqualTo("[cycle]");
        assertThat(exception.get("suppressed").get(0).get("type").stringValue()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void exceptionWithACauseCycleAsText() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        Encoder logstash = Encoders.json(Format.LOGSTASH, EncodingLimits.DEFAULT).create();

        String trace = StrictJson.encode(logstash, Events.failed(a)).get("stack_trace").stringValue();

        assertThat(trace).contains("Caused by: java.lang.Exception: b")
                .contains("Caused by: [CIRCULAR REFERENCE: java.lang.Exception]");
    }

    @Test
    void longCauseChainIsBounded() {
        Exception chain = new Exception("root");
        for (int i = 0; i < 50; i++) {
            chain = new Exception("level " + i, chain);
        }
        Encoder shallow = Encoders.json(Format.FAPILOG, new EncodingLimits(8192, 256, 4, 2)).create();

        JsonNode exception = StrictJson.encode(shallow, Events.failed(chain)).get("diagnostics").get("exception");

        assertThat(exception.at("/cause/cause/cause/message").stringValue()).isEqualTo("level 46");
        assertThat(exception.at("/cause/cause/cause/causes_omitted").intValue()).isEqualTo(46);
        assertThat(exception.at("/cause/cause/cause/cause/message").stringValue()).isEqualTo("root");
        assertThat(exception.at("/cause/cause/cause/cause").has("cause")).isFalse();
    }

    /**
     * A chain deeper than the depth limit (a start-up failure wrapped bean by bean) ends with its root
     * cause, all its frames, after the count of causes left out: it ended with "[max depth]", and the
     * line that says what went wrong was never written.
     */
    @Test
    void aChainDeeperThanTheLimitEndsWithItsRootCause() {
        Exception root = new java.sql.SQLException("Connection refused to db-7:5432");
        root.addSuppressed(new IllegalStateException("pool closed"));
        Throwable chain = root;
        for (int i = 0; i < 40; i++) {
            chain = new IllegalStateException("Error creating bean " + i, chain);
        }
        Encoder fapilog = Encoders.json(Format.FAPILOG, EncodingLimits.DEFAULT).create();

        JsonNode exception = StrictJson.encode(fapilog, Events.failed(chain)).get("diagnostics").get("exception");

        String last = "/cause".repeat(EncodingLimits.DEFAULT.maxDepth() - 1);
        assertThat(exception.at(last + "/message").stringValue()).isEqualTo("Error creating bean " + (40 - EncodingLimits.DEFAULT.maxDepth()));
        assertThat(exception.at(last + "/causes_omitted").intValue()).isEqualTo(40 - EncodingLimits.DEFAULT.maxDepth());
        JsonNode innermost = exception.at(last + "/cause");
        assertThat(innermost.get("type").stringValue()).isEqualTo("java.sql.SQLException");
        assertThat(innermost.get("message").stringValue()).isEqualTo("Connection refused to db-7:5432");
        assertThat(innermost.get("stack").get(0).stringValue()).startsWith(getClass().getName() + ".aChainDeeperThanTheLimitEndsWithItsRootCause(");
        assertThat(innermost.get("stack").valueStream().map(JsonNode::stringValue)).noneMatch(frame -> frame.endsWith(" more"));
        assertThat(innermost.get("suppressed").get(0).stringValue()).isEqualTo("[max depth]");
    }

    /** Past the depth limit, a chain that loops back to a cause written above ends there, marked. */
    @Test
    void aChainPastTheLimitThatLoopsBackEndsAsACycle() {
        Exception top = new Exception("top");
        Throwable chain = top;
        for (int i = 0; i < 10; i++) {
            Exception next = new Exception("level " + i);
            ((Exception) chain).initCause(next);
            chain = next;
        }
        ((Exception) chain).initCause(top);
        Encoder shallow = Encoders.json(Format.FAPILOG, new EncodingLimits(8192, 256, 4, 2)).create();

        JsonNode exception = StrictJson.encode(shallow, Events.failed(top)).get("diagnostics").get("exception");

        assertThat(exception.at("/cause/cause/cause/message").stringValue()).isEqualTo("level 2");
        assertThat(exception.at("/cause/cause/cause/causes_omitted").intValue()).isEqualTo(6);
        assertThat(exception.at("/cause/cause/cause/cause/message").stringValue()).isEqualTo("level 9");
    }

    @Test
    void throwableInsideData() {
        JsonNode node = data(new IllegalArgumentException("inside"));

        assertThat(node.get("type").stringValue()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(node.get("message").stringValue()).isEqualTo("inside");
    }

    @Test
    void exceptionWhoseGetMessageThrows() {
        Exception hostile = new Exception() {
            @Override
            public String getMessage() {
                throw new IllegalStateException("no message");
            }
        };

        assertThat(data(hostile).get("message").stringValue())
                .isEqualTo("[message unavailable: java.lang.IllegalStateException]");
    }

    @Test
    void duplicateKeysAfterStringificationAreRenamedNotDropped() {
        Map<Object, Object> map = new HashMap<>();
        map.put(new Key("same"), 1);
        map.put(new Key("same"), 2);

        JsonNode node = data(map);

        assertThat(StrictJson.names(node)).containsExactly("same", "_same");
        assertThat(List.of(node.get("same").intValue(), node.get("_same").intValue())).containsExactlyInAnyOrder(1, 2);
    }

    /** An enum whose text is not its name. */
    public enum Tier {
        GOLD;

        @Override
        public String toString() {
            return "Gold tier";
        }
    }

    /** The platform's value types, as fields of a record (written through Jackson). */
    public record TypedValues(Tier tier, Instant instant, ZonedDateTime zoned, OffsetDateTime offset,
                              LocalDateTime local, Date date, Calendar calendar, Duration duration, Period period,
                              ZoneId zone, TimeZone timeZone, UUID uuid, Path path, File file, URI uri, URL url,
                              InetAddress address, Locale locale, Currency currency, Charset charset, Class<?> type,
                              Character character, BigDecimal decimal, Optional<String> optional) {
    }

    private static TypedValues typedValues() throws Exception {
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("Europe/Paris"));
        calendar.setTimeInMillis(1_000L);
        return new TypedValues(Tier.GOLD, Instant.parse("2026-01-02T03:04:05.006Z"),
                ZonedDateTime.of(2026, 1, 2, 3, 4, 5, 6_000_000, ZoneId.of("Europe/Paris")),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)), LocalDateTime.of(2026, 1, 2, 3, 4),
                new Date(1_000L), calendar, Duration.ofSeconds(90), Period.ofDays(3), ZoneId.of("Europe/Paris"),
                TimeZone.getTimeZone("Europe/Paris"), UUID.fromString("00000000-0000-0000-0000-000000000002"),
                Path.of("/var/log/app.log"), new File("/var/log/app.log"), URI.create("https://example.org/a"),
                URI.create("https://example.org/a").toURL(), InetAddress.getByAddress("db", new byte[] {10, 0, 0, 1}),
                Locale.CANADA_FRENCH, Currency.getInstance("EUR"), StandardCharsets.UTF_8, String.class, 'c',
                new BigDecimal("1.50"), Optional.of("x"));
    }

    /** The same components, as the entries of a map (written by fapilog's own writer). */
    private static Map<String, Object> componentsOf(Record record) throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            map.put(component.getName(), component.getAccessor().invoke(record));
        }
        return map;
    }

    @Test
    void aValueInsideARecordIsWrittenAsTheSameValueOnItsOwn() throws Exception {
        TypedValues record = typedValues();

        JsonNode nested = data(record);
        JsonNode alone = data(componentsOf(record));

        assertThat(nested.toPrettyString()).isEqualTo(alone.toPrettyString());
        assertThat(alone.get("tier").stringValue()).isEqualTo("GOLD");
        assertThat(alone.get("zoned").stringValue()).isEqualTo("2026-01-02T03:04:05.006+01:00[Europe/Paris]");
        assertThat(alone.get("date").stringValue()).isEqualTo("1970-01-01T00:00:01Z");
        assertThat(alone.get("path").stringValue()).isEqualTo("/var/log/app.log");
        assertThat(alone.get("address").stringValue()).isEqualTo("db/10.0.0.1");
        assertThat(alone.get("locale").stringValue()).isEqualTo("fr_CA");
    }

    public record Invoice(@JsonFormat(pattern = "dd.MM.yyyy") LocalDate due, LocalDate issued) {
    }

    @Test
    void aPropertyWithAFormatOfItsOwnKeepsIt() {
        assertThat(data(new Invoice(LocalDate.of(2026, 1, 2), LocalDate.of(2025, 12, 1))).toString())
                .isEqualTo("{\"due\":\"02.01.2026\",\"issued\":\"2025-12-01\"}");
    }

    @Test
    void aLambdaIsWrittenAsItsTextNotAsAnEmptyObject() {
        Runnable lambda = () -> { };
        assertThat(data(lambda).stringValue()).isEqualTo(lambda.toString());
        assertThat(data(new Task("t-1", lambda)).get("action").stringValue()).isEqualTo(lambda.toString());
    }

    public record Task(String id, Runnable action) {
    }

    @Test
    void anEnumKeyIsWrittenByNameAsAnEnumValueIs() throws Exception {
        assertThat(data(Map.of(Tier.GOLD, 1)).toString()).isEqualTo("{\"GOLD\":1}");
        assertThat(data(new Tiers(Map.of(Tier.GOLD, 1))).toString()).isEqualTo("{\"byTier\":{\"GOLD\":1}}");
    }

    public record Tiers(Map<Tier, Integer> byTier) {
    }

    /** Distinct keys with the same text. */
    private record Key(String text) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
