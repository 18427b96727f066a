package io.fapilog;

import io.fapilog.config.FullPolicy;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults a caller can bring: a map mutated while logged, a queue size that would overflow. */
class CallerFaultsTest {

    @Test
    void aMapMutatedConcurrentlyNeverThrowsIntoTheCaller() throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).queueCapacity(40_000)
                .fullPolicy(FullPolicy.WAIT).waitTimeout(Duration.ofSeconds(30)).shutdownHook(false).start();
        Map<String, Object> shared = new HashMap<>();
        for (int i = 0; i < 64; i++) {
            shared.put("k" + i, i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread mutator = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                shared.put("x" + (i % 512), i);
                shared.remove("x" + ((i + 256) % 512));
            }
        });
        mutator.start();
        Logger log = runtime.getLogger("maps");
        int events = 20_000;
        try {
            for (int i = 0; i < events; i++) {
                log.info("mutated", shared);
            }
        } finally {
            stop.set(true);
            mutator.join();
        }
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(30));
        WorkerFaultsTest.assertAccounted(runtime, result, events, events, 0);
        WorkerFaultsTest.validJson(sink.lines(), events);
    }

    @Test
    void aQueueCapacityThatWouldOverflowWithItsReserveFailsValidationNamingTheProperty() {
        assertThatThrownBy(() -> Fapilog.builder().queueCapacity(Integer.MAX_VALUE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fapilog.queue.capacity")
                .hasMessageContaining("fapilog.queue.reserve");
        assertThatThrownBy(() -> Fapilog.builder().queueCapacity(FapilogConfig.MAX_QUEUE_SLOTS).queueReserve(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fapilog.queue.capacity");
        assertThatThrownBy(() -> Fapilog.builder().queueCapacity(10_000).queueReserve(67_108_000).build())
                .as("the reserve the user set is named, not the default capacity")
                .hasMessageStartingWith("Invalid value '67108000' for fapilog.queue.reserve").hasMessageContaining("capacity 10000");
        assertThat(Fapilog.builder().queueCapacity(FapilogConfig.MAX_QUEUE_SLOTS - 1000).queueReserve(1000).build()
.queue().capacity()).isEqualTo(FapilogConfig.MAX_QUEUE_SLOTS - 1000);
    }
}
