package io.fapilog.internal.pipeline.filters;

import io.fapilog.spi.LogEventView;
import io.fapilog.Level;
import io.fapilog.spi.Filter;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Keeps about {@code rate} of the events below {@code WARN}; {@code WARN} and above (so also
 * {@code AUDIT} and {@code SECURITY}) are always kept. Stateless apart from the random source, so
 * one instance may serve several workers.
 */
public final class SamplingFilter implements Filter {

    private final double rate;
    private final DoubleSupplier random;

    /** Samples with {@link ThreadLocalRandom}. */
    public SamplingFilter(double rate) {
        this(rate, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param rate share of events below WARN kept, in [0, 1]
     * @param random uniform numbers in [0, 1); an event is kept when the next one is below {@code rate}
     */
    public SamplingFilter(double rate, DoubleSupplier random) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("sampling rate must be in [0, 1]: " + rate);
        }
        this.rate = rate;
        this.random = random;
    }

    @Override
    public boolean test(LogEventView event) {
        return event.level().isAtLeast(Level.WARN) || random.getAsDouble() < rate;
    }
}
