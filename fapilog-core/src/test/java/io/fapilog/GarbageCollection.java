package io.fapilog;

import java.lang.ref.WeakReference;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits, collecting, until what a weak reference holds is gone: a class loader an application left. */
final class GarbageCollection {

    private GarbageCollection() {
    }

    static void assertCollected(WeakReference<?> reference, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (reference.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(reference.get()).as(what + ", collected").isNull();
    }
}
