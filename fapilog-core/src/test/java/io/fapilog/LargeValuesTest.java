package io.fapilog;

import io.fapilog.config.EncodingLimits;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queued event holds what the encoders will write of a huge value, not the value: with a sink
 * that is stuck, a burst of megabyte strings must not pin them all in the heap.
 */
class LargeValuesTest {

    @Test
    void aQueuedEventDoesNotHoldTheCallersHugeString() throws Exception {
        TestSinks.GatedSink sink = new TestSinks.GatedSink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        Logger log = runtime.getLogger("bodies");
        log.info("first"); // holds the worker in the sink
        sink.awaitBlocked();

        WeakReference<String> body = logHugeBody(log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (body.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(body.get()).as("the caller's string, still held by the queued event").isNull();

        sink.open();
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(sink.lines()).hasSize(2);
        String data = TestSinks.parse(sink.lines()).get(1).get("data").get("body").asString();
        int limit = EncodingLimits.DEFAULT.maxStringLength();
        int kept = limit - "…[truncated  chars]".length() - "1000000".length();
        assertThat(data).hasSizeLessThanOrEqualTo(limit).isEqualTo("x".repeat(kept) + "…[truncated " + (1_000_000 - kept) + " chars]");
    }

    private static WeakReference<String> logHugeBody(Logger log) {
        String body = "x".repeat(1_000_000);
        log.info("request", "body", body);
        return new WeakReference<>(body);
    }
}
