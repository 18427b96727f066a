package io.fapilog;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The fluent form, lazy values, tags, {@code {}} placeholders and the AsyncLogger overloads. */
class FluentApiTest {

    private final InMemorySink sink = new InMemorySink();
    private FapilogRuntime runtime;

    @BeforeEach
    void start() {
        runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).level(Level.INFO)
                .shutdownHook(false).start();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private List<JsonNode> drained() throws Exception {
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        return TestSinks.parse(sink.lines());
    }

    /**
     * The fluent form's {@code {}} arguments are formatted on the worker, as the plain calls' are:
     * their {@code toString()} runs off the caller's thread (a slow one once held the caller, a
     * failing one reached it), with the pairs added before and a cause after them intact.
     */
    @Test
    void placeholderArgumentsAreFormattedOnTheWorker() throws Exception {
        List<String> formattedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        Object argument = new Object() {
            @Override
            public String toString() {
                formattedOn.add(Thread.currentThread().getName());
                return "a-7";
            }
        };
        Logger log = runtime.getLogger("api");
        log.atInfo().add("k", "v").log("Order {} of {} shipped", argument, 3, new IllegalStateException("late"));
        log.atInfo().add("k", "v").log("Only {} and {} here", "one");  // too few arguments: the second {} stays

        List<JsonNode> events = drained();
        assertThat(formattedOn).hasSize(1).allSatisfy(thread -> assertThat(thread).startsWith("fapilog-"));
        assertThat(events.get(0).get("message").asString()).isEqualTo("Order a-7 of 3 shipped");
        assertThat(events.get(0).get("data").propertyNames()).containsExactly("k");
        assertThat(events.get(0).at("/diagnostics/exception/message").asString()).isEqualTo("late");
        assertThat(events.get(1).get("message").asString()).isEqualTo("Only one and {} here");
        assertThat(events.get(1).get("data").propertyNames()).containsExactly("k");
    }

    @Test
    void fluentFormCarriesFieldsCauseTagsAndBoundContext() throws Exception {
        Logger log = runtime.getLogger("api").bind("request_id", "r1");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("region", "eu");
        log.atWarn().add("user_id", "u7").add("count", 3).add("big", 5_000_000_000L).add("ratio", 0.25)
                .add("ok", true).addAll(extra).add("count", 4).cause(new IllegalStateException("late"))
                .tag("billing").tag("billing").tag("slow").log("Fetched");

        List<JsonNode> events = drained();
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("level").asString()).isEqualTo("WARN");
        assertThat(event.get("message").asString()).isEqualTo("Fetched");
        assertThat(event.get("context").get("request_id").asString()).isEqualTo("r1");
        JsonNode data = event.get("data");
        assertThat(data.propertyNames()).containsExactly("user_id", "count", "big", "ratio", "ok", "region");
        assertThat(data.get("count").asInt()).isEqualTo(4);
        assertThat(data.get("big").asLong()).isEqualTo(5_000_000_000L);
        assertThat(data.get("ratio").asDouble()).isEqualTo(0.25);
        assertThat(data.get("ok").asBoolean()).isTrue();
        assertThat(event.get("diagnostics").get("exception").get("message").asString()).isEqualTo("late");
        assertThat(event.get("tags")).hasSize(2);
        assertThat(event.get("tags").get(0).asString()).isEqualTo("billing");
        assertThat(event.get("tags").get(1).asString()).isEqualTo("slow");
    }

    /** Past a few tags the builder keeps them in a set as well: each written once, in the order first given. */
    @Test
    void manyTagsAreWrittenOnceEachInTheirFirstOrder() throws Exception {
        LogBuilder builder = runtime.getLogger("api").atInfo();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 40; i++) {
                builder.tag("t" + i);
            }
        }
        builder.log("tagged");

        JsonNode tags = drained().get(0).get("tags");
        assertThat(tags).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(tags.get(i).asString()).isEqualTo("t" + i);
        }
    }

    @Test
    void disabledLevelsReturnTheSharedNoOpBuilderAndNeverEvaluateSuppliers() throws Exception {
        Logger log = runtime.getLogger("api");
        AtomicInteger evaluated = new AtomicInteger();
        assertThat(log.atDebug()).isSameAs(log.atTrace());
        log.atDebug().add("lazy", () -> evaluated.incrementAndGet()).log(() -> "msg" + evaluated.incrementAndGet());
        log.debug("lazy", "value", () -> evaluated.incrementAndGet());
        log.atInfo().add("lazy", () -> evaluated.incrementAndGet()).log(() -> "computed " + evaluated.get());
        log.info("eager", "value", () -> "computed");
        log.atInfo().add("failing", () -> {
            throw new IllegalStateException("no value");
        }).log("Supplier failed");

        assertThat(evaluated).hasValue(1);
        List<JsonNode> events = drained();
        assertThat(events).extracting(e -> e.get("message").asString())
                .containsExactly("computed 1", "eager", "Supplier failed");
        assertThat(events.get(0).get("data").get("lazy").asInt()).isEqualTo(1);
        assertThat(events.get(1).get("data").get("value").asString()).isEqualTo("computed");
        assertThat(events.get(2).get("data").get("failing").asString())
                .isEqualTo("[supplier failed: java.lang.IllegalStateException: no value]");
    }

    @Test
    void placeholdersAreFormattedSlf4jStyleAndNeverBecomeUnpairedFields() throws Exception {
        Logger log = runtime.getLogger("api");
        IllegalStateException failure = new IllegalStateException("declined");
        log.info("Fetched {} in {} ms", "user-7", 42);
        log.info("User {} logged in", "bob");
        log.info("Order {} placed", 17, "total", 99);
        log.error("Charge {} failed", "c-1", failure);
        log.info("Literal \\{} and {}", "x");
        log.info("Two {} {} but one arg", "a");
        log.info("No args {}");
        log.atInfo().add("k", 1).log("Fluent {} and {}", "a", "b");
        log.atError().log("Fluent failed {}", "c-2", failure);
        log.info("Array {}", (Object) new int[] {1, 2});
        log.info("{} then a literal \\{}", "x");
        log.atInfo().add("k", 1).log("Fluent \\{} and {} with fields", "a");

        List<JsonNode> events = drained();
        assertThat(events).extracting(e -> e.get("message").asString()).containsExactly(
                "Fetched user-7 in 42 ms", "User bob logged in", "Order 17 placed", "Charge c-1 failed",
                "Literal {} and x", "Two a {} but one arg", "No args {}", "Fluent a and b", "Fluent failed c-2",
                "Array [1, 2]", "x then a literal \\{}", "Fluent {} and a with fields");
        for (JsonNode event : events) {
            assertThat(event.has("diagnostics") && event.get("diagnostics").has("argument_error"))
                    .as(event.toString()).isFalse();
            assertThat(event.has("data") && event.get("data").has("_unpaired")).as(event.toString()).isFalse();
        }
        assertThat(events.get(0).has("data")).isFalse();
        assertThat(events.get(2).get("data").get("total").asInt()).isEqualTo(99);
        assertThat(events.get(3).get("diagnostics").get("exception").get("message").asString()).isEqualTo("declined");
        assertThat(events.get(7).get("data").get("k").asInt()).isEqualTo(1);
        assertThat(events.get(8).get("diagnostics").get("exception").get("message").asString()).isEqualTo("declined");
    }

    @Test
    void asyncLoggerHasTheFixedArityAndMapOverloads() throws Exception {
        AsyncLogger log = runtime.getAsyncLogger("async");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("a", 1);
        log.info("zero").block();
        log.info("one", "k", 1).block();
        log.warn("two", "k1", 1, "k2", "v2").block();
        log.error("map", fields).block();
        log.log(Level.ERROR, "map and error", new IllegalStateException("x"), fields).block();
        log.debug("disabled", "k", 1).block();
        assertThat(log.debug("disabled")).isSameAs(log.trace("disabled too", "k", 1));

        List<JsonNode> events = drained();
        assertThat(events).extracting(e -> e.get("message").asString())
                .containsExactly("zero", "one", "two", "map", "map and error");
        assertThat(events.get(2).get("data").get("k2").asString()).isEqualTo("v2");
        assertThat(events.get(3).get("data").get("a").asInt()).isEqualTo(1);
        assertThat(events.get(4).get("diagnostics").get("exception").get("message").asString()).isEqualTo("x");
    }

    @Test
    void theBuildersArgumentsLeftAfterThePlaceholdersAreFieldsAsInAPlainCall() throws Exception {
        Logger log = runtime.getLogger("builder");
        log.atInfo().log("order {} placed", 7, "items", 3);
        log.atInfo().log("no placeholder", "items", 3);
        log.atInfo().add("k", 1).log("added then {}", "x", "items", 3);
        log.atInfo().add("items", 1).log("given twice", "items", 3);
        log.atInfo().log("with a cause", "items", 3, new IllegalStateException("late"));
        log.atInfo().log("odd", "items");

        List<JsonNode> events = drained();
        assertThat(events).extracting(e -> e.get("message").asString()).containsExactly(
                "order 7 placed", "no placeholder", "added then x", "given twice", "with a cause", "odd");
        assertThat(events).extracting(e -> String.valueOf(e.get("data"))).containsExactly(
                "{\"items\":3}", "{\"items\":3}", "{\"k\":1,\"items\":3}", "{\"items\":3}", "{\"items\":3}",
                "{\"_unpaired\":\"items\"}");
        assertThat(events.get(4).get("diagnostics").get("exception").get("message").asString()).isEqualTo("late");
        assertThat(events.get(5).get("diagnostics").get("argument_error").asString())
                .isEqualTo("odd number of key/value arguments (1)");
    }
}
