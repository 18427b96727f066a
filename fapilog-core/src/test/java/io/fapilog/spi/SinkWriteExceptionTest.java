package io.fapilog.spi;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a sink's failure says in notices and health: which events failed, without a number for each of thousands. */
class SinkWriteExceptionTest {

    @Test
    void aFewFailedEventsAreListed() {
        assertThat(new SinkWriteException("2 of 3 records not acknowledged", null, new int[] {0, 2}))
                .hasToString("io.fapilog.spi.SinkWriteException: 2 of 3 records not acknowledged (events [0, 2])");
    }

    /** An OTLP export of 105 failed records made a notice of 713 characters; a merged batch of 256 KiB one of thousands of numbers. */
    @Test
    void manyFailedEventsAreCountedAndTheFirstTenListed() {
        int[] failed = IntStream.range(0, 105).toArray();

        assertThat(new SinkWriteException("export failed", null, failed)).hasToString(
                "io.fapilog.spi.SinkWriteException: export failed (105 events: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...])");
    }
}
