package io.fapilog;

import io.fapilog.context.ContextScope;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The argument forms the docs promise, each written as its fields: an exception with a map, lazy values, the builder's arguments. */
class ArgumentFormsTest {

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

    @Test
    void anExceptionWithAMapGivesTheMapsEntriesAsFields() throws Exception {
        IllegalStateException declined = new IllegalStateException("declined");
        runtime.getLogger("pay").error("Charge failed", declined, Map.of("order_id", 7));
        runtime.getLogger("pay").warn("Retrying", declined, Map.of("attempt", 2));
        runtime.getAsyncLogger("pay").error("Async charge failed", declined, Map.of("order_id", 8)).block();

        List<JsonNode> events = drained();
        assertThat(events).hasSize(3);
        assertThat(events).extracting(e -> e.get("data").toString())
                .containsExactly("{\"order_id\":7}", "{\"attempt\":2}", "{\"order_id\":8}");
        for (JsonNode event : events) {
            assertThat(event.get("diagnostics").get("exception").get("type").asString())
                    .isEqualTo("java.lang.IllegalStateException");
            assertThat(event.get("diagnostics").has("argument_error")).isFalse();
        }
    }

    @Test
    void aSupplierIsALazyValueInEveryArgumentForm() throws Exception {
        Supplier<String> user = () -> "u-42";
        Supplier<Integer> count = () -> 3;
        Logger log = runtime.getLogger("lazy");
        log.info("varargs", "user", user, "count", count, "plain", 1);
        log.info("two pairs", "user", user, "count", count);
        log.info("map", Map.of("user", user));
        log.bind("user", user).info("bound");
        try (ContextScope scope = Fapilog.withContext("user", user)) {
            log.info("scoped");
        }
        log.info("nested", "users", List.of(user));
        runtime.getAsyncLogger("lazy").info("async", "user", user, "count", count).block();

        List<JsonNode> events = drained();
        assertThat(events).hasSize(7);
        assertThat(events.get(0).get("data").toString()).isEqualTo("{\"user\":\"u-42\",\"count\":3,\"plain\":1}");
        assertThat(events.get(1).get("data").toString()).isEqualTo("{\"user\":\"u-42\",\"count\":3}");
        assertThat(events.get(2).get("data").toString()).isEqualTo("{\"user\":\"u-42\"}");
        assertThat(events.get(3).get("context").toString()).isEqualTo("{\"user\":\"u-42\"}");
        assertThat(events.get(4).get("context").toString()).isEqualTo("{\"user\":\"u-42\"}");
        assertThat(events.get(5).get("data").toString()).isEqualTo("{\"users\":[\"u-42\"]}");
        assertThat(events.get(6).get("data").toString()).isEqualTo("{\"user\":\"u-42\",\"count\":3}");
    }

    @Test
    void aSupplierRunsOnlyWhenTheLevelIsEnabledAndNeverFailsTheCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Supplier<String> counted = () -> "call " + calls.incrementAndGet();
        Supplier<String> failing = () -> {
            throw new IllegalArgumentException("no user");
        };
        Supplier<Object> itself = new Supplier<>() {
            @Override
            public Object get() {
                return this;
            }

            @Override
            public String toString() {
                return "itself";
            }
        };
        Logger log = runtime.getLogger("lazy");
        log.debug("disabled", "a", counted, "b", counted);
        log.info("enabled", "a", counted, "failing", failing, "itself", itself);

        List<JsonNode> events = drained();
        assertThat(calls).hasValue(1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("data").toString()).isEqualTo(
                "{\"a\":\"call 1\",\"failing\":\"[supplier failed: java.lang.IllegalArgumentException: no user]\",\"itself\":\"itself\"}");
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
