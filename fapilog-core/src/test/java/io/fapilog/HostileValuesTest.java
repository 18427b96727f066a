package io.fapilog;

import io.fapilog.internal.event.Placeholders;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values as applications log them that once lost an event, leaked a secret or threw into the
 * caller: an entity graph with a back-reference, a bean whose getter throws, a map with an SLF4J
 * placeholder, map keys that are not strings, a multi-cookie header, tags, a {@code toString()} or
 * supplier that throws an {@code Error}. Each is logged through the public API with the shipped
 * {@code production} preset, and every event must be written, as valid JSON, with nothing secret.
 */
class HostileValuesTest {

    /** A JPA-style two-way association: each line points back at its order. */
    public static final class Order {
        public long id = 7;
        public List<Line> lines = new ArrayList<>();
    }

    public static final class Line {
        public String sku = "A-1";
        public Order order;
    }

    /** A bean with a lazy collection read outside its session, and a toString() that names its secret. */
    public static final class Account {
        public String getUser() {
            return "ann";
        }

        public String getPassword() {
            return "hunter2";
        }

        public List<String> getRoles() {
            throw new IllegalStateException("failed to lazily initialize a collection: no session");
        }

        @Override
        public String toString() {
            return "Account{ann, hunter2}";
        }
    }

    /** A bean that refers to itself, and names its secret in its toString(). */
    public static final class Node {
        public String getPassword() {
            return "hunter2";
        }

        public Node getParent() {
            return this;
        }

        @Override
        public String toString() {
            return "Node(root, hunter2)";
        }
    }

    /** A record with a component that has no properties (a lock, a handle, a proxy's interceptor). */
    public record Handle(String id, Object handle) {
    }

    /** A map key written as its toString(). */
    record Principal(String name, String password) {
    }

    enum FormField { USER, PASSWORD }

    @Test
    void anEntityGraphWithABackReferenceIsWrittenWithTheReferenceCut() throws Exception {
        Order order = new Order();
        Line line = new Line();
        line.order = order;
        order.lines.add(line);

        for (Preset preset : List.of(Preset.PRODUCTION, Preset.MINIMAL)) {
            JsonNode event = logged(preset, log -> log.info("order placed", "order", order)).get(0);
            assertThat(event.at("/data/order").toString()).as("%s", preset)
                    .isEqualTo("{\"id\":7,\"lines\":[{\"order\":\"[cycle]\",\"sku\":\"A-1\"}]}");
            assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();
        }

        JsonNode self = logged(Preset.PRODUCTION, log -> log.info("node", "node", new Node())).get(0);
        assertThat(self.toString()).doesNotContain("hunter2");
        assertThat(self.at("/data/node").toString()).isEqualTo("{\"parent\":\"[cycle]\",\"password\":\"***\"}");

        // A StackOverflowError inside Jackson once left a class of it uninitialisable for the whole JVM.
        assertThatThrownBy(() -> JsonMapper.builder().build().readTree("{bad")).isInstanceOf(JacksonException.class);
    }

    @Test
    void aBeanWhoseGetterThrowsIsWrittenWithThatPropertyUnreadableNotThroughItsToString() throws Exception {
        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("signed in", "account", new Account(),
                "inRecord", new Holder(new Account()))).get(0);

        String account = "{\"password\":\"***\",\"roles\":\"[unreadable: java.lang.IllegalStateException]\",\"user\":\"ann\"}";
        assertThat(event.toString()).doesNotContain("hunter2");
        assertThat(event.at("/data/account").toString()).isEqualTo(account);
        assertThat(event.at("/data/inRecord").toString()).isEqualTo("{\"account\":" + account + "}");
        assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();

        JsonNode unredacted = logged(Preset.MINIMAL, log -> log.info("signed in", "account", new Account())).get(0);
        assertThat(unredacted.at("/data/account/roles").stringValue()).isEqualTo("[unreadable: java.lang.IllegalStateException]");
        assertThat(unredacted.at("/data/account/user").stringValue()).isEqualTo("ann");
    }

    record Holder(Account account) {
    }

    /** A bean whose getter fails with an {@code Error}: a class its optional dependency lacks. */
    public static final class Plugin {
        public String getName() {
            return "geo";
        }

        public Object getClient() {
            throw new NoClassDefFoundError("com/acme/geo/Client");
        }
    }

    @Test
    void aGetterThatThrowsAnErrorLeavesThatPropertyUnreadable() throws Exception {
        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("loaded", "plugin", new Plugin())).get(0);

        assertThat(event.at("/data/plugin").toString())
                .isEqualTo("{\"client\":\"[unreadable: java.lang.NoClassDefFoundError]\",\"name\":\"geo\"}");
    }

    @Test
    void aComponentWithoutPropertiesIsWrittenAsItsTextAndTheRestOfTheRecordStays() throws Exception {
        Object handle = new Object();
        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("handle", "record", new Handle("r-1", handle))).get(0);

        assertThat(event.at("/data/record/id").stringValue()).isEqualTo("r-1");
        assertThat(event.at("/data/record/handle").stringValue()).isEqualTo(handle.toString());
        assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();

        JsonNode unredacted = logged(Preset.MINIMAL, log -> log.info("signed in", "account", new Account())).get(0);
        assertThat(unredacted.at("/data/account/roles").stringValue()).isEqualTo("[unreadable: java.lang.IllegalStateException]");
        assertThat(unredacted.at("/data/account/user").stringValue()).isEqualTo("ann");
    }

    @Test
    void thePlatformsOwnObjectsAreWrittenAsTheirTextAtTheCallNotThroughTheirGetters() throws Exception {
        BitSet bits = new BitSet();
        bits.set(3);
        ByteBuffer heap = ByteBuffer.wrap("secret=abc".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        Thread thread = new Thread(() -> { }, "worker-7");
        String threadText = thread.toString();
        JsonNode event = logged(Preset.PRODUCTION, log -> {
            log.info("values", "bits", bits, "heap", heap, "direct", direct, "thread", thread,
                    "nested", Map.of("bits", bits));
            bits.set(70); // after the call: not logged
        }).get(0);

        assertThat(event.at("/data/bits").stringValue()).isEqualTo("{3}");
        assertThat(event.at("/data/nested/bits").stringValue()).isEqualTo("{3}");
        assertThat(event.at("/data/heap").stringValue()).isEqualTo("java.nio.HeapByteBuffer[pos=0 lim=10 cap=10]");
        assertThat(event.at("/data/direct").stringValue()).isEqualTo("java.nio.DirectByteBuffer[pos=0 lim=16 cap=16]");
        assertThat(event.at("/data/thread").stringValue()).isEqualTo(threadText);
        assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();

        JsonNode unredacted = logged(Preset.MINIMAL, log -> log.info("signed in", "account", new Account())).get(0);
        assertThat(unredacted.at("/data/account/roles").stringValue()).isEqualTo("[unreadable: java.lang.IllegalStateException]");
        assertThat(unredacted.at("/data/account/user").stringValue()).isEqualTo("ann");
    }

    @Test
    void aPlatformObjectInsideARecordIsWrittenAsItsTextToo() throws Exception {
        Thread thread = new Thread(() -> { }, "worker-8");
        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("job", "job", new Job("j-1", thread))).get(0);

        assertThat(event.at("/data/job/id").stringValue()).isEqualTo("j-1");
        assertThat(event.at("/data/job/runner").stringValue()).isEqualTo(thread.toString());
    }

    public record Failed(String step, Throwable error) {
    }

    private static IllegalStateException thrownFrom(int depth, String message) {
        if (depth == 0) {
            return new IllegalStateException(message, new java.io.IOException("disk gone"));
        }
        return thrownFrom(depth - 1, message);
    }

    /**
     * A throwable inside a record (a failed step, Spring Integration's {@code ErrorMessage}) is
     * written as one logged on its own: its type, its message masked, at most the limit's frames and
     * its cause. Jackson's bean of its getters had every frame (over 150 here) and no type.
     */
    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void aThrowableInsideARecordIsWrittenAsOneOnItsOwn(Preset preset) throws Exception {
        IllegalStateException failure = thrownFrom(150, "charge failed for password=hunter2");
        JsonNode event = logged(preset, log -> log.info("failed", "failed", new Failed("charge", failure),
                "alone", failure, "inList", List.of(new Failed("refund", failure)))).get(0);

        JsonNode nested = event.at("/data/failed/error");
        assertThat(nested).isEqualTo(event.at("/data/alone"));
        assertThat(event.at("/data/inList/0/error")).isEqualTo(nested);
        assertThat(nested.get("type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(nested.get("stack")).hasSize(65);
        assertThat(nested.get("stack").get(64).asString()).matches("\\.\\.\\. \\d+ (more|frames truncated).*");
        assertThat(nested.at("/cause/message").asString()).isEqualTo("disk gone");
        assertThat(event.at("/data/failed/step").asString()).isEqualTo("charge");
        if (preset == Preset.PRODUCTION) {
            assertThat(nested.get("message").asString()).isEqualTo("charge failed for password=***");
        }
    }

    /** A server's own worker thread (Tomcat's {@code TaskThread}, Netty's {@code FastThreadLocalThread}). */
    static final class ServerThread extends Thread {
        ServerThread(String name) {
            super(() -> { }, name);
        }
    }

    @Test
    void aSubclassOfThreadIsWrittenAsItsTextAtTheCallToo() throws Exception {
        ServerThread thread = new ServerThread("http-nio-8080-exec-1");
        String threadText = thread.toString();
        JsonNode event = logged(Preset.PRODUCTION, log -> {
            log.info("values", "thread", thread, "job", new Job("j-2", thread));
            thread.setName("renamed"); // after the call: not logged
        }).get(0);

        assertThat(event.at("/data/thread").stringValue()).isEqualTo(threadText);
        assertThat(event.at("/data/job/runner").isString()).isTrue();
        assertThat(event.toString()).doesNotContain("stackTrace").doesNotContain("contextClassLoader");
    }

    /** A resource that counts how often it was handed out, as a pool does. */
    public static final class Pool {
        final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();

        public String getName() {
            return "orders-db";
        }

        public java.io.Closeable getConnection() {
            opened.incrementAndGet();
            return () -> { };
        }

        public java.io.OutputStream getOutputStream() {
            opened.incrementAndGet();
            return java.io.OutputStream.nullOutputStream();
        }

        public Stream<String> getNames() {
            return Stream.of("a");
        }
    }

    @Test
    void aGetterThatHandsOutAResourceIsNeverCalled() throws Exception {
        Pool pool = new Pool();
        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("pool", "pool", pool, "nested", List.of(pool))).get(0);

        assertThat(pool.opened).hasValue(0);
        assertThat(event.at("/data/pool/name").stringValue()).isEqualTo("orders-db");
        assertThat(event.at("/data/pool").propertyNames()).containsExactly("name", "names");
        assertThat(event.at("/data/nested/0").propertyNames()).containsExactly("name", "names");
        assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();

        JsonNode unredacted = logged(Preset.MINIMAL, log -> log.info("signed in", "account", new Account())).get(0);
        assertThat(unredacted.at("/data/account/roles").stringValue()).isEqualTo("[unreadable: java.lang.IllegalStateException]");
        assertThat(unredacted.at("/data/account/user").stringValue()).isEqualTo("ann");
    }

    /** A Java value without properties whose class carries an annotation: Jackson writes it {@code {}}, as before. */
    @Deprecated
    public static final class AnnotatedAmount {
        @Override
        public String toString() {
            return "150ms";
        }
    }

    /** Every property ignored: written as {@code {}}, never as the {@code toString()} that names the secret. */
    public static final class AllIgnored {
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String getPassword() {
            return "hunter2";
        }

        @Override
        public String toString() {
            return "AllIgnored(hunter2)";
        }
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreType
    public static final class Secret {
    }

    /** Its one property is of a type Jackson ignores. */
    public static final class HoldsAnIgnoredType {
        public Secret getSecret() {
            return new Secret();
        }

        @Override
        public String toString() {
            return "HoldsAnIgnoredType(s3cr3t-value)";
        }
    }

    /** Its properties hidden by visibility. */
    @com.fasterxml.jackson.annotation.JsonAutoDetect(getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
    public static final class HiddenByVisibility {
        public String getKey() {
            return "sk-live-abcdef";
        }

        @Override
        public String toString() {
            return "ApiKey[sk-live-abcdef]";
        }
    }

    /** Stands for an application's Kotlin class ({@code class Token(private val value: String)}): its private value is no property. */
    @kotlin.Metadata
    public static final class KotlinPrivate {
        private final String value = "kt-hunter2";

        @Override
        public String toString() {
            return "KotlinPrivate[" + value + "]";
        }
    }

    @Test
    void anObjectWhosePropertiesAreHiddenIsNeverWrittenAsItsText() throws Exception {
        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("values", "annotated", new AnnotatedAmount(),
                "ignored", new AllIgnored(), "ignoredType", new HoldsAnIgnoredType(), "hidden", new HiddenByVisibility(),
                "unit", kotlin.Unit.INSTANCE, "kotlinPrivate", new KotlinPrivate())).get(0);

        assertThat(event.at("/data/annotated").toString()).isEqualTo("{}");
        assertThat(event.at("/data/ignored").toString()).isEqualTo("{}");
        assertThat(event.at("/data/ignoredType").toString()).isEqualTo("{}");
        assertThat(event.at("/data/hidden").toString()).isEqualTo("{}");
        assertThat(event.at("/data/kotlinPrivate").toString()).isEqualTo("{}");
        assertThat(event.toString()).doesNotContain("hunter2").doesNotContain("s3cr3t").doesNotContain("sk-live");
        // a Kotlin object without properties (every Kotlin class carries an annotation): its text
        assertThat(event.at("/data/unit").asString()).isEqualTo("kotlin.Unit");
    }

    /** Holds a platform object: captured by reference (a Thread is mutable), so the worker's tree meets the Thread. */
    public record Job(String id, Thread runner) {
    }

    @Test
    void aPlaceholderInTheMessageOfAMapCallTakesNoneOfTheMapsEntries() throws Exception {
        List<JsonNode> events = logged(Preset.PRODUCTION, log -> {
            log.info("Request params: {}", Map.of("password", "hunter2"));
            log.atInfo().add("password", "hunter2").log("Params {}");
            log.info("Order {} placed", 7, "password", "hunter2");
            log.atInfo().add("user", "ann").log("payload \\{} as {}", "x");
        });

        assertThat(events.toString()).doesNotContain("hunter2").doesNotContain("_unpaired").doesNotContain("argument_error");
        assertThat(events.get(0).at("/message").stringValue()).isEqualTo("Request params: {}");
        assertThat(events.get(0).at("/data/password").stringValue()).isEqualTo("***");
        assertThat(events.get(1).at("/message").stringValue()).isEqualTo("Params {}");
        assertThat(events.get(1).at("/data/password").stringValue()).isEqualTo("***");
        assertThat(events.get(2).at("/message").stringValue()).isEqualTo("Order 7 placed");
        assertThat(events.get(2).at("/data/password").stringValue()).isEqualTo("***");
        assertThat(events.get(3).at("/message").stringValue()).isEqualTo("payload {} as x");
        assertThat(events.get(3).at("/data/user").stringValue()).isEqualTo("ann");
    }

    @Test
    void aPlaceholderInTheMessageOfAnAsyncMapCallTakesNoneOfTheMapsEntries() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        runtime.getAsyncLogger("hostile").info("Request params: {}", Map.of("password", "hunter2")).block(Duration.ofSeconds(5));
        runtime.stopAndDrain(Duration.ofSeconds(10));

        JsonNode event = TestSinks.parse(sink.lines()).get(0);
        assertThat(event.at("/message").stringValue()).isEqualTo("Request params: {}");
        assertThat(event.at("/data/password").stringValue()).isEqualTo("***");
    }

    @Test
    void mapKeysThatAreNotStringsAreMatchedByTheNameTheyAreWrittenUnder() throws Exception {
        Map<FormField, String> form = new EnumMap<>(FormField.class);
        form.put(FormField.USER, "ann");
        form.put(FormField.PASSWORD, "hunter2");

        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("form", "form", form,
                "other", Map.of(Optional.of("password"), "hunter2"),
                "sessions", Map.of(new Principal("ann", "hunter2"), 3))).get(0);

        assertThat(event.toString()).doesNotContain("hunter2");
        // the key's text names a sensitive word, so its value is masked too
        assertThat(event.at("/data/sessions").toString()).isEqualTo("{\"Principal[name=ann, password=***]\":\"***\"}");
        assertThat(event.at("/data/form/USER").stringValue()).isEqualTo("ann");
        assertThat(event.at("/data/form/PASSWORD").stringValue()).isEqualTo("***");
        assertThat(event.at("/data/other/Optional[password]").stringValue()).isEqualTo("***");
    }

    /** An entity whose {@code hashCode()} reads a lazy field outside its session: ordered by id, it sits in a TreeSet. */
    public static final class LazyEntity implements Comparable<LazyEntity> {
        private final int id;

        LazyEntity(int id) {
            this.id = id;
        }

        @Override
        public int hashCode() {
            throw new IllegalStateException("could not initialize proxy - no Session");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LazyEntity that && that.id == id;
        }

        @Override
        public int compareTo(LazyEntity other) {
            return Integer.compare(id, other.id);
        }

        @Override
        public String toString() {
            return "entity-" + id;
        }
    }

    /**
     * The call's copy of a map or set takes its entries as they are, never hashing or comparing them:
     * an IdentityHashMap's two equal keys were one entry, a set of entities whose hashCode() fails was
     * masked as a whole, and a key's hashCode() ran on the caller's thread (a URL's looks its host up).
     */
    @Test
    void mapsAndSetsAreCopiedWithoutHashingTheirKeysOrElements() throws Exception {
        Map<String, Integer> byIdentity = new java.util.IdentityHashMap<>();
        byIdentity.put(new String("a"), 1);
        byIdentity.put(new String("a"), 2);
        Set<StringBuilder> builders = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        builders.add(new StringBuilder("x"));
        builders.add(new StringBuilder("x"));
        Set<LazyEntity> entities = new java.util.TreeSet<>(List.of(new LazyEntity(2), new LazyEntity(1)));
        Map<LazyEntity, String> byEntity = new java.util.TreeMap<>(Map.of(new LazyEntity(1), "one"));

        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("values", "by_identity", byIdentity,
                "builders", builders, "entities", entities, "by_entity", byEntity)).get(0);

        List<Integer> identityValues = new ArrayList<>();
        event.at("/data/by_identity").forEach(value -> identityValues.add(value.asInt()));
        assertThat(identityValues).containsExactlyInAnyOrder(1, 2);
        assertThat(event.at("/data/builders").toString()).isEqualTo("[\"x\",\"x\"]");
        assertThat(event.at("/data/entities").toString()).isEqualTo("[\"entity-1\",\"entity-2\"]");
        assertThat(event.at("/data/by_entity").toString()).isEqualTo("{\"entity-1\":\"one\"}");
    }

    /** A key whose {@code toString()} returns null: two of them once failed the event (a null name), one beside {@code "null"} wrote that name twice. */
    @Test
    void keysWhoseTextIsNullKeepTheEventAndWriteEachNameOnce() throws Exception {
        Object nullText = new Object() {
            @Override
            public String toString() {
                return null;
            }
        };
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(nullText, 1);
        map.put("null", 2);
        @SuppressWarnings("unchecked")
        Map<String, ?> raw = (Map<String, ?>) (Map<?, ?>) map;

        List<JsonNode> events = logged(Preset.PRODUCTION, log -> {
            log.info("two", nullText, 1, nullText, 2);
            log.info("beside", nullText, 1, "null", 2, "z", 3);
            log.info("map", raw);
        });

        assertThat(events).hasSize(3);
        assertThat(events.get(0).at("/data").toString()).isEqualTo("{\"null\":2}");
        assertThat(events.get(1).at("/data").toString()).isEqualTo("{\"null\":2,\"z\":3}");
        assertThat(events.get(2).at("/data").toString()).isEqualTo("{\"null\":2}");
        assertThat(events.get(0).at("/diagnostics/argument_error").stringValue()).startsWith("non-String key");
    }

    @Test
    void everyCookieOfACookieHeaderIsMaskedAndJsonUnderTheNameCookieStaysValid() throws Exception {
        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("request",
                "headers", "Cookie: theme=dark; JSESSIONID=hunter2\nAccept: text/html",
                "body", "{\"cookie\":\"hunter3\",\"n\":\"keep\"}",
                "spring", "[cookie:\"theme=dark; JSESSIONID=hunter4\", accept:\"*/*\"]",
                "json", "{\"headers\":\"Set-Cookie: a=1; sid=hunter5\",\"n\":\"keep\"}")).get(0);

        assertThat(event.toString()).doesNotContain("hunter2").doesNotContain("hunter3").doesNotContain("hunter4")
                .doesNotContain("hunter5");
        assertThat(event.at("/data/headers").stringValue()).isEqualTo("Cookie: ***\nAccept: text/html");
        assertThat(event.at("/data/body").stringValue()).isEqualTo("{\"cookie\":\"***\",\"n\":\"keep\"}");
        assertThat(event.at("/data/spring").stringValue()).isEqualTo("[cookie:\"***\", accept:\"*/*\"]");
        assertThat(event.at("/data/json").stringValue()).isEqualTo("{\"headers\":\"Set-Cookie: ***\",\"n\":\"keep\"}");
    }

    @Test
    void tagsAreMaskedAsText() throws Exception {
        JsonNode event = logged(Preset.PRODUCTION, log -> log.atInfo().tag("billing").tag("password=hunter2").log("tagged"))
                .get(0);

        assertThat(event.get("tags").toString()).isEqualTo("[\"billing\",\"password=***\"]");
    }

    @Test
    void anErrorFromAPlaceholdersToStringOrFromASupplierNeitherLosesTheEventNorReachesTheCaller() throws Exception {
        Object overflowing = new Object() {
            @Override
            public String toString() {
                throw new StackOverflowError();
            }
        };
        Supplier<Object> failing = () -> {
            throw new AssertionError("boom");
        };

        List<JsonNode> events = logged(Preset.PRODUCTION, log -> {
            log.info("value {}", overflowing);
            log.info("lazy", "v", failing);
            log.atInfo().add("v", failing).log("fluent");
        });

        assertThat(events).hasSize(3);
        assertThat(events.get(0).at("/message").stringValue()).contains(".toString() failed: java.lang.StackOverflowError");
        assertThat(events.get(1).at("/data/v").stringValue()).isEqualTo("[supplier failed: java.lang.AssertionError: boom]");
        assertThat(events.get(2).at("/data/v").stringValue()).isEqualTo("[supplier failed: java.lang.AssertionError: boom]");
    }

    @Test
    void aCollectionLongerThanTheCallsCopyDoesNotClaimACountOfWhatIsLeft() throws Exception {
        List<Integer> ids = new ArrayList<>();
        Map<String, Integer> byName = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(i);
        }
        for (int i = 0; i < 300; i++) {
            byName.put("k" + i, i);
        }
        List<JsonNode> events = logged(Preset.PRODUCTION, log -> {
            log.info("batch", "small", List.of(1, 2), "ids", ids);
            log.info("batch", "ids", ids.toArray());
            log.info("batch", "ids", new java.util.LinkedHashSet<>(ids));
            log.info("batch", "ids", byName);
        });

        // each call copies 10,000 of the 20,000 elements; the encoder writes 256 and cannot know the rest
        for (JsonNode event : events.subList(0, 3)) {
            assertThat(event.at("/data/ids")).hasSize(257);
            assertThat(event.at("/data/ids").get(256).stringValue()).isEqualTo("…[more]");
        }
        assertThat(events.get(0).at("/data/small").toString()).isEqualTo("[1,2]");
        // a map the call copied whole still says how many entries are left
        assertThat(events.get(3).at("/data/ids/…").stringValue()).isEqualTo("…[+44 more]");
    }

    /** A list, a string and a map whose own code throws an {@code Error} (an assertion, a missing class). */
    static final List<Object> FAILING_LIST = new java.util.AbstractList<>() {
        @Override
        public Object get(int index) {
            throw new AssertionError("list");
        }

        @Override
        public int size() {
            return 2;
        }
    };

    static final CharSequence FAILING_TEXT = new CharSequence() {
        @Override
        public int length() {
            return 1;
        }

        @Override
        public char charAt(int index) {
            return 'x';
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return this;
        }

        @Override
        public String toString() {
            throw new NoClassDefFoundError("com/example/Missing");
        }
    };

    static final Map<String, Object> FAILING_MAP = new java.util.AbstractMap<>() {
        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            throw new ExceptionInInitializerError("map");
        }
    };

    /** Its toString() fails. */
    static final class Bad {
        @Override
        public String toString() {
            throw new IllegalStateException("bad");
        }
    }

    @Test
    void errorsThrownByTheCallersOwnValuesNeitherReachTheCallerNorLoseTheEvent() throws Exception {
        Object[] array = {"ok", new Bad()};
        List<JsonNode> events = logged(Preset.PRODUCTION, log -> {
            log.info("list", "l", FAILING_LIST);
            log.info("text", "t", FAILING_TEXT);
            log.info("text {}", FAILING_TEXT);
            log.info("map", FAILING_MAP);
            log.atInfo().addAll(FAILING_MAP).log("fluent map");
            log.bind("m", FAILING_MAP).info("bound");
            log.info("array {}", (Object) array);
            log.atInfo().log("fluent array {}", (Object) array);
        });

        assertThat(events).hasSize(8);
        assertThat(events.get(0).at("/data/l").stringValue()).isEqualTo("***");
        assertThat(events.get(1).at("/data/t").stringValue()).isEqualTo("***");
        assertThat(events.get(2).at("/message").stringValue()).isEqualTo("text ***");
        for (JsonNode event : events.subList(3, 5)) {
            assertThat(event.at("/data").toString()).isEqualTo("{\"_fields_error\":\"java.lang.ExceptionInInitializerError\"}");
        }
        assertThat(events.get(5).at("/context/m").stringValue()).isEqualTo("***");
        String failed = "[ok, [" + Bad.class.getName() + ".toString() failed: java.lang.IllegalStateException: bad]]";
        assertThat(events.get(6).at("/message").stringValue()).isEqualTo("array " + failed);
        assertThat(events.get(7).at("/message").stringValue()).isEqualTo("fluent array " + failed);
    }

    @Test
    void aFluentCallGivenAMapAnotherThreadKeepsChangingNeverThrows() throws Exception {
        Map<String, Object> changing = new java.util.HashMap<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread mutator = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                changing.put("k" + (i % 64), i);
                changing.remove("k" + ((i + 32) % 64));
            }
        });
        mutator.start();
        try {
            List<JsonNode> events = logged(Preset.PRODUCTION, log -> {
                for (int i = 0; i < 2_000; i++) {
                    log.atInfo().addAll(changing).log("changing");
                }
            });
            assertThat(events).hasSize(2_000);
        } finally {
            running.set(false);
            mutator.join();
        }
    }

    /** A stack trace that cannot be read, or holds null frames (which once replaced the GELF and pretty lines by an encoding error). */
    @ParameterizedTest(name = "reading it throws: {0}")
    @ValueSource(booleans = {true, false})
    void aStackTraceThatCannotBeReadLeavesTheEventRedactedInEveryLayout(boolean readingThrows) throws Exception {
        class Unreadable extends RuntimeException {
            Unreadable() {
                super("db password=hunter2");
            }

            @Override
            public StackTraceElement[] getStackTrace() {
                if (readingThrows) {
                    throw new UnsupportedOperationException("no trace");
                }
                return new StackTraceElement[] {null, new StackTraceElement("Jobs", "run", "Jobs.java", 7), null};
            }
        }
        for (io.fapilog.config.Format format : io.fapilog.config.Format.values()) {
            InMemorySink sink = new InMemorySink();
            FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink, format)
                    .shutdownHook(false).start();
            runtime.getLogger("hostile").error("failed", new Unreadable(), "user", "ann");
            DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));

            assertThat(result.processed()).as("%s: %s", format, result).isEqualTo(1);
            String line = String.join("\n", sink.lines());
            assertThat(line).as(format.toString()).doesNotContain("hunter2").doesNotContain("redaction_error")
                    .doesNotContain("encoding_error").doesNotContain("unserializable").contains("password=***").contains("ann");
            if (!readingThrows) {
                assertThat(line).as(format.toString()).contains("Jobs.run(Jobs.java:7)");
            }
        }
    }


    @Test
    void aContextAndADataFieldOfANameTheEcsLayoutUsesAreBothWritten() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink, io.fapilog.config.Format.ECS)
                .shutdownHook(false).start();
        runtime.getLogger("hostile").bind("message", "from-context", "host", "ctx-host")
                .info("m1", "message", "from-data", "host", "data-host");
        runtime.stopAndDrain(Duration.ofSeconds(10));

        JsonNode event = TestSinks.parse(sink.lines()).get(0);
        assertThat(event.get("message").stringValue()).isEqualTo("m1");
        assertThat(event.get("labels.message").stringValue()).isEqualTo("from-context");
        assertThat(event.get("labels._message").stringValue()).isEqualTo("from-data");
        assertThat(event.get("labels.host").stringValue()).isEqualTo("ctx-host");
        assertThat(event.get("labels._host").stringValue()).isEqualTo("data-host");
    }

    @Test
    void decimalsKeepTheirDigitsWhenMembersAreAdjusted() throws Exception {
        InMemorySink sink = new InMemorySink();
        var structured = new io.fapilog.config.StructuredJson(java.util.Set.of(), java.util.Set.of("logger"),
                Map.of(), Map.of(), null, null);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).structuredJson(structured).sinks().sink(sink)
                .shutdownHook(false).start();
        runtime.getLogger("hostile").info("paid", "amount", new java.math.BigDecimal("12345678901234567890.123456789"),
                "price", new java.math.BigDecimal("12.50"), "ratio", 0.1);
        runtime.stopAndDrain(Duration.ofSeconds(10));

        String line = sink.lines().get(0);
        assertThat(line).doesNotContain("\"logger\"")
                .contains("\"amount\":12345678901234567890.123456789,\"price\":12.50,\"ratio\":0.1");
    }

    @Test
    void aContextProviderThatThrowsAnErrorOrLogsItselfIsSkippedNotPassedToTheCaller() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        Logger log = runtime.getLogger("hostile");
        runtime.addContextProvider(() -> {
            throw new NoClassDefFoundError("io/micrometer/tracing/Tracer");
        });
        runtime.addContextProvider(() -> {
            log.info("from the provider");
            return new Object[] {"tenant", "t-1"};
        });
        log.info("call");
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(result.submitted()).isEqualTo(2);
        assertThat(result.processed()).isEqualTo(2);
        List<JsonNode> events = TestSinks.parse(sink.lines());
        assertThat(events.get(0).at("/message").stringValue()).isEqualTo("from the provider");
        assertThat(events.get(0).at("/context").isMissingNode()).isTrue();
        assertThat(events.get(1).at("/message").stringValue()).isEqualTo("call");
        assertThat(events.get(1).at("/context/tenant").stringValue()).isEqualTo("t-1");
    }

    @Test
    void twoBackslashesBeforeAPlaceholderAreOneBackslashAndThePlaceholderAsInSlf4j() throws Exception {
        List<JsonNode> events = logged(Preset.PRODUCTION, log -> {
            log.info("C:\\\\{}", "dir");
            log.info("literal \\{} then {}", "x");
        });

        assertThat(events.get(0).at("/message").stringValue()).isEqualTo("C:\\dir");
        assertThat(events.get(0).at("/data").isMissingNode()).isTrue();
        assertThat(events.get(1).at("/message").stringValue()).isEqualTo("literal {} then x");
    }

    /** A null level (a caller's slip) is logged at INFO and said so: its events were dropped, never counted. */
    @Test
    void aNullLevelIsLoggedAtInfoSaidSoAndNeverThrows() throws Exception {
        List<JsonNode> events = logged(Preset.PRODUCTION, log -> {
            assertThat(log.isEnabled(null)).isTrue(); // as INFO, at which it is logged
            log.log(null, "no level", null, new Object[] {"k", "v"});
            log.atLevel(null).add("k", "v").log("no level either");
            log.log(null, "no level, odd pairs", null, new Object[] {"k"});
            log.info("after");
        });

        assertThat(events).extracting(e -> e.at("/message").stringValue())
                .containsExactly("no level", "no level either", "no level, odd pairs", "after");
        assertThat(events).extracting(e -> e.at("/level").stringValue()).containsOnly("INFO");
        assertThat(events.get(0).at("/diagnostics/argument_error").stringValue()).isEqualTo("null level, logged at INFO");
        assertThat(events.get(0).at("/data/k").stringValue()).isEqualTo("v");
        assertThat(events.get(1).at("/diagnostics/argument_error").stringValue()).isEqualTo("null level, logged at INFO");
        assertThat(events.get(2).at("/diagnostics/argument_error").stringValue())
                .isEqualTo("odd number of key/value arguments (1); null level, logged at INFO");
        assertThat(events.get(3).at("/diagnostics/argument_error").isMissingNode()).isTrue();

        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start()) {
            runtime.getAsyncLogger("hostile").log(null, "async, no level", null, new Object[] {"k", "v"}).block();
            runtime.flush().join();
        }
        assertThat(TestSinks.parse(sink.lines())).singleElement().satisfies(event -> {
            assertThat(event.at("/level").stringValue()).isEqualTo("INFO");
            assertThat(event.at("/diagnostics/argument_error").stringValue()).isEqualTo("null level, logged at INFO");
        });
    }

    /**
     * An endless {@code Iterable}, {@code Iterator} or {@code Stream} as a value once ran the worker
     * out of heap (Jackson read the iterator and the stream to their end, redaction walked the
     * iterable without bound) and the drain never finished. An iterable is written up to the
     * collection limit; an iterator or a stream, which can be read only once, as its text, and the
     * application's iterator is left where it was.
     */
    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void endlessIterablesIteratorsAndStreamsAreWrittenWithoutReadingThemToTheEnd(Preset preset) throws Exception {
        Iterable<Long> endless = () -> new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Long next() {
                return next++;
            }
        };
        Iterator<Long> iterator = endless.iterator();

        List<JsonNode> events = logged(preset, log -> {
            log.info("iterable", "k", endless);
            log.info("iterator", "k", iterator);
            log.info("stream", "k", Stream.iterate(0, i -> i + 1));
            log.info("in a map", Map.of("k", Stream.iterate(0, i -> i + 1), "it", iterator));
            log.atInfo().add("k", iterator).log("fluent");
        });

        assertThat(events).hasSize(5);
        JsonNode iterable = events.get(0).at("/data/k");
        assertThat(iterable.size()).isEqualTo(257);  // 256, then the marker of more
        assertThat(iterable.get(255).asLong()).isEqualTo(255);
        assertThat(iterable.get(256).asString()).isEqualTo("…[more]");
        assertThat(events.get(1).at("/data/k").asString()).isEqualTo(iterator.toString());
        assertThat(events.get(2).at("/data/k").asString()).startsWith("java.util.stream.");
        assertThat(events.get(3).at("/data/k").asString()).startsWith("java.util.stream.");
        assertThat(events.get(3).at("/data/it").asString()).isEqualTo(iterator.toString());
        assertThat(events.get(4).at("/data/k").asString()).isEqualTo(iterator.toString());
        assertThat(iterator.next()).isZero();  // not consumed by logging it
    }

    /** Big numbers a consumer would read as Infinity or 0 are written exactly, as text; the others stay numbers. */
    @Test
    void bigNumbersOutsideTheRangeOfADoubleAreWrittenAsText() throws Exception {
        List<JsonNode> events = logged(Preset.PRODUCTION, log -> log.info("big", "huge", new java.math.BigDecimal("1e999999999"),
                "tiny", new java.math.BigDecimal("-1e-999999999"), "price", new java.math.BigDecimal("12.50"),
                "wide", java.math.BigInteger.TEN.pow(400), "id", new java.math.BigInteger("123456789012345678901234567890")));

        JsonNode data = events.get(0).get("data");
        assertThat(data.get("huge").isString()).isTrue();
        assertThat(data.get("huge").asString()).isEqualTo("1E+999999999");
        assertThat(data.get("tiny").asString()).isEqualTo("-1E-999999999");
        assertThat(data.get("wide").asString()).isEqualTo(java.math.BigInteger.TEN.pow(400).toString());
        assertThat(data.get("price").isNumber()).isTrue();
        assertThat(data.get("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(data.get("id").isNumber()).isTrue();
    }

    /** An array nested 100,000 deep as a {@code {}} argument once overflowed the stack and lost its event. */
    @Test
    void aDeeplyNestedArrayAsAPlaceholderArgumentIsCut() throws Exception {
        Object[] deep = new Object[1];
        Object[] innermost = deep;
        for (int i = 0; i < 100_000; i++) {
            Object[] next = new Object[1];
            innermost[0] = next;
            innermost = next;
        }

        List<JsonNode> events = logged(Preset.PRODUCTION, log -> log.info("nested {}", deep));

        assertThat(events.get(0).at("/message").asString()).startsWith("nested [[[").endsWith("[max depth]" + "]".repeat(100));
    }

    /** Logs with {@code preset}, drains, checks that every event was written and counted, and parses the lines. */
    /**
     * A megabyte message (a body concatenated in, or formatted into it by SLF4J before it reaches the
     * bridge) is cut at the call, as a value is: the queued event held it whole until the worker wrote
     * 8 KiB of it, and a burst of them filled a small heap. The line still counts what was left out.
     */
    @Test
    void aHugeMessageIsCutAtTheCallAndTheLineCountsWhatWasLeftOut() throws Exception {
        String body = "b".repeat(1_000_000);
        List<Integer> queuedLengths = new java.util.concurrent.CopyOnWriteArrayList<>();
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false)
                .filter(event -> queuedLengths.add(event.message().length()) || true).start()) {
            runtime.getLogger("bodies").info("body " + body);
            runtime.bridge().submit(System.currentTimeMillis(), Level.INFO, "org.slf4j.bodies", "body " + body, null,
                    "main", null, null, List.of());
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        String early = "...[truncated " + (1_000_005 - 16_384) + " chars]";
        assertThat(queuedLengths).containsExactly(16_384 + early.length(), 16_384 + early.length());
        for (JsonNode event : TestSinks.parse(sink.lines())) {
            assertThat(event.get("message").asString()).isEqualTo("body " + "b".repeat(8_192 - 5)
                    + "…[truncated " + (1_000_005 - 8_192) + " chars]");
        }
    }

    /**
     * A 10 MB array in a placeholder is written as its first elements, formatted on the worker as far
     * as the line can show: it was formatted whole (40 million characters), and in a small heap the
     * event failed and was dropped.
     */
    @Test
    void aHugeArrayInAPlaceholderIsFormattedOnlyAsFarAsItCanBeWritten() throws Exception {
        List<JsonNode> events = logged(Preset.PRODUCTION, log -> {
            log.info("body {}", new Object[] {new byte[10_000_000]});
            log.info("ids {}", new Object[] {new int[10_000_000]});
            log.info("small {}", new Object[] {new int[] {1, 2}});
        });

        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("message").asString()).startsWith("body [0, 0, 0").contains("…[truncated ");
        assertThat(events.get(1).get("message").asString()).startsWith("ids [0, 0, 0").contains("…[truncated ");
        assertThat(events.get(2).get("message").asString()).isEqualTo("small [1, 2]");
        assertThat(Placeholders.format("{}", new Object[] {new int[5000]}, 1)).endsWith(", 0, ...]")
                .hasSize(1 + 4096 * 3 - 2 + ", ...]".length());
    }

    private static List<JsonNode> logged(Preset preset, java.util.function.Consumer<Logger> calls) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(preset).sinks().sink(sink).shutdownHook(false).start();
        calls.accept(runtime.getLogger("hostile"));
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(result.dropped()).as("dropped: %s", result).isZero();
        assertThat(result.processed()).isEqualTo(result.submitted());
        assertThat(sink.lines()).hasSize((int) result.submitted());
        return TestSinks.parse(sink.lines());
    }
}
