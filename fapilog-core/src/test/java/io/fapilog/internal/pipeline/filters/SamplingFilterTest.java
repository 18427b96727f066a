package io.fapilog.internal.pipeline.filters;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SamplingFilterTest {

    /** 0.0, 0.1, ... 0.9, 0.0, ...: exactly a tenth of the draws per step. */
    private static DoubleSupplier cycleOfTenths() {
        AtomicInteger draws = new AtomicInteger();
        return () -> (draws.getAndIncrement() % 10) / 10.0;
    }

    private static LogEvent event(Level level) {
        return LogEvent.of(0, level, "test", "message");
    }

    @Test
    void keepsTheRateOfEventsBelowWarn() {
        SamplingFilter filter = new SamplingFilter(0.3, cycleOfTenths());

        long kept = IntStream.range(0, 100).filter(i -> filter.test(event(i % 2 == 0 ? Level.INFO : Level.DEBUG))).count();

        assertThat(kept).isEqualTo(30);
    }

    @ParameterizedTest
    @EnumSource(value = Level.class, names = {"WARN", "ERROR", "CRITICAL", "AUDIT", "SECURITY"})
    void alwaysKeepsWarnAndAboveWithoutDrawing(Level level) {
        SamplingFilter filter = new SamplingFilter(0, () -> {
            throw new AssertionError("no draw expected");
        });

        assertThat(filter.test(event(level))).isTrue();
    }

    @Test
    void rateZeroDropsEverythingBelowWarnAndRateOneKeepsEverything() {
        assertThat(new SamplingFilter(0, cycleOfTenths()).test(event(Level.INFO))).isFalse();
        SamplingFilter all = new SamplingFilter(1, cycleOfTenths());
        assertThat(IntStream.range(0, 20).allMatch(i -> all.test(event(Level.TRACE)))).isTrue();
    }

    @Test
    void defaultRandomKeepsRoughlyTheRate() {
        SamplingFilter filter = new SamplingFilter(0.5);

        long kept = IntStream.range(0, 10_000).filter(i -> filter.test(event(Level.INFO))).count();

        assertThat(kept).isBetween(4_000L, 6_000L);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.01, Double.NaN})
    void rejectsARateOutsideZeroToOne(double rate) {
        assertThatIllegalArgumentException().isThrownBy(() -> new SamplingFilter(rate)).withMessageContaining("[0, 1]");
    }
}
