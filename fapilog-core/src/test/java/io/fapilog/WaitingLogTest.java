package io.fapilog;

import io.fapilog.internal.engine.WaitingRoom;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code Mono} of an ASYNC event that waits: completes once resolved, for every subscriber, exactly once. */
class WaitingLogTest {

    @Test
    void aSubscriberBeforeTheResolutionCompletesWhenItComes() {
        WaitingLog waiting = new WaitingLog();
        Recorder recorder = new Recorder();
        waiting.subscribe(recorder);
        assertThat(recorder.subscribed).isTrue();
        assertThat(recorder.completed.get()).isZero();
        assertThat(waiting.unheard()).isFalse();
        assertThat(waiting.resolvedQuietly()).as("somebody listens: not resolved in passing").isFalse();

        waiting.resolved();
        assertThat(recorder.completed.get()).isEqualTo(1);
        waiting.resolved();
        assertThat(recorder.completed.get()).as("resolved once").isEqualTo(1);
    }

    @Test
    void aSubscriberAfterTheResolutionCompletesAtOnce() {
        WaitingLog waiting = new WaitingLog();
        assertThat(waiting.unheard()).isTrue();
        assertThat(waiting.resolvedQuietly()).isTrue();
        assertThat(waiting.mono().block(Duration.ofSeconds(1))).isNull();
        Recorder recorder = new Recorder();
        waiting.subscribe(recorder);
        assertThat(recorder.subscribed).isTrue();
        assertThat(recorder.completed.get()).isEqualTo(1);
    }

    /** Seated in a waiting room: the first subscriber asks to be told, or, if the room says it is too late, completes at once. */
    @Test
    void seatedInAWaitingRoomTheFirstSubscriberListensThere() {
        List<Long> asked = new ArrayList<>();
        WaitingRoom admittedAlready = index -> {
            asked.add(index);
            return false;
        };
        WaitingLog late = new WaitingLog();
        assertThat(late.seated(admittedAlready, 42)).isTrue();
        Recorder first = new Recorder();
        late.subscribe(first);
        Recorder second = new Recorder();
        late.subscribe(second);
        assertThat(asked).containsExactly(42L);
        assertThat(first.completed.get()).isEqualTo(1);
        assertThat(second.completed.get()).isEqualTo(1);

        WaitingRoom waiting = index -> true;
        WaitingLog early = new WaitingLog();
        early.seated(waiting, 42);
        Recorder recorder = new Recorder();
        early.subscribe(recorder);
        assertThat(recorder.completed.get()).isZero();
        early.resolved();
        assertThat(recorder.completed.get()).isEqualTo(1);
    }

    @Test
    void everySubscriberCompletesAndACancelledOneIsNotTold() {
        WaitingLog waiting = new WaitingLog();
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            waiting.subscribe(recorder);
        }
        recorders.get(1).subscription.cancel();
        waiting.resolved();
        assertThat(recorders).extracting(r -> r.completed.get()).containsExactly(1, 0, 1);
    }

    @Test
    void aSubscriberThatThrowsKeepsNoneOfTheOthersFromHearing() {
        WaitingLog waiting = new WaitingLog();
        Recorder before = new Recorder();
        waiting.subscribe(before);
        Recorder throwing = new Recorder() {
            @Override
            public void onComplete() {
                super.onComplete();
                throw new IllegalStateException("the caller's chain fails");
            }
        };
        waiting.subscribe(throwing);
        Recorder after = new Recorder();
        waiting.subscribe(after);

        assertThatThrownBy(waiting::resolved).hasMessage("the caller's chain fails");
        assertThat(throwing.completed.get()).isEqualTo(1);
        assertThat(before.completed.get()).isEqualTo(1);
        assertThat(after.completed.get()).isEqualTo(1);
    }

    @Test
    void aSubscriberCancelledInTheWaitingRoomLeavesItListeningForTheNext() {
        List<Long> asked = new ArrayList<>();
        WaitingLog waiting = new WaitingLog();
        waiting.seated(index -> asked.add(index), 7);
        Recorder cancelled = new Recorder();
        waiting.subscribe(cancelled);
        cancelled.subscription.cancel();
        Recorder next = new Recorder();
        waiting.subscribe(next);
        assertThat(asked).as("the room is asked once").containsExactly(7L);

        waiting.resolved();
        assertThat(cancelled.completed.get()).isZero();
        assertThat(next.completed.get()).isEqualTo(1);
    }

    @Test
    void subscribersAreToldInTheOrderTheySubscribed() {
        WaitingLog waiting = new WaitingLog();
        List<Integer> told = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int order = i;
            waiting.mono().doOnSuccess(unused -> told.add(order)).subscribe();
        }
        waiting.resolved();
        assertThat(told).containsExactly(0, 1, 2);
    }

    /** Cancelled in {@code onSubscribe} while the event was resolved: never told, as a cancelled subscriber must not be. */
    @Test
    void aSubscriberThatCancelsAsTheEventIsResolvedIsNotTold() {
        WaitingLog waiting = new WaitingLog();
        waiting.subscribe(new Recorder());  // somebody listens, so the resolution below tells
        Recorder cancelling = new Recorder() {
            @Override
            public void onSubscribe(Subscription s) {
                super.onSubscribe(s);
                s.cancel();
                waiting.resolved();  // the resolution lands between its onSubscribe and its swap
            }
        };
        waiting.subscribe(cancelling);
        assertThat(cancelling.completed.get()).isZero();
    }

    /**
     * In the waiting room, resolved before the first subscriber listened: it is told on its own
     * thread, and a second subscriber's failure there is not thrown at it.
     */
    @Test
    void aSubscriberToldOnItsOwnThreadDoesNotReceiveAnotherSubscribersFailure() {
        WaitingLog waiting = new WaitingLog();
        Recorder throwing = new Recorder() {
            @Override
            public void onComplete() {
                super.onComplete();
                throw new IllegalStateException("the other caller's chain fails");
            }
        };
        waiting.seated(index -> {
            waiting.subscribe(throwing);  // subscribes between the first one's swap and its listening
            return false;
        }, 3);
        Recorder first = new Recorder();
        List<Throwable> errors = new ArrayList<>();
        reactor.core.publisher.Hooks.onErrorDropped(errors::add);
        try {
            waiting.subscribe(first);
        } finally {
            reactor.core.publisher.Hooks.resetOnErrorDropped();
        }
        assertThat(first.completed.get()).isEqualTo(1);
        assertThat(throwing.completed.get()).isEqualTo(1);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("the other caller's chain fails");
    }

    @Test
    void chainsBuiltOnItRunAfterTheResolution() {
        WaitingLog waiting = new WaitingLog();
        AtomicInteger after = new AtomicInteger();
        waiting.mono().then(Mono.fromRunnable(after::incrementAndGet)).subscribe();
        assertThat(after.get()).isZero();
        waiting.resolved();
        assertThat(after.get()).isEqualTo(1);
    }

    /** Subscribers racing with the resolution, 2,000 times on 4 threads: each completes exactly once. */
    @Test
    void subscribersRacingWithTheResolutionEachCompleteExactlyOnce() throws Exception {
        int subscribers = 3;
        ExecutorService threads = Executors.newFixedThreadPool(subscribers + 1);
        try {
            race(threads, subscribers);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void race(ExecutorService threads, int subscribers) throws InterruptedException {
        for (int round = 0; round < 2_000; round++) {
            WaitingLog waiting = new WaitingLog();
            List<Recorder> recorders = new ArrayList<>();
            CyclicBarrier start = new CyclicBarrier(subscribers + 1);
            CountDownLatch done = new CountDownLatch(subscribers + 1);
            for (int i = 0; i < subscribers; i++) {
                Recorder recorder = new Recorder();
                recorders.add(recorder);
                threads.execute(() -> {
                    await(start);
                    waiting.subscribe(recorder);
                    done.countDown();
                });
            }
            threads.execute(() -> {
                await(start);
                waiting.resolved();
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(recorders).as("round %d", round).allMatch(r -> r.completed.get() == 1);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static class Recorder implements CoreSubscriber<Void> {
        volatile boolean subscribed;
        volatile Subscription subscription;
        final AtomicInteger completed = new AtomicInteger();

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            subscribed = true;
        }

        @Override
        public void onNext(Void unused) {
            throw new AssertionError("a Mono<Void> has no value");
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError("never signals an error", t);
        }

        @Override
        public void onComplete() {
            if (!subscribed) {
                throw new AssertionError("completed before onSubscribe");
            }
            completed.incrementAndGet();
        }
    }
}
