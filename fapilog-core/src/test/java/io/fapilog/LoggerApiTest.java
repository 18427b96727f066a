package io.fapilog;

import io.fapilog.context.ContextScope;
import io.fapilog.internal.engine.LevelGates;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoggerApiTest {

    private final InMemorySink sink = new InMemorySink();
    private FapilogRuntime runtime;

    @BeforeEach
    void start() {
        runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).level(Level.INFO)
                .level("noisy", Level.ERROR).shutdownHook(false).start();
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
    void keyValuesBoundContextAndThrowable() throws Exception {
        Logger log = runtime.getLogger("api").bind("request_id", "abc");
        log.info("Processing item", "item_id", 42, "size", 10);
        log.error("Charge failed", new IllegalStateException("card declined"), "order_id", 7);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("a", 1);
        fields.put("b", "two");
        log.warn("From a map", fields);

        List<JsonNode> events = drained();
        assertThat(events).hasSize(3);
        JsonNode first = events.get(0);
        assertThat(first.get("level").asString()).isEqualTo("INFO");
        assertThat(first.get("logger").asString()).isEqualTo("api");
        assertThat(first.get("message").asString()).isEqualTo("Processing item");
        assertThat(first.get("context").get("request_id").asString()).isEqualTo("abc");
        assertThat(first.get("data").get("item_id").asInt()).isEqualTo(42);
        assertThat(first.get("data").get("size").asInt()).isEqualTo(10);
        JsonNode exception = events.get(1).get("diagnostics").get("exception");
        assertThat(exception.get("type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(exception.get("message").asString()).isEqualTo("card declined");
        assertThat(events.get(1).get("data").get("order_id").asInt()).isEqualTo(7);
        assertThat(events.get(2).get("data").get("b").asString()).isEqualTo("two");
    }

    @Test
    void aNullLoggerNameIsRefusedWithAMessageAndTheRootNameWorks() throws Exception {
        assertThatThrownBy(() -> runtime.getLogger(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("logger's name must not be null");
        assertThatThrownBy(() -> runtime.getAsyncLogger(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("logger's name must not be null");
        runtime.getLogger("").info("root");

        List<JsonNode> events = drained();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("logger").asString()).isEmpty();
    }

    @Test
    void bindIsImmutableAndLaterKeysWin() throws Exception {
        Logger parent = runtime.getLogger("api").bind("request_id", "r1", "user", "u1");
        Logger child = parent.bind("user", "u2");
        parent.info("parent");
        child.info("child");
        List<JsonNode> events = drained();
        assertThat(events.get(0).get("context").get("user").asString()).isEqualTo("u1");
        assertThat(events.get(1).get("context").get("user").asString()).isEqualTo("u2");
        assertThat(events.get(1).get("context").get("request_id").asString()).isEqualTo("r1");
    }

    @Test
    void malformedArgumentsNeverThrowAndAreExplained() throws Exception {
        Logger log = runtime.getLogger("api");
        log.info("odd", "k1", 1, "dangling");
        log.info("non-string key", 42, "v");
        log.info("null args", (Object[]) null);
        List<JsonNode> events = drained();
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("data").get("_unpaired").asString()).isEqualTo("dangling");
        assertThat(events.get(0).get("diagnostics").get("argument_error").asString()).contains("odd number");
        assertThat(events.get(1).get("data").get("42").asString()).isEqualTo("v");
        assertThat(events.get(1).get("diagnostics").get("argument_error").asString()).contains("non-String key");
    }

    @Test
    void levelsByPrefixAndAuditAlwaysPasses() throws Exception {
        Logger noisy = runtime.getLogger("noisy.sub");
        assertThat(noisy.isEnabled(Level.WARN)).isFalse();
        assertThat(noisy.isEnabled(Level.ERROR)).isTrue();
        noisy.warn("hidden");
        noisy.audit("always");
        noisy.security("always too");
        runtime.levels().setLevel(LevelGates.ROOT, Level.CRITICAL);
        Logger quiet = runtime.getLogger("other");
        quiet.error("hidden as well");
        quiet.audit("still");
        List<JsonNode> events = drained();
        assertThat(events).extracting(e -> e.get("message").asString()).containsExactly("always", "always too", "still");
    }

    @Test
    void levelChangeAtRunTimeAppliesToExistingLoggers() throws Exception {
        Logger log = runtime.getLogger("svc.orders");
        log.debug("before");
        runtime.levels().setLevel("svc", Level.DEBUG);
        log.debug("after");
        runtime.levels().setLevel("svc", null);
        log.debug("reset");
        assertThat(drained()).extracting(e -> e.get("message").asString()).containsExactly("after");
    }

    @Test
    void boundLoggersFollowLevelChangesOfTheirName() throws Exception {
        Logger log = runtime.getLogger("svc.billing").bind("request_id", "r1");
        AsyncLogger async = runtime.getAsyncLogger("svc.billing").bind("request_id", "r2");
        Logger bindBeforeChange = log.bind("step", 1);
        runtime.levels().setLevel("svc", Level.DEBUG);
        Logger bindAfterChange = log.bind("step", 2);
        bindBeforeChange.debug("bound before");
        bindAfterChange.debug("bound after");
        async.bind("step", 3).debug("async bound").block();
        runtime.levels().setLevel("svc", null);
        log.bind("step", 4).debug("reset");
        async.debug("async reset").block();
        List<JsonNode> events = drained();
        assertThat(events).extracting(e -> e.get("message").asString())
                .containsExactly("bound before", "bound after", "async bound");
        assertThat(events.get(2).get("context").get("request_id").asString()).isEqualTo("r2");
        assertThat(events.get(2).get("context").get("step").asInt()).isEqualTo(3);
    }

    @Test
    void aDisabledLevelAllocatesNothing() {
        Logger log = runtime.getLogger("quiet");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        RuntimeException error = new RuntimeException("not logged");
        for (int i = 0; i < 20_000; i++) {
            log.debug("warm up", "k", "v", "n", 1);
            log.atDebug().add("user_id", "u1").add("count", i).add("big", 1_000_000L + i).add("ratio", 0.5)
                    .add("lazy", () -> "never").cause(error).tag("t").log("warm up {}", "v");
        }
        long before = threads.getThreadAllocatedBytes(self);
        for (int i = 0; i < 100_000; i++) {
            log.debug("disabled", "k", "v", "n", 1);
            log.trace("disabled");
            log.atDebug().add("user_id", "u1").add("count", i).add("big", 1_000_000L + i).add("ratio", 0.5)
                    .add("lazy", () -> "never").cause(error).tag("t").log("disabled {}", "v");
        }
        long allocated = threads.getThreadAllocatedBytes(self) - before;
        // 300,000 calls: a single allocation per call would be at least 3.2 MB. The bound leaves room
        // for one-off JVM work on this thread (a compilation, the counter itself), never per call.
        assertThat(allocated).isLessThan(64 * 1024);
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
}
