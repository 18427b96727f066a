package io.fapilog;

import io.fapilog.config.TimestampPrecision;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock is read at the call to the configured precision, in every mode. */
class TimestampPrecisionRuntimeTest {

    private static List<Instant> logThree(TimestampPrecision precision, ExecutionMode mode, List<Instant> before,
                                          List<Instant> after, InMemorySink sink) throws Exception {
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink)
                .timestampPrecision(precision).shutdownHook(false).start();
        for (int i = 0; i < 3; i++) {
            before.add(Instant.now().truncatedTo(ChronoUnit.MICROS));
            if (mode == ExecutionMode.ASYNC) {
                runtime.getAsyncLogger("t").info("e", "i", i).block(Duration.ofSeconds(10));
            } else {
                runtime.getLogger("t").info("e", "i", i);
            }
            after.add(Instant.now());
        }
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(result.processed()).isEqualTo(3);
        return TestSinks.parse(sink.lines()).stream().map(line -> Instant.parse(line.get("timestamp").asString())).toList();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = {"THREAD", "ASYNC"})
    void microsecondsAreTheTimeOfTheCall(ExecutionMode mode) throws Exception {
        InMemorySink sink = new InMemorySink();
        List<Instant> before = new java.util.ArrayList<>();
        List<Instant> after = new java.util.ArrayList<>();
        List<Instant> stamps = logThree(TimestampPrecision.MICROS, mode, before, after, sink);
        assertThat(sink.lines()).allMatch(line -> line.matches(".*\"timestamp\":\"[0-9T:.-]+\\.\\d{6}Z\".*"));
        for (int i = 0; i < 3; i++) {
            assertThat(stamps.get(i)).isBetween(before.get(i), after.get(i));
        }
    }

    @Test
    void millisecondsByDefault() throws Exception {
        InMemorySink sink = new InMemorySink();
        List<Instant> before = new java.util.ArrayList<>();
        List<Instant> after = new java.util.ArrayList<>();
        List<Instant> stamps = logThree(TimestampPrecision.MILLIS, ExecutionMode.THREAD, before, after, sink);
        assertThat(sink.lines()).allMatch(line -> line.matches(".*\"timestamp\":\"[0-9T:.-]+\\.\\d{3}Z\".*"));
        for (int i = 0; i < 3; i++) {
            assertThat(stamps.get(i)).isBetween(before.get(i).truncatedTo(ChronoUnit.MILLIS), after.get(i));
        }
    }
}
