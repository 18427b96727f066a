package io.fapilog;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
    void anEntityGraphWithABackReferenceIsWrittenAndLeavesJacksonWorking() throws Exception {
        Order order = new Order();
        Line line = new Line();
        line.order = order;
        order.lines.add(line);

        List<JsonNode> redacted = logged(Preset.PRODUCTION, log -> {
            log.info("order placed", "order", order);
            log.info("later", "value", new Object());
        });
        assertThat(redacted).hasSize(2);
        assertThat(redacted.get(0).at("/data/order").stringValue()).isEqualTo("***");
        assertThat(redacted.get(0).at("/diagnostics/redaction_failures").stringValue())
                .isEqualTo("1 (tools.jackson.core.exc.StreamConstraintsException)");
        assertThat(redacted.get(1).at("/data/value").stringValue()).startsWith("java.lang.Object@");

        List<JsonNode> plain = logged(Preset.MINIMAL, log -> log.info("order placed", "order", order));
        assertThat(plain.get(0).at("/data/order").stringValue()).startsWith(Order.class.getName() + "@");

        JsonNode self = logged(Preset.PRODUCTION, log -> log.info("node", "node", new Node())).get(0);
        assertThat(self.toString()).doesNotContain("hunter2");
        assertThat(self.at("/data/node").stringValue()).isEqualTo("***");

        // A StackOverflowError inside Jackson once left a class of it uninitialisable for the whole JVM.
        assertThatThrownBy(() -> JsonMapper.builder().build().readTree("{bad")).isInstanceOf(JacksonException.class);
    }

    @Test
    void aBeanWhoseGetterThrowsIsMaskedNotWrittenThroughItsToString() throws Exception {
        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("signed in", "account", new Account())).get(0);

        assertThat(event.toString()).doesNotContain("hunter2");
        assertThat(event.at("/data/account").stringValue()).isEqualTo("***");
        assertThat(event.at("/diagnostics/redaction_failures").stringValue())
                .isEqualTo("1 (tools.jackson.databind.DatabindException)");
    }

    @Test
    void aComponentWithoutPropertiesIsWrittenAsItsTextAndTheRestOfTheRecordStays() throws Exception {
        Object handle = new Object();
        JsonNode event = logged(Preset.PRODUCTION, log -> log.info("handle", "record", new Handle("r-1", handle))).get(0);

        assertThat(event.at("/data/record/id").stringValue()).isEqualTo("r-1");
        assertThat(event.at("/data/record/handle").stringValue()).isEqualTo(handle.toString());
        assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();
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

    /** Logs with {@code preset}, drains, checks that every event was written and counted, and parses the lines. */
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
