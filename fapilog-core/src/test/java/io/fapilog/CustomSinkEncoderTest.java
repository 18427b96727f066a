package io.fapilog;

import io.fapilog.config.CustomSink;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class CustomSinkEncoderTest {

    /** Keeps the records its encoder attached. */
    static final class RecordSink implements Sink {
        final List<Object> records = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "records";
        }

        @Override
        public void write(EncodedBatch batch) {
            for (int i = 0; i < batch.eventCount(); i++) {
                records.add(batch.record(i));
            }
        }
    }

    /**
     * A sink's encoder that leaves an event out (the Kafka sink's, for Kafka's own loggers) beside one
     * that fails on the same event: the failed event reaches no sink, and the line before it, in the
     * same batch, stays. Taking the failed event out of every buffer took that earlier line out of the
     * buffer the event never reached.
     */
    @Test
    void anEventAnEncoderLeftOutAndAnotherFailedOnTakesNoOtherLineWithIt() throws Exception {
        InMemorySink leaving = new InMemorySink("leaving");
        InMemorySink failing = new InMemorySink("failing");
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks()
                .sink(leaving, () -> (event, out) -> {
                    if (!event.loggerName().startsWith("client.")) {
                        out.append(event.message().getBytes(StandardCharsets.UTF_8), 0, event.message().length());
                        out.endEvent();
                    }
                })
                .sink(failing, () -> (event, out) -> {
                    if (event.loggerName().equals("client.boom")) {
                        throw new IllegalStateException("an encoder that fails");
                    }
                    out.append(event.message().getBytes(StandardCharsets.UTF_8), 0, event.message().length());
                    out.endEvent();
                })
                .filter(event -> {
                    if (event.message().equals("hold")) {  // the next two then wait in the queue: one batch
                        held.countDown();
                        awaitQuietly(release);
                    }
                    return true;
                })
                .shutdownHook(false).start();
        runtime.getLogger("app").info("hold");
        assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        runtime.getLogger("app").info("kept");
        runtime.getLogger("client.boom").info("failed");
        release.countDown();
        DrainResult result = runtime.stopAndDrain().get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(leaving.lines()).containsExactly("hold", "kept");
        assertThat(failing.lines()).containsExactly("hold", "kept");
        assertThat(result.processed()).isEqualTo(2);
        assertThat(runtime.stats().droppedByReason().get(DropReason.EVENT_FAILED)).isEqualTo(1);
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSinkAddedWithItsEncoderGetsThatEncodersLinesAndRecordsWhileOtherSinksKeepJson() {
        RecordSink records = new RecordSink();
        InMemorySink json = new InMemorySink("json");
        EncoderFactory upperCase = () -> (event, out) -> {
            byte[] line = event.message().toUpperCase().getBytes(StandardCharsets.UTF_8);
            out.append(line, 0, line.length);
            out.endEvent(event.level() + ":" + event.message());
        };
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .sink(records, upperCase).sink(json).start();

        Logger log = runtime.getLogger("custom");
        log.info("first");
        log.warn("second");
        DrainResult result = runtime.stopAndDrain().join();

        assertThat(result.processed()).isEqualTo(2);
        assertThat(records.records).containsExactly("INFO:first", "WARN:second");
        assertThat(json.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{"));
        assertThat(runtime.config().customSinks()).containsExactly(new CustomSink(records, upperCase), new CustomSink(json, null));
    }
}
