package io.fapilog.config;

import io.fapilog.internal.engine.Enums;
import io.fapilog.Level;

import java.time.Duration;
import java.util.Set;

/**
 * The queue between callers and workers ({@code fapilog.queue.*}).
 *
 * @param capacity events the queue holds for ordinary levels, across all workers
 * @param reserve extra slots only protected levels may use
 * @param fullPolicy what a caller does when the queue is full
 * @param waitTimeout the longest a caller's event waits for room under the {@code wait} policy
 * @param protectedLevels levels that may use the reserve
 * @param maxBytes the bytes the queued events' large values may hold together (see {@link #defaultMaxBytes})
 */
public record QueueSettings(int capacity, int reserve, FullPolicy fullPolicy, Duration waitTimeout,
                            Set<Level> protectedLevels, long maxBytes) {

    /** The most events the queue may hold, ordinary and protected together (2^26). */
    public static final int MAX_SLOTS = 1 << 26;

    /** With the default {@code max-bytes}. */
    public QueueSettings(int capacity, int reserve, FullPolicy fullPolicy, Duration waitTimeout,
                         Set<Level> protectedLevels) {
        this(capacity, reserve, fullPolicy, waitTimeout, protectedLevels, defaultMaxBytes());
    }

    /**
     * The default {@code queue.max-bytes}: a tenth of the heap the JVM may use ({@code -Xmx}, or
     * what it chose from the container's memory), so that a burst of large events cannot fill it.
     */
    public static long defaultMaxBytes() {
        return Runtime.getRuntime().maxMemory() / 10;
    }

    public QueueSettings {
        InvalidSettingException.require(fullPolicy != null, "fapilog.queue.full-policy", null,
                "one of: " + Enums.allowedValues(FullPolicy.class));
        InvalidSettingException.require(protectedLevels != null && !protectedLevels.contains(null),
                "fapilog.queue.protected-levels", protectedLevels == null ? null
                        : String.join(",", protectedLevels.stream().sorted(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                        .map(l -> l == null ? "" : l.name().toLowerCase(java.util.Locale.ROOT)).toList()),
                "levels, each one of: " + io.fapilog.Level.allowedValues());
        protectedLevels = Set.copyOf(protectedLevels);
        InvalidSettingException.require(capacity >= 1, "fapilog.queue.capacity", capacity, "a number >= 1");
        InvalidSettingException.require(reserve >= 0, "fapilog.queue.reserve", reserve, "a number >= 0");
        if ((long) capacity + reserve > MAX_SLOTS) { // names the one that is too large, the larger
            boolean reserveTooLarge = reserve > capacity;
            throw new InvalidSettingException(reserveTooLarge ? "fapilog.queue.reserve" : "fapilog.queue.capacity",
                    reserveTooLarge ? reserve : capacity, "a number such that fapilog.queue.capacity + fapilog.queue.reserve <= "
                            + MAX_SLOTS + " (" + (reserveTooLarge ? "capacity " + capacity : "reserve " + reserve) + ")");
        }
        InvalidSettingException.requireDuration("fapilog.queue.wait-timeout", waitTimeout, true);
        InvalidSettingException.require(maxBytes >= 1, "fapilog.queue.max-bytes", maxBytes, "a size >= 1B");
    }
}
