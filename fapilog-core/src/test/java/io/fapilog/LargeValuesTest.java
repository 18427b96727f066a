package io.fapilog;

import io.fapilog.config.EncodingLimits;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queued event holds what the encoders will write of a huge value (twice that: redaction must see
 * a secret the cut would split), not the value: with a sink that is stuck, a burst of megabyte
 * strings must not pin them all in the heap; what is written is what it would have been.
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
        int limit = EncodingLimits.DEFAULT.maxStringLength(); // as written had the whole string reached the encoder
        assertThat(data).isEqualTo("x".repeat(limit) + "…[truncated " + (1_000_000 - limit) + " chars]");
    }

    /** A secret that the written part cuts in two is masked all the same: redaction sees it whole, the cut comes after. */
    @Test
    void aSecretAcrossTheCutIsMasked() throws Exception {
        io.fapilog.sinks.InMemorySink sink = new io.fapilog.sinks.InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.HARDENED).sinks().sink(sink).shutdownHook(false).start();
        int limit = EncodingLimits.DEFAULT.maxStringLength();
        String body = "x".repeat(limit - 5) + " 4111111111111111 " + "y".repeat(1_000_000);
        runtime.getLogger("bodies").info("request", "body", body);
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        String data = TestSinks.parse(sink.lines()).get(0).get("data").get("body").asString();
        assertThat(data).startsWith("x".repeat(limit - 5) + " ***").doesNotContain("4111");
    }

    private static WeakReference<String> logHugeBody(Logger log) {
        String body = "x".repeat(1_000_000);
        log.info("request", "body", body);
        return new WeakReference<>(body);
    }
}
