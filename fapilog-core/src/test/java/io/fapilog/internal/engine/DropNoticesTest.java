package io.fapilog.internal.engine;

import io.fapilog.DropReason;
import io.fapilog.EngineStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DropNoticesTest {

    private final Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
    private final List<String> notices = new ArrayList<>();
    private long trimmed;
    private final DropNotices dropNotices = new DropNotices(this::stats, "fapilog.queue.capacity=10",
            "fapilog.queue.max-bytes=1MB", notices::add);

    private EngineStats stats() {
        long dropped = byReason.values().stream().mapToLong(Long::longValue).sum();
        return new EngineStats(100 + dropped, 100, dropped, new EnumMap<>(byReason), 0, 0, 10, 10, trimmed, 0, 0, 0);
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    @Test
    void theFirstDropsAreToldAtOnceThenAtMostOnceAMinuteWhileDropsGoOn() {
        dropNotices.check(seconds(1));
        assertThat(notices).as("nothing dropped, nothing said").isEmpty();

        byReason.put(DropReason.QUEUE_FULL, 5L);
        dropNotices.check(seconds(2));
        assertThat(notices).containsExactly("fapilog: 5 events dropped so far (queue_full 5; fapilog.queue.capacity=10), "
                + "counted in fapilog.events.dropped; said again at most once a minute while events are dropped");

        byReason.put(DropReason.WAIT_TIMEOUT, 4L);
        dropNotices.check(seconds(32));
        assertThat(notices).as("within the minute").hasSize(1);

        dropNotices.check(seconds(62));
        assertThat(notices).hasSize(2);
        assertThat(notices.get(1)).startsWith("fapilog: 9 events dropped so far (queue_full 5, wait_timeout 4; ");

        dropNotices.check(seconds(300));
        assertThat(notices).as("no drop since").hasSize(2);
    }

    /** A program that ends right after its drops (the minute not over, or before the workers' first look) still tells them. */
    @Test
    void theDrainTellsTheDropsNoNoticeCountedYet() {
        dropNotices.atDrain();
        assertThat(notices).as("nothing dropped, nothing said").isEmpty();

        byReason.put(DropReason.QUEUE_FULL, 5L);
        dropNotices.check(seconds(2));
        byReason.put(DropReason.WAIT_TIMEOUT, 4L);
        dropNotices.check(seconds(3));
        assertThat(notices).hasSize(1);

        dropNotices.atDrain();
        assertThat(notices).hasSize(2);
        assertThat(notices.get(1)).isEqualTo("fapilog: 9 events dropped in all (queue_full 5, wait_timeout 4; "
                + "fapilog.queue.capacity=10), counted in fapilog.events.dropped; the engine is drained");

        dropNotices.atDrain();
        assertThat(notices).as("told already").hasSize(2);
    }

    /** Events trimmed for the queue's memory budget are told as drops are, on a reminder of their own. */
    @Test
    void trimmedEventsAreToldOnAReminderOfTheirOwn() {
        trimmed = 3;
        dropNotices.check(seconds(1));
        assertThat(notices).containsExactly("fapilog: 3 events trimmed so far, their large values cut to 512 characters and 16 elements (a stack trace's frames too),"
                + " as the queued events' large values held the queue's memory budget (fapilog.queue.max-bytes=1MB);"
                + " written, and counted in fapilog.events.trimmed; said again at most once a minute while events are trimmed");

        byReason.put(DropReason.QUEUE_FULL, 5L);
        trimmed = 7;
        dropNotices.check(seconds(2));
        assertThat(notices).as("the drops' first notice; the trims' within their minute").hasSize(2);
        assertThat(notices.get(1)).startsWith("fapilog: 5 events dropped so far");

        dropNotices.atDrain();
        assertThat(notices).hasSize(3);
        assertThat(notices.get(2)).startsWith("fapilog: 7 events trimmed in all, ").endsWith("; the engine is drained");
    }

    @Test
    void sizesAreNamedAsAPropertyWouldGiveThem() {
        assertThat(DropNotices.size(64L << 20)).isEqualTo("64MB");
        assertThat(DropNotices.size(1536L << 10)).isEqualTo("1536KB");
        assertThat(DropNotices.size(1000)).isEqualTo("1000B");
        assertThat(DropNotices.size(13_421_772)).isEqualTo("13421772B, about 12.8MB");
    }
}
