package io.fapilog.internal.event;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadNamesTest {

    /** An unnamed thread's name is made once, not at every event (a string of 56 B each before). */
    @Test
    void anUnnamedThreadIsGivenTheSameNameInstanceAtEveryCall() throws Exception {
        String[] names = new String[2];
        Thread unnamed = new Thread(() -> {
            names[0] = ThreadNames.current();
            names[1] = ThreadNames.current();
        }, "");
        unnamed.start();
        unnamed.join();
        @SuppressWarnings("deprecation") String expected = "unnamed-" + unnamed.getId();
        assertThat(names[0]).isEqualTo(expected);
        assertThat(names[1]).isSameAs(names[0]);
    }

    /** Many unnamed threads at once, more than the names remembered: each gets its own id's name, always. */
    @Test
    void manyUnnamedThreadsAtOnceEachGetTheirOwnName() throws Exception {
        int threads = 600;
        CountDownLatch start = new CountDownLatch(1);
        Map<Long, String> wrong = new ConcurrentHashMap<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                @SuppressWarnings("deprecation") long id = Thread.currentThread().getId();
                for (int call = 0; call < 200; call++) {
                    String name = ThreadNames.current();
                    if (!name.equals("unnamed-" + id)) {
                        wrong.put(id, name);
                    }
                }
            }, "");
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aNamedThreadKeepsItsName() {
        assertThat(ThreadNames.current()).isEqualTo(Thread.currentThread().getName());
    }
}
