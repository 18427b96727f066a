package io.fapilog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Producer threads ({@code producer-N}) started together, for tests that load the engine from many threads. */
final class Producers {

    private final CountDownLatch go = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    private Producers() {
    }

    /** Starts {@code count} threads; each runs {@code body} with its index once {@link #go()} is called. */
    static Producers start(int count, IntConsumer body) {
        Producers producers = new Producers();
        for (int p = 0; p < count; p++) {
            int index = p;
            Thread thread = new Thread(() -> {
                try {
                    producers.go.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.accept(index);
            }, "producer-" + p);
            producers.threads.add(thread);
            thread.start();
        }
        return producers;
    }

    void go() {
        go.countDown();
    }

    /** Waits up to two minutes for every thread; fails naming one still running. */
    void awaitFinished() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(120));
            assertThat(thread.isAlive()).as("%s finished", thread.getName()).isFalse();
        }
    }

    /** Starts, releases and waits for {@code count} threads each logging {@code perThread} events with its index and sequence. */
    static void logEvents(FapilogRuntime runtime, String logger, int count, int perThread) throws InterruptedException {
        Producers producers = start(count, producer -> {
            Logger log = runtime.getLogger(logger);
            for (int i = 0; i < perThread; i++) {
                log.info("event", "producer", producer, "seq", i);
            }
        });
        producers.go();
        producers.awaitFinished();
    }
}
