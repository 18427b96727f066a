package io.fapilog.demo;

import io.fapilog.AsyncLogger;
import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.internal.engine.ReactorSupport;
import io.fapilog.spi.Sink;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Shows the core without Spring: a few events on stdout in THREAD mode, then a rough throughput
 * figure per execution mode, writing to a sink that counts bytes. The real comparison with Log4j2
 * and Logback is in {@code fapilog-benchmarks}.
 *
 * <pre>./mvnw -q -pl fapilog-core exec:java</pre>
 */
public final class CoreDemo {

    private static final int EVENTS_PER_THREAD = 1_000_000;
    private static final int THREADS = 2;

    private CoreDemo() {
    }

    public static void main(String[] args) throws Exception {
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).service("core-demo", "local", "0.1.0")
                .shutdownHook(false).start()) {
            Logger log = runtime.getLogger("demo");
            log.info("Processing item", "item_id", 42, "size", 10);
            log.bind("request_id", "7f3c").warn("Login with a secret", "password", "hunter2");
            log.error("Charge failed", new IllegalStateException("card declined"), "order_id", 7);
            System.out.flush();
        }
        System.err.printf("%nThroughput, %d threads x %,d events, JSON to a counting null sink:%n",
                THREADS, EVENTS_PER_THREAD);
        measure("THREAD", false);
        if (ReactorSupport.isPresent()) {
            measure("ASYNC", true);
        }
    }

    private static void measure(String mode, boolean async) throws Exception {
        CountingSink sink = new CountingSink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).queueCapacity(65_536)
                .shutdownHook(false).start();
        CountDownLatch done = new CountDownLatch(THREADS);
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            Thread producer = new Thread(() -> {
                if (async) {
                    // Chained, as reactive code does: each call waits for the previous one's Mono,
                    // so a full queue slows this producer down instead of dropping its events.
                    AsyncLogger log = runtime.getAsyncLogger("bench");
                    reactor.core.publisher.Flux.range(0, EVENTS_PER_THREAD)
                            .concatMap(i -> log.info("Processing item", "user", "alice", "item_id", i, "size", 10L))
                            .blockLast();
                } else {
                    Logger log = runtime.getLogger("bench");
                    for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                        log.info("Processing item", "user", "alice", "item_id", i, "size", 10L);
                    }
                }
                done.countDown();
            });
            producer.start();
        }
        done.await();
        DrainResult result = runtime.stopAndDrain().get(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("  %-6s %,12.0f events/s end to end  (processed %,d, dropped %,d, %,d bytes written)%n",
                mode, result.processed() / seconds, result.processed(), result.dropped(), sink.bytes.sum());
    }

    /** Consumes the bytes (so nothing is optimised away) without doing I/O. */
    private static final class CountingSink implements Sink {
        final LongAdder bytes = new LongAdder();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void write(EncodedBatch batch) {
            bytes.add(batch.length());
        }
    }
}
