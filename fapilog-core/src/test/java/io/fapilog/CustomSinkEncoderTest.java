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
