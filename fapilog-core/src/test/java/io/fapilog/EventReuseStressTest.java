package io.fapilog;

import io.fapilog.config.FullPolicy;
import io.fapilog.context.ContextScope;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are recycled once written (see {@code EventPool}): many threads logging events of every
 * shape through a small queue, so that each event object is reused many times over, must still
 * write each event as its own call made it, with nothing of an earlier call's (a cause, tags, a
 * scoped context, fields-only or placeholders) and none written twice or lost.
 */
class EventReuseStressTest {

    private static final int THREADS = 8;
    private static final int ASYNC_THREADS = 2;
    private static final int EVENTS_PER_THREAD = 4_000;

    @Test
    void everyRecycledEventIsWrittenAsItsOwnCallMadeIt() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
                .queueCapacity(256).batchMaxSize(64).fullPolicy(FullPolicy.WAIT).waitTimeout(Duration.ofSeconds(30))
                .shutdownHook(false).start();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Runnable producer = t < ASYNC_THREADS ? () -> logAsync(runtime, thread) : () -> logSync(runtime, thread);
            threads.add(new Thread(() -> {
                awaitQuietly(go);
                producer.run();
            }, "producer-" + t));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        DrainResult drained = runtime.stopAndDrain().get(60, TimeUnit.SECONDS);

        List<JsonNode> events = TestSinks.parse(sink.lines());
        assertThat(drained.dropped()).isZero();
        assertThat(events).hasSize(THREADS * EVENTS_PER_THREAD);
        Set<String> seen = new HashSet<>();
        for (JsonNode event : events) {
            String id = checkShape(event);
            assertThat(seen.add(id)).as("written once: %s", id).isTrue();
        }
    }

    private static void logSync(FapilogRuntime runtime, int thread) {
        Logger log = runtime.getLogger("stress");
        for (int seq = 0; seq < EVENTS_PER_THREAD; seq++) {
            switch (seq % 5) {
                case 0 -> log.info("placeholders {} {}", thread, seq);
                case 1 -> log.error("failed", new IllegalStateException("cause " + thread + "-" + seq), "t", thread, "seq", seq);
                case 2 -> log.info("fields only {}", Map.of("t", thread, "seq", seq));
                case 3 -> log.atWarn().add("t", thread).add("seq", seq).tag("audit").log("tagged");
                default -> {
                    try (ContextScope scope = Fapilog.withContext("job", thread + "-" + seq)) {
                        log.info("scoped", "t", thread, "seq", seq);
                    }
                }
            }
        }
    }

    private static void logAsync(FapilogRuntime runtime, int thread) {
        AsyncLogger log = runtime.getAsyncLogger("stress");
        for (int seq = 0; seq < EVENTS_PER_THREAD; seq++) {
            switch (seq % 5) {
                case 0 -> log.info("placeholders {} {}", thread, seq).block();
                case 1 -> log.error("failed", new IllegalStateException("cause " + thread + "-" + seq), "t", thread, "seq", seq).block();
                case 2 -> log.info("fields only {}", Map.of("t", thread, "seq", seq)).block();
                case 3 -> log.warn("tagged", "t", thread, "seq", seq).block();
                default -> {
                    try (ContextScope scope = Fapilog.withContext("job", thread + "-" + seq)) {
                        log.info("scoped", "t", thread, "seq", seq).block();
                    }
                }
            }
        }
    }

    /** Asserts the event is exactly what its call made, and returns {@code thread-seq}. */
    private static String checkShape(JsonNode event) {
        String message = event.get("message").asString();
        JsonNode data = event.get("data");
        JsonNode exception = event.get("diagnostics").get("exception");
        JsonNode context = event.get("context");
        if (message.startsWith("placeholders ")) {
            assertThat(data).as("%s", event).isNull();
            assertThat(exception).as("%s", event).isNull();
            assertThat(context).as("%s", event).isNull();
            assertThat(event.get("tags")).as("%s", event).isNull();
            String[] parts = message.split(" ");
            return parts[1] + "-" + parts[2];
        }
        String id = data.get("t").asInt() + "-" + data.get("seq").asInt();
        assertThat(data.size()).as("%s", event).isEqualTo(2);
        int seq = data.get("seq").asInt();
        boolean tagged = message.equals("tagged") && data.get("t").asInt() >= ASYNC_THREADS;
        assertThat(message).as("%s", event).isEqualTo(switch (seq % 5) {
            case 1 -> "failed";
            case 2 -> "fields only {}";
            case 3 -> "tagged";
            default -> "scoped";
        });
        if (seq % 5 == 1) {
            assertThat(exception.get("message").asString()).as("%s", event).isEqualTo("cause " + id);
        } else {
            assertThat(exception).as("%s", event).isNull();
        }
        if (seq % 5 == 4) {
            assertThat(context.size()).as("%s", event).isEqualTo(1);
            assertThat(context.get("job").asString()).as("%s", event).isEqualTo(id);
        } else {
            assertThat(context).as("%s", event).isNull();
        }
        if (tagged) {
            assertThat(event.get("tags").toString()).as("%s", event).isEqualTo("[\"audit\"]");
        } else {
            assertThat(event.get("tags")).as("%s", event).isNull();
        }
        return id;
    }

    private static void awaitQuietly(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
