package io.fapilog.benchmarks.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WrittenBytesTest {

    private static final long MS = 1_000_000;

    @Test
    void theSecondHalfStartsWhereTheBytesCrossHalfwayInterpolatedBetweenSamples() {
        // 100 bytes at the start, 1,100 at the end: half of the 1,000 written is crossed at 600 bytes,
        // a quarter of the way from the sample at 10 ms (500 bytes) to the one at 14 ms (900 bytes).
        long[] times = {0, 10 * MS, 14 * MS, 20 * MS};
        long[] sizes = {100, 500, 900, 1_100};

        OptionalDouble rate = WrittenBytes.secondHalfLinesPerSecond(times, sizes, 100, 31 * MS, 1_100, 4_000);

        // 2,000 lines from 11 ms to 31 ms
        assertThat(rate).hasValueCloseTo(100_000.0, within(1e-6));
    }

    @Test
    void aSampleExactlyAtHalfIsTheStart() {
        OptionalDouble rate = WrittenBytes.secondHalfLinesPerSecond(new long[] {0, 5 * MS}, new long[] {0, 50}, 0,
                15 * MS, 100, 1_000);

        assertThat(rate).hasValueCloseTo(50_000.0, within(1e-6)); // 500 lines in 10 ms
    }

    @Test
    void noSampleAtHalfBeforeTheEndGivesNoRate() {
        assertThat(WrittenBytes.secondHalfLinesPerSecond(new long[] {0, MS}, new long[] {0, 10}, 0, 2 * MS, 100, 10))
                .isEmpty();
        assertThat(WrittenBytes.secondHalfLinesPerSecond(new long[0], new long[0], 0, MS, 100, 10)).isEmpty();
    }

    @Test
    void aDirectoryTargetSumsItsFilesRolledOnesIncluded(@TempDir Path directory) throws Exception {
        Files.write(directory.resolve("app.log"), new byte[300]);
        Files.write(directory.resolve("app.log.2026-12-03.1"), new byte[1_000]);

        try (WrittenBytes bytes = WrittenBytes.start(Target.FILE, directory).orElseThrow()) {
            assertThat(bytes.now()).isEqualTo(1_300);
            Files.write(directory.resolve("app.log"), new byte[500]);
            assertThat(bytes.now()).isEqualTo(1_500);
        }
    }
}
