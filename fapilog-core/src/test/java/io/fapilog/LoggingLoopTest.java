package io.fapilog;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stage of the application's that logs at every event it handles (an enricher that warns about a
 * missing field, whose own warning lacks it too): each event it logs made the next, forever, and
 * the queue stayed full of them (1,000 events became more than a million lines in five seconds).
 * The first of such a chain is written, the next dropped and counted as {@code logging_loop}.
 */
class LoggingLoopTest {

    private static final int EVENTS = 500;

    @Test
    void anEnricherThatWarnsAtEveryEventHasOneWarningWrittenForEachOfTheApplicationsEvents() throws Exception {
        assertOneWarningPerEvent((builder, warn) -> builder.enricher(event -> warn.accept("no tenant on the event")));
    }

    @Test
    void aFilterThatLogsAtEveryEventHasOneEventWrittenForEachOfTheApplicationsEvents() throws Exception {
        assertOneWarningPerEvent((builder, warn) -> builder.filter(event -> {
            warn.accept("checked an event");
            return true;
        }));
    }

    @Test
    void aRedactorThatLogsAtEveryEventHasOneEventWrittenForEachOfTheApplicationsEvents() throws Exception {
        assertOneWarningPerEvent((builder, warn) -> builder.redactor(event -> warn.accept("nothing to mask")));
    }

    /** A value whose getter logs, as each event of its own carries it again. */
    @Test
    void aValueWhoseGetterLogsEachTimeItIsWrittenHasOneEventWrittenForEachOfTheApplicationsEvents() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        ORDERS.set(runtime.getLogger("com.acme.Orders"));
        for (int i = 0; i < EVENTS; i++) {
            ORDERS.get().info("Order placed", "order", new Order("o-" + i));
        }
        assertWrittenOncePerEvent(runtime, sink, "status read");
    }

    private static final AtomicReference<Logger> ORDERS = new AtomicReference<>();

    public static final class Order {
        private final String id;

        Order(String id) {
            this.id = id;
        }

        public String getId() {
            return id;
        }

        public String getStatus() {
            ORDERS.get().warn("status read", "order", this);
            return "open";
        }
    }

    private interface Stage {
        void add(FapilogConfig.Builder builder, Consumer<String> warn);
    }

    private static void assertOneWarningPerEvent(Stage stage) throws Exception {
        AtomicReference<Logger> warnings = new AtomicReference<>();
        InMemorySink sink = new InMemorySink();
        FapilogConfig.Builder builder = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false);
        stage.add(builder, message -> warnings.get().warn(message));
        FapilogRuntime runtime = builder.start();
        warnings.set(runtime.getLogger("com.acme.Stage"));
        Logger log = runtime.getLogger("com.acme.Orders");
        for (int i = 0; i < EVENTS; i++) {
            log.info("Order placed", "i", i);
        }
        assertWrittenOncePerEvent(runtime, sink, null);
    }

    private static void assertWrittenOncePerEvent(FapilogRuntime runtime, InMemorySink sink, String messageOfTheStage)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runtime.stats().processed() < 2 * EVENTS && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);
        List<String> lines = sink.lines();
        assertThat(lines).filteredOn(line -> line.contains("\"message\":\"Order placed\"")).hasSize(EVENTS);
        assertThat(lines).hasSize(2 * EVENTS);
        if (messageOfTheStage != null) {
            assertThat(lines).filteredOn(line -> line.contains("\"message\":\"" + messageOfTheStage + "\"")).hasSize(EVENTS);
        }
        assertThat(result.processed()).isEqualTo(2 * EVENTS);
        assertThat(result.dropped()).isEqualTo(EVENTS);
        assertThat(runtime.stats().droppedByReason().get(DropReason.LOGGING_LOOP)).isEqualTo(EVENTS);
        assertThat(result.submitted()).isEqualTo(3 * EVENTS)
                .isEqualTo(result.processed() + result.dropped() + result.filtered());
    }
}
