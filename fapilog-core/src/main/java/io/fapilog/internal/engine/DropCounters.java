package io.fapilog.internal.engine;

import io.fapilog.DropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Dropped events by reason. Incremented on the rare paths only. */
final class DropCounters {

    private final LongAdder[] counters = new LongAdder[DropReason.values().length];

    DropCounters() {
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
    }

    void increment(DropReason reason) {
        counters[reason.ordinal()].increment();
    }

    long total() {
        long total = 0;
        for (LongAdder counter : counters) {
            total += counter.sum();
        }
        return total;
    }

    Map<DropReason, Long> byReason() {
        Map<DropReason, Long> map = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            map.put(reason, counters[reason.ordinal()].sum());
        }
        return map;
    }
}
