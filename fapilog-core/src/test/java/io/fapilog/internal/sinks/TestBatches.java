package io.fapilog.internal.sinks;

import io.fapilog.spi.EncodedBatch;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds encoded batches from lines of text. */
final class TestBatches {

    private TestBatches() {
    }

    static EncodedBatch of(String... lines) {
        return of(List.of(lines));
    }

    static EncodedBatch of(List<String> lines) {
        EncodedBatch batch = new EncodedBatch();
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            batch.append(bytes, 0, bytes.length);
            batch.endEvent();
        }
        return batch;
    }
}
