package io.fapilog.internal.sinks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The notices share one budget of a line a minute, and each line counts what the others would have said. */
class SinkFailureNoticesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    private final List<String> lines = new ArrayList<>();
    private final SinkFailureNotices notices = new SinkFailureNotices(lines::add, clock);

    /** Before, the spill notice reset the rejected events it did not mention: 7 rejections were never told. */
    @Test
    void aSpillNoticeAlsoCountsTheRejectionsSinceTheLastNotice() {
        notices.rejected("kafka", "RecordTooLargeException", 50);
        notices.rejected("kafka", "RecordTooLargeException", 7);
        notices.spilled("kafka", 3, "too slow");
        clock.advance(Duration.ofSeconds(61));
        notices.spilled("kafka", 1, "too slow");

        assertThat(lines).containsExactly(
                "fapilog: sink 'kafka' rejected 50 events so far: RecordTooLargeException; rejected events go to its"
                        + " fallback, the others were written",
                "fapilog: sink 'kafka' did not take 4 events in time (and 7 events rejected) in the last minute: too slow;"
                        + " they went to its fallback, as will later ones it cannot take, told at most"
                        + " once a minute (fapilog.sink.fallback counts them all, the drain's line too)");
    }

    @Test
    void aRejectionNoticeAlsoCountsTheEventsNotTakenInTime() {
        notices.spilled("kafka", 1, "too slow");
        notices.spilled("kafka", 2, "too slow");
        clock.advance(Duration.ofSeconds(61));
        notices.rejected("kafka", "RecordTooLargeException", 1);

        assertThat(lines).element(1).isEqualTo("fapilog: sink 'kafka' rejected 1 event (and 2 events not taken in time)"
                + " in the last minute: RecordTooLargeException; rejected events go to its fallback, the others were written");
    }
}
