package io.fapilog.internal.engine;

import io.fapilog.internal.FapilogThreads;
import io.fapilog.internal.event.LogEvent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * After the drain, the events logged on a Reactor non-blocking thread (an event loop), which must
 * not block: the late writer writes them in order on a daemon thread of its own,
 * started with the first of them and gone a second after the last, never on the caller's thread,
 * whose sink write and retries would block it. At most {@code capacity} wait; past that an event is
 * refused, and its caller counts it dropped.
 */
final class LateWritesOffTheCaller {

    private final Worker lateWriter;
    private final ThreadPoolExecutor thread;

    LateWritesOffTheCaller(Worker lateWriter, int capacity) {
        this.lateWriter = lateWriter;
        this.thread = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, capacity)),
                task -> {
                    Thread late = FapilogThreads.newThread(task, "fapilog-late-writer");
                    late.setDaemon(true);
                    return late;
                });
        this.thread.allowCoreThreadTimeOut(true);
    }

    /** Whether the event was taken, to be written on the late writer's thread. */
    boolean offer(LogEvent event) {
        try {
            thread.execute(() -> lateWriter.writeNow(event));
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }
}
