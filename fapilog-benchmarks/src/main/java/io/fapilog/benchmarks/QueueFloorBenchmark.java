package io.fapilog.benchmarks;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The floor: a preallocated object handed through an {@link ArrayBlockingQueue} to one consumer
 * thread that counts it. No event is built and nothing is encoded, so this bounds what a queue
 * hand-off alone costs on this machine.
 */
public class QueueFloorBenchmark extends LoggingBenchmark {

    private static final Object EVENT = new Object();
    private static final Object STOP = new Object();

    private BlockingQueue<Object> queue;
    private Thread consumerThread;

    @Override
    protected String contender() {
        return "floor: ArrayBlockingQueue hand-off";
    }

    @Override
    protected void start(ConsumerCounter consumer) {
        queue = new ArrayBlockingQueue<>(BenchEvent.QUEUE_CAPACITY);
        consumerThread = new Thread(() -> consume(queue, consumer), "floor-consumer");
        consumerThread.setDaemon(true);
        consumerThread.start();
    }

    private static void consume(BlockingQueue<Object> queue, ConsumerCounter consumer) {
        try {
            while (queue.take() != STOP) {
                consumer.record(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected void log(long seq) {
        try {
            queue.put(EVENT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected long stop() throws InterruptedException {
        queue.put(STOP);
        consumerThread.join(STALL_TIMEOUT.toMillis());
        return 0;
    }
}
