package io.fapilog.internal.sinks;

import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.EncodedBatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Partial writes on a stream: never a torn line before another, never a duplicate after a retry. */
class StreamSinkFaultsTest {

    /** Accepts {@code failAfter} bytes, then fails the next write call once (a broken pipe, EAGAIN), then accepts all. */
    static final class FlakyChannel implements WritableByteChannel {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private int budget;
        private int failures;

        FlakyChannel(int failAfter, int failures) {
            this.budget = failAfter;
            this.failures = failures;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (budget == 0 && failures > 0) {
                failures--;
                throw new IOException("Resource temporarily unavailable");
            }
            int n = failures > 0 ? Math.min(budget, src.remaining()) : src.remaining();
            byte[] chunk = new byte[n];
            src.get(chunk);
            written.write(chunk, 0, n);
            if (failures > 0) {
                budget -= n;
            }
            return n;
        }

        List<String> lines() {
            String text = written.toString(StandardCharsets.UTF_8);
            assertThat(text).as("ends with a whole line").matches("|(?s).*\n");
            List<String> lines = text.lines().toList();
            lines.forEach(JsonMapper.builder().build()::readTree); // every line is valid JSON
            return lines;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static List<String> json(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"seq\":" + i + ",\"msg\":\"event " + i + "\"}").toList();
    }

    @Test
    void aRetryResumesWhereTheFailedWriteStoppedSoNoLineIsTornOrDoubled() throws Exception {
        FlakyChannel channel = new FlakyChannel(40, 1); // stops inside the second line
        ResilientSink sink = ResilientSink.builder(new StreamSink("stdout-json", channel))
                .settings(new CircuitBreakerSettings(2, Duration.ZERO, 5, Duration.ofSeconds(30), false)).build();
        sink.write(TestBatches.of(json(0, 3)));
        sink.write(TestBatches.of(json(3, 5)));
        assertThat(channel.lines()).containsExactlyElementsOf(json(0, 5));
        assertThat(sink.errorCount()).as("one transient error costs one retry, not the sink").isEqualTo(1);
        assertThat(sink.health().healthy()).isTrue();
    }

    @Test
    void aBatchThatWentToTheFallbackHasItsTornLineCompletedBeforeTheNextBatch() throws Exception {
        FlakyChannel channel = new FlakyChannel(40, 1);
        InMemorySink fallback = new InMemorySink("fallback");
        ResilientSink sink = ResilientSink.builder(new StreamSink("stdout-json", channel)).fallback(fallback)
                .settings(new CircuitBreakerSettings(0, Duration.ZERO, 5, Duration.ofSeconds(30), true)).build();
        sink.write(TestBatches.of(json(0, 3)));
        sink.write(TestBatches.of(json(3, 5)));
        assertThat(fallback.lines()).containsExactlyElementsOf(json(0, 3));
        List<String> expected = new java.util.ArrayList<>(json(0, 2));
        expected.addAll(json(3, 5));
        assertThat(channel.lines()).containsExactlyElementsOf(expected);
    }

    @Test
    void standardOutputIsTheFileDescriptorOnlyWhileTheJvmsOwnStreamIsInPlace() {
        WritableByteChannel fd = new FlakyChannel(0, 0);
        PrintStream jvms = new PrintStream(new ByteArrayOutputStream());
        PrintStream capture = new PrintStream(new ByteArrayOutputStream()) {
        };
        assertThat(StreamSink.current(jvms, jvms, fd)).isSameAs(fd);
        assertThat(StreamSink.current(capture, jvms, fd)).isSameAs(capture);
        assertThat(StreamSink.current(capture, capture, fd)).as("a capturing subclass is never bypassed").isSameAs(capture);
    }

    @Test
    void batchesAreWrittenWholeThroughAChannel() throws Exception {
        FlakyChannel channel = new FlakyChannel(0, 0);
        StreamSink sink = new StreamSink("s", channel);
        EncodedBatch batch = TestBatches.of(json(0, 100));
        sink.write(batch);
        assertThat(channel.lines()).containsExactlyElementsOf(json(0, 100));
    }
}
