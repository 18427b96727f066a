package io.fapilog.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness's wait for the consumer: parked until the consumer reaches the target, woken by it. */
class ConsumerCounterTest {

    private static final Duration NEVER = Duration.ofMinutes(10);
    private static final byte[] LINE = "{}\n".getBytes();

    @Test
    void aParkedWaiterIsWokenByTheConsumerThatReachesItsTarget() throws Exception {
        ConsumerCounter counter = new ConsumerCounter();
        Thread[] waiter = new Thread[1];
        CompletableFuture<Boolean> reached = onItsOwnThread(waiter, () -> counter.await(3, NEVER));
        awaitParked(waiter);
        counter.record(2, LINE, 0, LINE.length);
        assertThat(reached).isNotDone();  // its target is 3: it parked again
        awaitParked(waiter);
        counter.record(1, LINE, 0, LINE.length);

        // Without the consumer's wake-up it would sleep for ten minutes.
        assertThat(reached.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(counter.events()).isEqualTo(3);
    }

    @Test
    void twoWaitersWithTheirOwnTargetsEachReturnWhenTheirsIsReached() throws Exception {
        ConsumerCounter counter = new ConsumerCounter();
        Thread[] first = new Thread[1];
        Thread[] second = new Thread[1];
        CompletableFuture<Boolean> near = onItsOwnThread(first, () -> counter.await(1, NEVER));
        CompletableFuture<Boolean> far = onItsOwnThread(second, () -> counter.await(2, NEVER));
        awaitParked(first);
        awaitParked(second);

        counter.record(1);
        assertThat(near.get(30, TimeUnit.SECONDS)).isTrue();
        awaitParked(second);
        assertThat(far).isNotDone();
        counter.record(1);
        assertThat(far.get(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTargetNeverReachedTimesOut() {
        ConsumerCounter counter = new ConsumerCounter();
        counter.record(1);
        assertThat(counter.await(2, Duration.ofMillis(20))).isFalse();
        assertThat(counter.await(1, Duration.ofMillis(20))).isTrue();
    }

    /**
     * Runs {@code await} on a thread of its own, named in {@code thread}: not on the common pool,
     * whose one thread on a 2-core machine (Java 21+ runs its tasks there, not on a thread each)
     * the first waiter would hold while the second waited behind it.
     */
    private static CompletableFuture<Boolean> onItsOwnThread(Thread[] thread, BooleanSupplier await) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        thread[0] = new Thread(() -> result.complete(await.getAsBoolean()), "waiter");
        thread[0].setDaemon(true);
        thread[0].start();
        return result;
    }

    /** Polls, with a deadline, until the thread has parked in {@code await}. */
    private static void awaitParked(Thread[] thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread[0] == null || thread[0].getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime() - deadline).as("the waiter parks").isNegative();
            Thread.sleep(1);
        }
    }
}
