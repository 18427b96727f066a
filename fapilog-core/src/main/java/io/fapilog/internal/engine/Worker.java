package io.fapilog.internal.engine;

import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.internal.event.Fields;
import io.fapilog.internal.event.LogEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Consumes one queue shard: takes batches, runs the pipeline, encodes once per distinct encoder and
 * hands each sink its bytes. When the queue holds less than a batch it parks for up to
 * {@code batch.timeout}; producers wake it only when a full batch is waiting (or at drain), so a
 * lightly loaded caller never pays for a thread wake-up.
 */
final class Worker implements Runnable {

    private final EventQueue queue;
    private final WaitingLine line;
    private final boolean[] protectedLevel;
    private final Pipeline pipeline;
    private final List<SinkBinding> sinks;
    private final List<BatchObserver> observers;
    private final HighWatermark highWatermark;
    private final LogEvent[] batch;
    private final long batchTimeoutNanos;
    private final int wakeThreshold;

    private final Fields context = new Fields(4);
    private final Fields diagnostics = new Fields(8);
    private final Fields data = new Fields(4);

    private final Encoder[] encoders;
    private final EncodedBatch[] buffers;
    private final int[] bufferOfSink;

    // Written by this worker only; read by stats and the drain.
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private static final long MIN_IDLE_NANOS = 50_000;

    private long idleNanos = MIN_IDLE_NANOS;
    private volatile Thread thread;
    private volatile boolean parked;

    Worker(EventQueue queue, WaitingLine line, boolean[] protectedLevel, Pipeline pipeline, List<SinkBinding> sinks, CopyOnWriteArrayList<BatchObserver> observers,
           HighWatermark highWatermark, int batchMaxSize, long batchTimeoutNanos) {
        this.queue = queue;
        this.line = line;
        this.protectedLevel = protectedLevel;
        this.pipeline = pipeline;
        this.sinks = List.copyOf(sinks);
        this.observers = observers;
        this.highWatermark = highWatermark;
        this.batch = new LogEvent[batchMaxSize];
        this.batchTimeoutNanos = batchTimeoutNanos;
        this.wakeThreshold = Math.min(batchMaxSize, Math.max(1, queue.capacity() / 2));

        List<EncoderFactory> factories = new ArrayList<>();
        this.bufferOfSink = new int[this.sinks.size()];
        for (int i = 0; i < this.sinks.size(); i++) {
            EncoderFactory factory = this.sinks.get(i).encoder();
            int index = factories.indexOf(factory);
            if (index < 0) {
                factories.add(factory);
                index = factories.size() - 1;
            }
            bufferOfSink[i] = index;
        }
        this.encoders = new Encoder[factories.size()];
        this.buffers = new EncodedBatch[factories.size()];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = factories.get(i).create();
            buffers[i] = new EncodedBatch();
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (true) {
                highWatermark.observe();
                int count = queue.drain(batch, 0, batch.length);
                // The room just freed goes to the waiting line first, before the batch is written.
                boolean nobodyWaits = line.moveInto(queue, protectedLevel);
                if (count > 0) {
                    process(count);
                }
                if (count == batch.length) {
                    continue;
                }
                if (queue.isClosed() && queue.isEmpty()) {
                    if (nobodyWaits) {
                        break;
                    }
                    // Stopped: nothing new enters the queue, so the waiting line goes straight through.
                    int taken = line.takeInto(batch, batch.length);
                    process(taken);
                    line.completeTaken();
                    continue;
                }
                if (!nobodyWaits) {
                    if (count == 0) {
                        // Waiters, yet nothing to drain: a caller is linking or moving an entry; let it run.
                        Thread.yield();
                    }
                    continue;
                }
                idle(count > 0);
            }
            flushSinks();
        } catch (Throwable unexpected) {
            System.err.println("fapilog: worker stopped by an unexpected error: " + unexpected);
            unexpected.printStackTrace();
        } finally {
            finished.complete(null);
        }
    }

    /** Wakes the worker when a full batch waits; called by producers after every accepted event. */
    void afterOffer() {
        if (parked && queue.approximateSize() >= wakeThreshold && queue.refreshedSize() >= wakeThreshold) {
            wake();
        }
    }

    void wake() {
        if (parked) {
            parked = false;
            LockSupport.unpark(thread);
        }
    }

    /**
     * Parks until a producer wakes us (a full batch waits) or the idle pause ends. The pause starts
     * short after activity and doubles while nothing arrives, up to {@code batch.timeout}: a busy
     * worker picks up a partial batch within microseconds, an idle one costs nearly nothing, and
     * producers never pay for a wake-up below a full batch.
     */
    private void idle(boolean busy) {
        idleNanos = busy ? MIN_IDLE_NANOS : Math.min(idleNanos * 2, batchTimeoutNanos);
        parked = true;
        // Re-check after publishing 'parked': a producer that added the batch-filling event before
        // seeing the flag would otherwise not wake us (the timeout would, later).
        if (queue.size() >= wakeThreshold || queue.isClosed() || !line.isEmpty()) {
            parked = false;
            return;
        }
        LockSupport.parkNanos(this, Math.min(idleNanos, batchTimeoutNanos));
        parked = false;
    }

    private void process(int count) {
        long start = System.nanoTime();
        int kept = 0;
        int removed = 0;
        int lost = 0;
        for (int i = 0; i < count; i++) {
            LogEvent event = batch[i];
            batch[i] = null;
            event.lend(context, diagnostics, data);
            switch (pipeline.process(event)) {
                case KEEP -> {
                    encode(event);
                    kept++;
                }
                case FILTERED -> removed++;
                case DROPPED -> lost++;
            }
            event.release();
        }
        write();
        processed.lazySet(processed.get() + kept);
        filtered.lazySet(filtered.get() + removed);
        dropped.lazySet(dropped.get() + lost);
        if (!observers.isEmpty() && kept > 0) {
            long nanos = System.nanoTime() - start;
            for (BatchObserver observer : observers) {
                observer.batchFlushed(kept, nanos);
            }
        }
    }

    private void encode(LogEvent event) {
        for (int i = 0; i < encoders.length; i++) {
            try {
                encoders[i].encode(event, buffers[i]);
            } catch (RuntimeException | StackOverflowError e) {
                // Encoders promise not to throw; if one does, the half-written line must not reach a sink.
                buffers[i].discardCurrentEvent();
                InternalErrors.report("encoder failed", e);
            }
        }
    }

    private void write() {
        for (int i = 0; i < bufferOfSink.length; i++) {
            EncodedBatch buffer = buffers[bufferOfSink[i]];
            if (!buffer.isEmpty()) {
                try {
                    sinks.get(i).sink().write(buffer);
                } catch (Exception e) {
                    InternalErrors.report("sink " + sinks.get(i).sink().name() + " failed", e);
                }
            }
        }
        for (EncodedBatch buffer : buffers) {
            buffer.reset();
        }
    }

    private void flushSinks() {
        for (SinkBinding binding : sinks) {
            try {
                binding.sink().flush();
            } catch (Exception e) {
                InternalErrors.report("sink " + binding.sink().name() + " failed to flush", e);
            }
        }
    }

    long processed() {
        return processed.get();
    }

    long filtered() {
        return filtered.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** The thread running this worker, once started. */
    Thread thread() {
        return thread;
    }

    CompletableFuture<Void> finished() {
        return finished;
    }
}
