package io.fapilog.internal.encoding;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Formats epoch milliseconds or microseconds without allocating: the text up to the second is
 * computed once per second and cached, then only the fraction is appended. Not thread-safe.
 */
final class TimestampFormat {

    private final ZoneId zone;
    private final boolean iso;
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] prefix;

    private TimestampFormat(ZoneId zone, boolean iso) {
        this.zone = zone;
        this.iso = iso;
    }

    /** ISO-8601 in UTC with milliseconds: {@code 2026-11-23T20:17:04.488Z}. */
    static TimestampFormat isoUtc() {
        return new TimestampFormat(ZoneOffset.UTC, true);
    }

    /** Time of day in the zone: {@code 20:17:04.488}. */
    static TimestampFormat timeOfDay(ZoneId zone) {
        return new TimestampFormat(zone, false);
    }

    /** Appends the text with milliseconds, without quotes. */
    void write(long epochMillis, JsonBuffer out) {
        write(Math.floorDiv(epochMillis, 1000), (int) Math.floorMod(epochMillis, 1000), 3, out);
    }

    /** Appends the text with microseconds, without quotes. */
    void writeMicros(long epochMicros, JsonBuffer out) {
        write(Math.floorDiv(epochMicros, 1_000_000), (int) Math.floorMod(epochMicros, 1_000_000), 6, out);
    }

    private void write(long second, int fraction, int digits, JsonBuffer out) {
        if (second != cachedSecond) {
            prefix = prefix(second).getBytes(StandardCharsets.US_ASCII);
            cachedSecond = second;
        }
        out.raw(prefix, 0, prefix.length);
        out.digits(fraction, digits);
        if (iso) {
            out.raw((byte) 'Z');
        }
    }

    private String prefix(long second) {
        ZoneOffset offset = zone instanceof ZoneOffset fixed ? fixed : zone.getRules().getOffset(Instant.ofEpochSecond(second));
        LocalDateTime time = LocalDateTime.ofEpochSecond(second, 0, offset);
        StringBuilder text = new StringBuilder(24);
        if (iso) {
            int year = time.getYear();
            if (year > 9999) {
                text.append('+');
            } else if (year < 0) {
                text.append('-');
            }
            pad(text, Math.abs(year), 4).append('-');
            pad(text, time.getMonthValue(), 2).append('-');
            pad(text, time.getDayOfMonth(), 2).append('T');
        }
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        return pad(text, time.getSecond(), 2).append('.').toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
