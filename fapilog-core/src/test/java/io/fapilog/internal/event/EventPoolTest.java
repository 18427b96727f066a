package io.fapilog.internal.event;

import io.fapilog.Level;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class EventPoolTest {

    private static final EventOrigin PAYMENTS = new EventOrigin("payments", new Object[] {"request_id", "r-1"});
    private static final EventOrigin ORDERS = new EventOrigin("orders", null);

    /** Everything a call can leave on an event: placeholders, a cause, tags, call context, fields-only. */
    private static LogEvent usedEvent() {
        LogEvent event = LogEvent.atMicros(1_000_000L, Level.ERROR, PAYMENTS, "card {} declined",
                new IllegalStateException("card 4111 1111"), "http-1", new Object[] {"4111-1111", "password", "s3cret"});
        event.callContext(new Object[] {"trace_id", "t-1"}).tags(List.of("audit")).argumentsAreFields();
        event.lend(LogEvent.Parts.reusable(), bytes -> bytes);
        event.data().put("added", "by a redactor");
        event.diagnostics().put("exception", "masked");
        event.message("card [REDACTED] declined");
        event.release();
        return event;
    }

    private static Map<String, Object> view(LogEvent event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("micros", event.timestampMicros());
        view.put("level", event.level());
        view.put("logger", event.loggerName());
        view.put("message", event.message());
        view.put("throwable", event.throwable());
        view.put("thread", event.threadName());
        view.put("tags", event.tags());
        view.put("context", event.context().toMap());
        view.put("diagnostics", event.diagnostics().toMap());
        view.put("data", event.data().toMap());
        return view;
    }

    @Test
    void aClearedEventRefilledIsWhatANewEventWouldBe() {
        RuntimeException cause = new RuntimeException("boom");
        Object[] arguments = {"a", "order_id", 7};

        LogEvent reused = usedEvent();
        reused.clear();
        reused.refill(2_000_000L, Level.INFO, ORDERS, "got {} for", cause, "worker-2", arguments.clone());
        LogEvent fresh = new LogEvent(2_000L, Level.INFO, "orders", "got {} for", cause, "worker-2", null,
                arguments.clone());

        assertThat(view(reused)).isEqualTo(view(fresh));
        assertThat(view(reused)).containsEntry("message", "got a for")
                .containsEntry("tags", List.of())
                .containsEntry("context", Map.of())
                .containsEntry("diagnostics", Map.of())
                .containsEntry("data", Map.of("order_id", 7));
    }

    @Test
    void aClearedEventHoldsNothingOfItsCall() {
        LogEvent event = usedEvent();
        event.clear();
        assertThat(event.threadName()).isNull();
        assertThat(event.throwable()).isNull();
        assertThat(event.message()).isNull();
        assertThat(event.tags()).isEmpty();
    }

    @Test
    void theWorkersGiveBackAtMostABoundedPool() {
        EventPool.Recycler recycler = new EventPool.Recycler();
        for (int i = 0; i < (EventPool.MAX_CHUNKS + 3) * EventPool.CHUNK; i++) {
            recycler.recycle(usedEvent());
        }
        assertThat(EventPool.pooledChunks()).isBetween(1, EventPool.MAX_CHUNKS);
    }

    @Test
    void aLoggingThreadTakesAWholeChunkOfClearedDistinctEvents() throws Exception {
        EventPool.Recycler recycler = new EventPool.Recycler();
        for (int i = 0; i < 2 * EventPool.CHUNK; i++) {
            recycler.recycle(usedEvent());
        }
        List<LogEvent> taken = new ArrayList<>();
        Thread thread = new Thread(() -> {
            for (int i = 0; i < EventPool.CHUNK; i++) {
                taken.add(EventPool.take());
            }
        });
        thread.start();
        thread.join();

        Set<LogEvent> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(taken);
        assertThat(distinct).hasSize(EventPool.CHUNK).doesNotContainNull();
        for (LogEvent event : taken) {
            assertThat(event.threadName()).isNull();
            assertThat(event.message()).isNull();
            assertThat(event.tags()).isEmpty();
        }
    }

    @Test
    void virtualThreadsAllocateTheirEvents() throws Exception {
        assumeThat(Runtime.version().feature()).as("virtual threads need Java 21").isGreaterThanOrEqualTo(21);
        EventPool.Recycler recycler = new EventPool.Recycler();
        for (int i = 0; i < EventPool.CHUNK; i++) {
            recycler.recycle(usedEvent());
        }
        AtomicReference<LogEvent> taken = new AtomicReference<>(usedEvent());
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Thread thread = (Thread) builder.getClass().getMethod("start", Runnable.class).invoke(builder,
                (Runnable) () -> taken.set(EventPool.take()));
        thread.join();
        assertThat(taken.get()).isNull();
    }
}
