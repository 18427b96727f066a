package io.fapilog;

import io.fapilog.TestSinks.GatedSink;
import io.fapilog.config.ModeSelection;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values are written as they were when the call was made, in every mode: the worker is held in
 * its sink while the caller mutates what it logged, so only a snapshot taken at the call can show
 * the call-time values. A map mutated by another thread while it is logged never throws into the
 * caller and never yields invalid JSON.
 */
class CallTimeValuesTest {

    @ParameterizedTest
    @EnumSource(value = ModeSelection.class, names = {"THREAD", "BOUND_LOOP", "ASYNC"})
    void mutatingRightAfterTheCallDoesNotChangeWhatIsWritten(ModeSelection mode) throws Exception {
        GatedSink sink = new GatedSink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).mode(mode)
                .batchMaxSize(1).shutdownHook(false).start()) {
            List<String> list = new ArrayList<>(List.of("a", "b"));
            Map<String, Object> map = new LinkedHashMap<>(Map.of("k", "v1"));
            Map<String, Object> nested = new HashMap<>(Map.of("items", new ArrayList<>(List.of(1, 2))));
            String[] array = {"x", "y"};
            int[] numbers = {1, 2};
            StringBuilder text = new StringBuilder("before");
            Date date = new Date(0);
            AtomicInteger counter = new AtomicInteger(7);
            AtomicReference<List<String>> reference = new AtomicReference<>(new ArrayList<>(List.of("r1")));
            Object[] fields = {"list", list, "map", map, "nested", nested, "array", array, "numbers", numbers,
                    "text", text, "date", date, "counter", counter, "reference", reference};

            log(runtime, mode, "hold the worker");
            sink.awaitBlocked();
            log(runtime, mode, "values", fields);
            list.add("c");
            list.set(0, "changed");
            map.put("k", "v2");
            map.put("added", "late");
            @SuppressWarnings("unchecked")
            List<Integer> items = (List<Integer>) nested.get("items");
            items.add(3);
            array[0] = "changed";
            numbers[0] = 99;
            text.setLength(0);
            text.append("after");
            date.setTime(86_400_000L);
            counter.set(8);
            reference.get().add("r2");
            reference.set(List.of("other"));
            fields[1] = List.of("replaced argument");
            sink.open();
            sink.awaitLines(2);
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        }

        JsonNode data = TestSinks.parse(sink.lines()).get(1).get("data");
        assertThat(data.get("list").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(data.get("map").toString()).isEqualTo("{\"k\":\"v1\"}");
        assertThat(data.get("nested").toString()).isEqualTo("{\"items\":[1,2]}");
        assertThat(data.get("array").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(data.get("numbers").toString()).isEqualTo("[1,2]");
        assertThat(data.get("text").asString()).isEqualTo("before");
        assertThat(data.get("date").asString()).isEqualTo(Instant.EPOCH.toString());
        assertThat(data.get("counter").asInt()).isEqualTo(7);
        assertThat(data.get("reference").toString()).isEqualTo("[\"r1\"]");
    }

    /** What a {@code ContextProvider} returns is context of the call: taken as it is then, as arguments are. */
    @ParameterizedTest
    @EnumSource(value = ModeSelection.class, names = {"THREAD", "BOUND_LOOP", "ASYNC"})
    void aContextProvidersValuesAreTakenAtTheCall(ModeSelection mode) throws Exception {
        GatedSink sink = new GatedSink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).mode(mode)
                .batchMaxSize(1).shutdownHook(false).start()) {
            List<String> roles = new ArrayList<>(List.of("before"));
            runtime.addContextProvider(() -> new Object[] {"roles", roles});
            log(runtime, mode, "hold the worker");
            sink.awaitBlocked();
            log(runtime, mode, "provider value");
            roles.set(0, "after");
            sink.open();
            sink.awaitLines(2);
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        }

        assertThat(TestSinks.parse(sink.lines()).get(1).get("context").get("roles").toString()).isEqualTo("[\"before\"]");
    }

    @ParameterizedTest
    @EnumSource(value = ModeSelection.class, names = {"THREAD", "BOUND_LOOP", "ASYNC"})
    void boundValuesAreCapturedWhenBound(ModeSelection mode) throws Exception {
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).mode(mode)
                .shutdownHook(false).start()) {
            List<String> roles = new ArrayList<>(List.of("admin"));
            Logger bound = runtime.getLogger("bound").bind("roles", roles);
            roles.add("root");
            bound.info("bound");
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        }
        assertThat(TestSinks.parse(sink.lines()).get(0).get("context").get("roles").toString())
                .isEqualTo("[\"admin\"]");
    }

    @Test
    void aMapMutatedByAnotherThreadWhileLoggedNeverFailsTheCallerNorTheJson() throws Exception {
        int events = 2_000;
        InMemorySink sink = new InMemorySink();
        Map<String, Object> shared = new HashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread mutator = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                shared.put("k" + (i % 6), List.of(i));
                shared.remove("k" + ((i + 3) % 6));
                i++;
            }
        }, "mutator");
        DrainResult result;
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
                .mode(ModeSelection.THREAD).waitTimeout(Duration.ofSeconds(30)).shutdownHook(false).start()) {
            Logger log = runtime.getLogger("concurrent");
            mutator.start();
            try {
                for (int i = 0; i < events; i++) {
                    log.info("shared", "seq", i, "m", shared, "password", "hunter2");
                    log.log(Level.INFO, "as fields", null, shared); // the map's entries as the data
                }
            } finally {
                stop.set(true);
                mutator.join();
            }
            result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
        }

        assertThat(result.processed()).isEqualTo(2L * events);
        List<JsonNode> lines = TestSinks.parse(sink.lines()); // throws on any invalid line
        assertThat(lines).hasSize(2 * events);
        for (int i = 0; i < events; i++) {
            JsonNode data = lines.get(2 * i).get("data");
            assertThat(data.get("seq").asInt()).isEqualTo(i);
            assertThat(data.get("m").isObject() || "***".equals(data.get("m").asString())).isTrue();
            assertThat(data.get("password").asString()).isEqualTo("***");
        }
    }

    private static void log(FapilogRuntime runtime, ModeSelection mode, String message, Object... fields) {
        if (mode == ModeSelection.ASYNC) {
            runtime.getAsyncLogger("values").info(message, fields).subscribe();
        } else {
            runtime.getLogger("values").info(message, fields);
        }
    }
}
