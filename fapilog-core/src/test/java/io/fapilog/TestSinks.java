package io.fapilog;

import io.fapilog.spi.EncodedBatch;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test helpers: a sink that can be held shut, and JSON parsing of captured lines. */
public final class TestSinks {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private TestSinks() {
    }

    /** What a test sink does with a batch. */
    @FunctionalInterface
    public interface BatchWriter {
        void write(EncodedBatch batch) throws Exception;
    }

    /** A sink of this name that writes as {@code writer} does: all most test sinks need. */
    public static Sink writing(String name, BatchWriter writer) {
        return new Sink() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void write(EncodedBatch batch) throws Exception {
                writer.write(batch);
            }
        };
    }

    /** What {@code action} wrote on standard error, captured as UTF-8 while it ran. */
    public static String standardErrorOf(Runnable action) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static List<JsonNode> parse(List<String> lines) {
        return lines.stream().map(JSON::readTree).toList();
    }

    /**
     * The line of one event logged with {@code message} and {@code arguments} on a runtime of the
     * {@code production} preset, {@code afterTheCall} run right after the call (the caller going on),
     * once drained: checked to be the only event submitted, written, none dropped or filtered.
     */
    public static String loggedLine(Runnable afterTheCall, String message, Object... arguments) {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        runtime.getLogger("values").info(message, arguments);
        afterTheCall.run();
        DrainResult result = runtime.stopAndDrain(java.time.Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThat(result.processed()).isEqualTo(result.submitted()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(result.dropped() + result.filtered()).isZero();
        return sink.lines().get(0);
    }

    /** As {@link #loggedLine}, parsed. */
    public static JsonNode logged(Runnable afterTheCall, String message, Object... arguments) {
        return JSON.readTree(loggedLine(afterTheCall, message, arguments));
    }

    /** A remote sink whose writes hang until the sink is closed, and then fail: a collector that never answers. */
    public static final class HangsUntilClosedSink implements Sink {
        private final CountDownLatch writing = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "hangs";
        }

        @Override
        public boolean remote() {
            return true;
        }

        @Override
        public void write(EncodedBatch batch) throws Exception {
            writing.countDown();
            closed.await();
            throw new java.io.IOException("closed while writing");
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }

        /** Whether a write began within 10 s. */
        public boolean awaitWriting() throws InterruptedException {
            return writing.await(10, TimeUnit.SECONDS);
        }

        public int closes() {
            return closes.get();
        }
    }

    /** Captures into an {@link InMemorySink} but holds the first write until {@link #open()}. */
    public static final class GatedSink implements Sink {
        private final InMemorySink target = new InMemorySink();
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);
        private final boolean firstWriteOnly;
        private final java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean();

        public GatedSink() {
            this(false);
        }

        private GatedSink(boolean firstWriteOnly) {
            this.firstWriteOnly = firstWriteOnly;
        }

        /** Holds only the first write until {@link #open()}; later writes (another worker's) pass. */
        public static GatedSink holdingFirstWriteOnly() {
            return new GatedSink(true);
        }

        @Override
        public String name() {
            return "gated";
        }

        @Override
        public void write(EncodedBatch batch) throws Exception {
            if (!firstWriteOnly || held.compareAndSet(false, true)) {
                entered.countDown();
                gate.await();
            }
            target.write(batch);
        }

        /** Waits until a worker is stuck in {@link #write}. */
        public void awaitBlocked() throws InterruptedException {
            if (!entered.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no worker reached the sink");
            }
        }

        public void open() {
            gate.countDown();
        }

        public List<String> lines() {
            return target.lines();
        }

        public void awaitLines(int count) throws InterruptedException {
            if (!target.awaitSize(count, java.time.Duration.ofSeconds(10))) {
                throw new AssertionError("expected " + count + " lines, got " + target.size());
            }
        }
    }
}
