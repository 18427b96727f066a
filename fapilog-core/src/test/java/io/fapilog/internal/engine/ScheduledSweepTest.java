package io.fapilog.internal.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sweep schedule: one pass at a time, never none while something waits. */
class ScheduledSweepTest {

    private static final long RECHECK = 50_000_000;

    /** Records what is scheduled instead of running it. */
    private static final class RecordingTimer implements SweepTimer {
        final List<Long> delays = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void schedule(Runnable task, long delayNanos) {
            delays.add(delayNanos);
            tasks.add(task);
        }
    }

    @Test
    void aPassThatFindsNothingDueComesBackWhileSomethingIsPending() {
        RecordingTimer timer = new RecordingTimer();
        AtomicBoolean pending = new AtomicBoolean(true);
        ScheduledSweep sweep = new ScheduledSweep(timer, () -> -1, pending::get, RECHECK);

        sweep.request(10);
        sweep.request(20);  // one scheduled already
        assertThat(timer.delays).containsExactly(10L);
        // An event became pending while the pass ran, and its caller's request found the pass scheduled.
        sweep.run();
        assertThat(timer.delays).containsExactly(10L, RECHECK);

        pending.set(false);
        sweep.run();
        assertThat(timer.delays).hasSize(2);  // nothing pending: no more passes
        sweep.request(30);
        assertThat(timer.delays).containsExactly(10L, RECHECK, 30L);
    }

    @Test
    void theNextPassComesAtTheDeadlineThePassFoundButNotSoonerThanTheMinimumPause() {
        RecordingTimer timer = new RecordingTimer();
        AtomicLong next = new AtomicLong(5);
        ScheduledSweep sweep = new ScheduledSweep(timer, next::get, () -> true, RECHECK);

        sweep.run();
        next.set(7_000_000);
        sweep.run();
        assertThat(timer.delays).containsExactly(WaitingLine.MIN_SWEEP_NANOS, 7_000_000L);
    }

    @Test
    void aPassThatThrowsLeavesTheScheduleFreeAndStillComesBackForWhatIsPending() {
        RecordingTimer timer = new RecordingTimer();
        AtomicBoolean pending = new AtomicBoolean(false);
        ScheduledSweep sweep = new ScheduledSweep(timer, () -> {
            throw new IllegalStateException("a waiter threw");
        }, pending::get, RECHECK);
        sweep.request(10);

        assertThatThrownBy(sweep::run).isInstanceOf(IllegalStateException.class);
        sweep.request(20);
        assertThat(timer.delays).containsExactly(10L, 20L);

        pending.set(true);
        assertThatThrownBy(sweep::run).isInstanceOf(IllegalStateException.class);
        assertThat(timer.delays).containsExactly(10L, 20L, RECHECK);
    }
}
