package io.fapilog;

import io.fapilog.config.MdcSettings;
import io.fapilog.context.ContextScope;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.ContextProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What every event gets in context at call time: the scoped context, context providers and (opt-in) the MDC. */
class CallContextTest {

    private final InMemorySink sink = new InMemorySink();
    private FapilogRuntime runtime;

    private FapilogRuntime start(MdcSettings mdc) {
        runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).level(Level.INFO).mdc(mdc)
                .shutdownHook(false).start();
        return runtime;
    }

    @AfterEach
    void stop() {
        runtime.close();
        MDC.clear();
    }

    private List<JsonNode> drained() throws Exception {
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        return TestSinks.parse(sink.lines());
    }

    @Test
    void scopedFieldsReachEveryLoggerUntilTheScopeCloses() throws Exception {
        start(MdcSettings.NONE);
        Logger bound = runtime.getLogger("svc").bind("request_id", "r1", "step", "bound");
        AsyncLogger async = runtime.getAsyncLogger("async");
        try (ContextScope scope = Fapilog.withContext("job_id", "j1", "step", "scoped")) {
            bound.info("inside");
            runtime.getLogger("other").atInfo().log("fluent inside");
            async.info("async inside").block();
        }
        bound.info("after");

        List<JsonNode> events = drained();
        assertThat(events).hasSize(4);
        JsonNode inside = events.get(0).get("context");
        assertThat(inside.propertyNames()).containsExactly("request_id", "step", "job_id");
        assertThat(inside.get("step").asString()).as("the scope is newer than the bound context").isEqualTo("scoped");
        assertThat(events.get(1).get("context").get("job_id").asString()).isEqualTo("j1");
        assertThat(events.get(2).get("context").get("job_id").asString()).isEqualTo("j1");
        JsonNode after = events.get(3).get("context");
        assertThat(after.has("job_id")).isFalse();
        assertThat(after.get("step").asString()).isEqualTo("bound");
    }

    @Test
    void contextProvidersAreReadAtCallTimeOnTheLoggingThread() throws Exception {
        start(MdcSettings.NONE);
        ThreadLocal<String> span = new ThreadLocal<>();
        ContextProvider tracing = () -> span.get() == null ? null : new Object[] {"trace_id", "t-" + span.get(), "span_id", span.get()};
        ContextProvider failing = () -> {
            throw new IllegalStateException("broken provider");
        };
        runtime.addContextProvider(failing);
        runtime.addContextProvider(tracing);
        Logger log = runtime.getLogger("svc").bind("trace_id", "bound-trace");
        log.info("no span");
        span.set("s1");
        log.info("span one");
        span.set("s2");
        log.info("span two");
        assertThat(runtime.removeContextProvider(tracing)).isTrue();
        log.info("removed");

        List<JsonNode> events = drained();
        assertThat(events).extracting(e -> e.get("context").get("trace_id").asString())
                .containsExactly("bound-trace", "t-s1", "t-s2", "bound-trace");
        assertThat(events.get(2).get("context").get("span_id").asString()).isEqualTo("s2");
    }

    @Test
    void mdcValuesAreCopiedOnlyWhenEnabledAndOnlyTheAllowListedKeys() throws Exception {
        start(MdcSettings.keys("tenant", "user"));
        Logger log = runtime.getLogger("svc");
        MDC.put("tenant", "acme");
        MDC.put("secret_thing", "hidden");
        log.info("with mdc");
        MDC.put("user", "u1");
        try (ContextScope scope = Fapilog.withContext("tenant", "scoped")) {
            log.info("scope wins");
        }
        MDC.clear();
        log.info("no mdc");

        List<JsonNode> events = drained();
        assertThat(events.get(0).get("context").propertyNames()).containsExactly("tenant");
        assertThat(events.get(1).get("context").get("tenant").asString()).isEqualTo("scoped");
        assertThat(events.get(1).get("context").get("user").asString()).isEqualTo("u1");
        assertThat(events.get(2).has("context")).isFalse();
    }

    @Test
    void mdcAllKeysAndOffByDefault() throws Exception {
        start(MdcSettings.all());
        MDC.put("a", "1");
        MDC.put("b", "2");
        runtime.getLogger("svc").info("all");
        assertThat(drained().get(0).get("context").propertyNames()).containsExactlyInAnyOrder("a", "b");
        sink.clear();
        runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
        assertThat(runtime.config().enrichment().mdc()).isEqualTo(MdcSettings.NONE);
        runtime.getLogger("svc").info("none");
        assertThat(drained().get(0).has("context")).isFalse();
    }

    @Test
    void concurrentThreadsEachSeeOnlyTheirOwnScope() throws Exception {
        start(MdcSettings.NONE);
        int threads = 8;
        int perThread = 500;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String id = "job-" + t;
            Thread worker = new Thread(() -> {
                Logger log = runtime.getLogger("svc");
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    try (ContextScope scope = Fapilog.withContext("job_id", id)) {
                        log.info("work", "owner", id);
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        }
        List<JsonNode> events = drained();
        assertThat(events).hasSize(threads * perThread);
        for (JsonNode event : events) {
            assertThat(event.get("context").get("job_id").asString()).isEqualTo(event.get("data").get("owner").asString());
        }
    }
}
