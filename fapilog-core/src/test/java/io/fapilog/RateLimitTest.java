package io.fapilog;

import io.fapilog.spi.LogBridge;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fapilog.rate-limit.*} as applications meet it: events logged under the rate are all written,
 * also when the worker meets them in one clump (behind a sink that took a while).
 */
class RateLimitTest {

    /**
     * 100 events logged 10 ms apart under a limit of 100 a second (burst 1), while the sink holds its
     * first write: the worker meets them together once it returns. Before, the bucket was read at the
     * worker's time, and all 99 queued behind the held write were counted as filtered.
     */
    @Test
    void eventsLoggedUnderTheRateAreWrittenWhenASlowSinkMakesTheWorkerMeetThemTogether() throws Exception {
        TestSinks.GatedSink sink = TestSinks.GatedSink.holdingFirstWriteOnly();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .rateLimit(100, 1).shutdownHook(false).start();
        LogBridge bridge = runtime.bridge();
        long loggedAt = System.currentTimeMillis();
        bridge.submit(loggedAt, Level.INFO, "orders", "event 0", null, "main", null, null, List.of());
        sink.awaitBlocked();
        for (int i = 1; i < 100; i++) {
            bridge.submit(loggedAt + 10L * i, Level.INFO, "orders", "event " + i, null, "main", null, null, List.of());
        }
        sink.open();
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(result.submitted()).isEqualTo(100);
        assertThat(result.filtered()).isZero();
        assertThat(result.processed()).isEqualTo(100);
        assertThat(sink.lines()).hasSize(100);
    }
}
