package io.fapilog;

import io.fapilog.config.TimestampPrecision;

import java.time.Instant;

/** Reads the time of a log call, in microseconds since the epoch, as precisely as the runtime writes it. */
final class CallClock {

    private final boolean micros;

    CallClock(TimestampPrecision precision) {
        this.micros = precision == TimestampPrecision.MICROS;
    }

    long nowMicros() {
        if (!micros) {
            return System.currentTimeMillis() * 1000;
        }
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
