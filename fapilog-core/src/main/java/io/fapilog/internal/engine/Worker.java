package io.fapilog.internal.engine;

import io.fapilog.internal.encoding.ValueShapes;
import io.fapilog.internal.sinks.HandOffSink;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Sink;
import io.fapilog.internal.event.LogEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Consumes one queue shard: takes batches, runs the pipeline, encodes once per distinct encoder and
 * hands each sink its bytes. When the queue holds less than a batch it parks for up to
 * {@code batch.timeout}; producers wake it when a full batch is waiting (or at drain), or for the
 * first event after it slept longer than a trickle's pause, so a caller pays for a thread wake-up at
 * most once per full batch or quiet spell.
 */
final class Worker implements Runnable {

    private final EventQueue queue;
    private final WaitingLine line;
    private final Pipeline pipeline;
    private final List<SinkBinding> sinks;
    private final List<BatchObserver> observers;
    private final HighWatermark highWatermark;
    private final LogEvent[] batch;
    private final long batchTimeoutNanos;
    private final int wakeThreshold;
    /** A round that found fewer events than this lengthens the next pause. */
    private final int trickle;

    private final LogEvent.Parts lent = LogEvent.Parts.reusable();

    private final Encoder[] encoders;
    /** Per encoder, the names of the sinks it writes for: what a failure of it names. */
    private final String[] encoderSinks;
    private final EncodedBatch[] buffers;
    /** The least level each buffer takes (an ordinal of {@link io.fapilog.Level}; 0: every event). */
    private final int[] thresholds;
    private final int[] bufferOfSink;
    /** Per sink, the logger prefixes whose events it is not handed ({@link SinkBinding#leftOutLoggers()}), or null. */
    private final String[][] leftOutOfSink;
    /** Every sink's left-out prefixes: an event of one of them has its lines noted ({@link #clientLines}). */
    private final String[] leftOutOfAny;
    /** Per encoder, the lines in its buffer of events some sink leaves out. */
    private final ClientLines[] clientLines;
    /** A buffer's lines without those a sink leaves out, made only when the batch has some. */
    private final EncodedBatch withoutClientLines = new EncodedBatch();
    /** Each encoder's event count before the event being encoded, for taking it out again. */
    private final int[] eventsBefore;
    /** Per buffer, the lines of events logged by fapilog's own work ({@link LogEvent#loggedWhileHandling()}). */
    private final int[] ownLines;

    // Written by this worker only; read by stats and the drain.
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong filtered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Late events logged by a write of the late writer itself past {@link #loggedWhileWriting}'s bound. */
    private final AtomicLong overflowed = new AtomicLong();
    // Contained failures and loop restarts; written by this worker, read by health.
    private final AtomicLong faults = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    /** When the batch in progress began ({@code System.nanoTime()}), {@link #NO_BATCH} between batches. */
    private final AtomicLong batchSince = new AtomicLong(NO_BATCH);
    private static final long NO_BATCH = Long.MIN_VALUE;
    // How far this worker has handled its queue (an index) and its waiting line (events taken from
    // it): every event before these marks is written, dropped or filtered. Published after each
    // round; read by flush.
    private final AtomicLong handledInQueue = new AtomicLong();
    private final AtomicLong handledFromLine = new AtomicLong();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    // The pause after a round that found many events.
    private static final long MIN_IDLE_NANOS = 50_000;
    // The longest pause after a round that found only a few: a trickle (web requests) is written in
    // rounds of dozens of events instead of one park, wake-up and write per event or two; a round costs
    // tens to hundreds of microseconds (a wake-up, a write, cold caches) whatever it holds. It is also
    // the longest an event waits for the worker while events keep coming; a full batch wakes it anyway.
    private static final long TRICKLE_IDLE_NANOS = 10_000_000;
    private static final long MAX_RESTART_PAUSE_NANOS = 100_000_000;
    /** The late writer's bound on events its own writes log during one call ({@link #writeNow}). */
    static final int MAX_LOGGED_WHILE_WRITING = 256;

    /** Where a test injects a failure that the worker's containment does not cover. */
    enum FaultPoint {
        /** In the loop, after a batch was taken out of the queue and before it is processed: the loop restarts. */
        AFTER_DRAIN,
        /** While recovering from a failure that escaped the loop: the thread ends and the engine starts another. */
        RECOVERY,
        /** While the engine starts a thread for the worker (another, once its thread ended): no thread is to be had. */
        RELAUNCH
    }

    /** Test seam; null in production (one volatile read per round and per failure). */
    private volatile Consumer<FaultPoint> faultInjection;

    private long idleNanos = MIN_IDLE_NANOS;
    /** The pause before the loop runs again after a failure: doubled at each failure, reset by a batch written. */
    private long restartPauseNanos = MIN_IDLE_NANOS;
    private volatile Thread thread;
    /** See {@link #processing()}: written by the worker at each batch, on a cache line of its own. */
    private final Activity activity = new Activity();
    private volatile boolean parked;
    // The current park's pause; written before 'parked' is set.
    private long parkNanos;
    /** Run on this worker about once a second (the engine's drop notices); nothing for the late writer. */
    private final Runnable everySecond;
    private long nextSecondNanos = System.nanoTime() + SECOND_NANOS;
    private static final long SECOND_NANOS = 1_000_000_000L;
    private volatile boolean running;
    // The late writer's: whether writeNow is writing (then a call is its own thread logging), and what that logged.
    private boolean writingNow;
    /** The thread in {@link #writeNow} now, else null; read by producers, to tell a logging loop there. */
    private volatile Thread writingNowOn;
    /** Whether the event {@link #writeNow} writes now was logged by fapilog's own work; read on {@link #writingNowOn}. */
    private boolean writingOwnEventNow;
    private int loggedWhileWritingCount;
    private final ArrayDeque<LogEvent> loggedWhileWriting = new ArrayDeque<>();

    Worker(EventQueue queue, WaitingLine line, Pipeline pipeline, List<SinkBinding> sinks, CopyOnWriteArrayList<BatchObserver> observers,
           HighWatermark highWatermark, int batchMaxSize, long batchTimeoutNanos, Runnable everySecond) {
        this.everySecond = everySecond;
        this.queue = queue;
        this.line = line;
        this.pipeline = pipeline;
        this.sinks = List.copyOf(sinks);
        this.observers = observers;
        this.highWatermark = highWatermark;
        this.batch = new LogEvent[batchMaxSize];
        this.batchTimeoutNanos = batchTimeoutNanos;
        this.wakeThreshold = Math.min(batchMaxSize, Math.max(1, queue.capacity() / 2));
        this.trickle = Math.max(1, wakeThreshold / 8);

        record Encoding(EncoderFactory factory, int threshold) {
        }
        List<Encoding> encodings = new ArrayList<>();
        this.bufferOfSink = new int[this.sinks.size()];
        for (int i = 0; i < this.sinks.size(); i++) {
            SinkBinding binding = this.sinks.get(i);
            Encoding encoding = new Encoding(binding.encoder(), binding.threshold() == null ? 0 : binding.threshold().ordinal());
            int index = encodings.indexOf(encoding);
            if (index < 0) {
                encodings.add(encoding);
                index = encodings.size() - 1;
            }
            bufferOfSink[i] = index;
        }
        this.encoders = new Encoder[encodings.size()];
        this.encoderSinks = new String[encodings.size()];
        for (int i = 0; i < this.sinks.size(); i++) {
            String name = "'" + this.sinks.get(i).sink().name() + "'";
            int at = bufferOfSink[i];
            encoderSinks[at] = encoderSinks[at] == null ? name : encoderSinks[at] + ", " + name;
        }
        this.buffers = new EncodedBatch[encodings.size()];
        this.thresholds = new int[encodings.size()];
        for (int i = 0; i < encoders.length; i++) {
            encoders[i] = encodings.get(i).factory().create();
            if (encoders[i] == null) {
                throw new IllegalArgumentException("the encoder factory of sink " + encoderSinks[i] + " made no encoder (null)");
            }
            buffers[i] = new EncodedBatch();
            thresholds[i] = encodings.get(i).threshold();
        }
        this.leftOutOfSink = new String[this.sinks.size()][];
        java.util.Set<String> any = new java.util.LinkedHashSet<>();
        for (int i = 0; i < this.sinks.size(); i++) {
            List<String> leftOut = this.sinks.get(i).leftOutLoggers();
            leftOutOfSink[i] = leftOut.isEmpty() ? null : leftOut.toArray(String[]::new);
            any.addAll(leftOut);
        }
        this.leftOutOfAny = any.toArray(String[]::new);
        this.clientLines = new ClientLines[encoders.length];
        for (int i = 0; i < encoders.length; i++) {
            clientLines[i] = new ClientLines();
        }
        this.eventsBefore = new int[encoders.length];
        this.ownLines = new int[encoders.length];
    }

    /**
     * Runs the loop until the queue is closed and empty. A failure that escapes the per-event,
     * per-sink and per-observer containment restarts the loop (counted as a restart) after a short
     * pause; only a drained queue ends it.
     */
    @Override
    public void run() {
        thread = Thread.currentThread();
        running = true;
        try {
            supervise();
        } finally {
            running = false;
        }
        // Only after 'running' is false: the drain completes with this, and health read after the
        // drain must not see this worker alive.
        finished.complete(null);
    }

    private void supervise() {
        processLeftovers(); // taken by a previous thread of this worker that ended before writing them
        while (true) {
            try {
                loop();
                break;
            } catch (Throwable unexpected) {
                inject(FaultPoint.RECOVERY);
                restarts.incrementAndGet();
                InternalErrors.report("worker loop failed, restarting it", unexpected);
                processLeftovers();
                // Not running while it pauses: health sees a worker that fails at every batch (its pause
                // grown to the maximum) as being restarted most of the time, a failure now and then never.
                running = false;
                LockSupport.parkNanos(this, restartPauseNanos);
                running = true;
                restartPauseNanos = Math.min(restartPauseNanos * 2, MAX_RESTART_PAUSE_NANOS);
            }
        }
        flushSinks();
    }

    private void loop() {
        while (true) {
            highWatermark.observe();
            int count = queue.drain(batch, 0, batch.length);
            queue.admitWaiting();
            if (count < batch.length) {
                // Waiting events come after the queued ones, straight into the batch.
                count += line.takeInto(batch, count, batch.length - count, queue);
            }
            if (!line.isEmpty()) {
                // The room left goes to the events still waiting, in order, before anyone else's.
                line.admit(queue);
            }
            line.tellAccepted();
            if (count > 0) {
                inject(FaultPoint.AFTER_DRAIN);
                process(count);
                restartPauseNanos = MIN_IDLE_NANOS; // a batch went through: the next failure pauses briefly again
            }
            handledInQueue.lazySet(queue.consumerIndexPlain());
            handledFromLine.lazySet(line.taken());
            long now = System.nanoTime();
            if (now - nextSecondNanos >= 0) {
                nextSecondNanos = now + SECOND_NANOS;
                everySecond.run();
            }
            if (count == batch.length) {
                continue;
            }
            boolean nobodyWaits = line.isEmpty();
            // The line is read again after the close: a caller that joined it before the close (and
            // so saw the queue open and waits) is seen, and taken, before the worker leaves.
            if (queue.isClosed() && queue.isEmpty() && line.isEmpty()) {
                return;
            }
            if (!nobodyWaits) {
                if (count == 0) {
                    Thread.yield();  // a caller is still linking its entry: let it run
                }
                continue;
            }
            idle(count);
        }
    }

    /**
     * Processes the events a failure left in the batch after they were taken out of the queue and
     * before they were processed (the failure struck between the two), so none is lost uncounted.
     */
    private void processLeftovers() {
        int left = 0;
        while (left < batch.length && batch[left] != null) {
            left++;
        }
        if (left > 0) {
            try {
                process(left);
            } catch (Throwable e) { // process counted every event it was given, written or failed
                fault("events left by a failure could not be written", e);
            }
        }
    }

    void inject(FaultPoint point) {
        Consumer<FaultPoint> injection = faultInjection;
        if (injection != null) {
            injection.accept(point);
        }
    }

    /** Test seam: {@code injection} is called at each {@link FaultPoint} and may throw there. */
    void injectFaults(Consumer<FaultPoint> injection) {
        faultInjection = injection;
    }

    /**
     * Writes one event on the caller's thread, through the same pipeline, encoders and failure
     * containment as a batch, then flushes the sinks: for events logged after the drain.
     *
     * <p>An event logged on that thread while it writes (a sink, filter or enricher that logs) is
     * written after the one in hand, not into its half-written batch; one logged while it writes such
     * an event is a logging loop ({@link #writesNowOn}); at most {@value #MAX_LOGGED_WHILE_WRITING} of
     * them per call: the rest are dropped and counted ({@link #overflowed}).
     */
    synchronized void writeNow(LogEvent event) {
        if (writingNow) {
            if (loggedWhileWritingCount++ < MAX_LOGGED_WHILE_WRITING) {
                loggedWhileWriting.add(event);
            } else {
                overflowed.lazySet(overflowed.get() + 1);
            }
            return;
        }
        writingNow = true;
        writingNowOn = Thread.currentThread();
        loggedWhileWritingCount = 0;
        try {
            LogEvent next = event;
            do {
                writingOwnEventNow = next.loggedWhileHandling();
                batch[0] = next;
                process(1);
                flushSinks();
            } while ((next = loggedWhileWriting.poll()) != null);
        } finally {
            writingNow = false;
            writingNowOn = null;
            failed.lazySet(failed.get() + loggedWhileWriting.size()); // only if a write threw past its containment
            loggedWhileWriting.clear();
            ValueShapes.forgetForeignClasses(); // the drain forgot the application's classes: a late event's must not stay
        }
    }

    /**
     * Wakes the worker when a full batch waits, or at the first event after it went to sleep for
     * longer than a trickle's pause; called by producers after every accepted event.
     */
    void afterOffer() {
        if (parked && (parkedLong() || queue.approximateSize() >= wakeThreshold && queue.refreshedSize() >= wakeThreshold)) {
            wake();
        }
    }

    /** Whether the worker went to sleep for longer than a trickle's pause (read after {@code parked}). */
    private boolean parkedLong() {
        return parkNanos > TRICKLE_IDLE_NANOS;
    }

    /** Test probe: the pause of the park the worker is in, 0 when it is not parked. */
    long parkedForNanos() {
        return parked ? parkNanos : 0;
    }

    void wake() {
        if (parked) {
            parked = false;
            LockSupport.unpark(thread);
        }
    }

    /**
     * Parks until a producer wakes us (a full batch waits) or the idle pause ends. The pause is
     * short after a round that found half a batch or more, grows to at most 10 ms while
     * rounds find only a few, is kept (up to 10 ms) while they find a fair share of a batch,
     * and doubles while nothing arrives, up to {@code batch.timeout}: a busy worker picks
     * up a partial batch within microseconds, a trickle is written in rounds of dozens of events rather
     * than one wake-up per event, and an idle worker costs nearly nothing. Producers pay for a wake-up only
     * for a full batch, or for the first event after the worker went to sleep for longer than a
     * trickle's pause: the events after a quiet spell (the tail of a burst, a request after an idle
     * minute) are written at once, not after {@code batch.timeout}.
     */
    private void idle(int found) {
        if (found == 0) {
            idleNanos = Math.min(idleNanos * 2, batchTimeoutNanos);
        } else if (found < trickle) {
            idleNanos = Math.min(Math.max(idleNanos, MIN_IDLE_NANOS) * 2, TRICKLE_IDLE_NANOS);
        } else if (found >= wakeThreshold / 2) {
            idleNanos = MIN_IDLE_NANOS;
        } else {
            // The pause gathered a fair share of a batch: keep it, but not one that was long (only
            // rounds that find nothing make it long, or producers would wake us after every round).
            idleNanos = Math.min(idleNanos, TRICKLE_IDLE_NANOS);
        }
        parkNanos = Math.min(idleNanos, batchTimeoutNanos);
        parked = true;
        // Re-check after publishing 'parked': a producer that added the batch-filling event (or,
        // before a long sleep, any event) before seeing the flag would otherwise not wake us.
        if (queue.size() >= (parkedLong() ? 1 : wakeThreshold) || queue.isClosed() || !line.isEmpty()) {
            parked = false;
            return;
        }
        LockSupport.parkNanos(this, parkNanos);
        parked = false;
    }

    /**
     * Runs the pipeline on each event, encodes the kept ones and writes the batch. Each event is
     * contained on its own: whatever it throws (a value's {@code toString()}, an
     * {@link OutOfMemoryError} on one huge value) drops that event only, counted as
     * {@code event_failed}. Every event taken is counted, even if the batch is cut short.
     */
    private void process(int count) {
        long start = System.nanoTime();
        batchSince.lazySet(start);
        try {
            processBatch(count, start);
        } finally {
            batchSince.lazySet(NO_BATCH);
        }
    }

    private void processBatch(int count, long start) {
        int kept = 0;
        int removed = 0;
        int lost = 0;
        int broken = 0;
        try {
            activity.processing = true;
            for (int i = 0; i < count; i++) {
                int outcome = processOne(batch[i]);
                batch[i] = null; // after: an event whose processing threw past its containment is counted below
                switch (outcome) {
                    case KEPT -> kept++;
                    case FILTERED -> removed++;
                    case DROPPED -> lost++;
                    default -> broken++;
                }
            }
            write();
        } finally {
            activity.processing = false;
            for (int i = 0; i < count; i++) {
                if (batch[i] != null) { // cut short by a failure outside the per-event containment
                    batch[i] = null;
                    broken++;
                }
            }
            processed.lazySet(processed.get() + kept);
            filtered.lazySet(filtered.get() + removed);
            dropped.lazySet(dropped.get() + lost);
            failed.lazySet(failed.get() + broken);
        }
        if (!observers.isEmpty() && kept > 0) {
            long nanos = System.nanoTime() - start;
            for (BatchObserver observer : observers) {
                try {
                    observer.batchFlushed(kept, nanos);
                } catch (Throwable e) {
                    fault("batch observer failed", e);
                }
            }
        }
    }

    private static final int KEPT = 0;
    private static final int FILTERED = 1;
    private static final int DROPPED = 2;
    private static final int FAILED = 3;

    private int processOne(LogEvent event) {
        boolean logged = event.loggedWhileHandling();
        if (logged != activity.handlingLoggedEvent) {
            activity.handlingLoggedEvent = logged;
        }
        try {
            event.lend(lent, pipeline.placeholderBytes());
            return switch (pipeline.process(event)) {
                case KEEP -> encode(event);
                case FILTERED -> FILTERED;
                case DROPPED -> DROPPED;
            };
        } catch (Throwable e) {
            fault("an event failed and was dropped", e);
            return FAILED;
        } finally {
            event.release();
        }
    }

    /** Whether {@code thread} is in {@link #writeNow}: what it logs meanwhile is known as the late write's. */
    boolean writesNowOn(Thread thread) {
        return writingNowOn == thread;
    }

    /**
     * Whether the event {@link #writeNow} writes now, through its stages, sinks and their flush, was
     * itself logged by fapilog's own work; read on the thread that {@link #writesNowOn}.
     */
    boolean writingOwnEventNow() {
        return writingOwnEventNow;
    }

    /**
     * Whether this worker's filters, enrichers, redactors, encoders and sinks are handling a batch's
     * events: what they log meanwhile is known as theirs. Read on the worker's own thread only.
     */
    boolean processing() {
        return activity.processing;
    }

    /**
     * Whether the event being handled ({@link #processing()}), or one of the lines the sink being written
     * to is handed, was itself logged by fapilog's own work.
     */
    boolean handlingLoggedEvent() {
        return activity.handlingLoggedEvent;
    }

    /**
     * The flags above, padded onto a cache line of their own: producers read the worker's
     * {@code parked} at every event they queue, and a flag beside it written at every batch would
     * make them miss that line after each batch.
     */
    private static class ActivityPadBefore {
        long p1, p2, p3, p4, p5, p6, p7, p8;
    }

    private static class ActivityFlags extends ActivityPadBefore {
        /** While the worker's stages, encoders and sinks handle a batch's events. */
        boolean processing;
        /** Whether the event being handled, or a line the sink being written to is handed, was logged by fapilog's own work. */
        boolean handlingLoggedEvent;
    }

    private static final class Activity extends ActivityFlags {
        long q1, q2, q3, q4, q5, q6, q7, q8;
    }

    /**
     * Encodes the event once per encoder whose sinks take its level: {@link #KEPT}; {@link #FILTERED}
     * when no sink's threshold lets it through; {@link #FAILED} if an encoder failed, and then the
     * event is taken out of every buffer, so no sink writes it while another misses it.
     */
    private int encode(LogEvent event) {
        int level = event.level().bypassesThreshold() ? Integer.MAX_VALUE : event.level().ordinal();
        boolean taken = false;
        for (int i = 0; i < encoders.length; i++) {
            eventsBefore[i] = buffers[i].eventCount();
            if (level < thresholds[i]) {
                continue;
            }
            try {
                encoders[i].encode(event, buffers[i]);
                taken = true;
            } catch (Throwable e) {
                // Encoders promise not to throw; if one does, the half-written line must not reach a sink.
                buffers[i].discardCurrentEvent();
                for (int j = 0; j < i; j++) {
                    if (buffers[j].eventCount() > eventsBefore[j]) {  // not one whose encoder left the event out
                        buffers[j].discardLastEvent();
                    }
                }
                fault("the encoder of sink " + encoderSinks[i] + " failed, the event was dropped", e);
                return FAILED;
            }
        }
        if (taken && event.loggedWhileHandling()) {
            for (int i = 0; i < encoders.length; i++) {
                if (buffers[i].eventCount() > eventsBefore[i]) {
                    ownLines[i]++;
                }
            }
        }
        if (leftOutOfAny.length > 0 && taken && startsWithAny(event.loggerName(), leftOutOfAny)) {
            for (int i = 0; i < encoders.length; i++) {
                if (buffers[i].eventCount() > eventsBefore[i]) {
                    clientLines[i].add(eventsBefore[i], event.loggerName(), event.loggedWhileHandling());
                }
            }
        }
        return taken ? KEPT : FILTERED;
    }

    /** Whether {@code logger} (may be null) starts with one of {@code prefixes}. */
    static boolean startsWithAny(String logger, String[] prefixes) {
        if (logger != null) {
            for (String prefix : prefixes) {
                if (logger.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The lines of one buffer whose events some sink leaves out: their indexes and loggers, and which are fapilog's own. */
    private static final class ClientLines {
        private int[] lines = new int[4];
        private String[] loggers = new String[4];
        private boolean[] own = new boolean[4];
        private int size;

        void add(int line, String logger, boolean ownEvent) {
            if (size == lines.length) {
                lines = java.util.Arrays.copyOf(lines, size * 2);
                loggers = java.util.Arrays.copyOf(loggers, size * 2);
                own = java.util.Arrays.copyOf(own, size * 2);
            }
            lines[size] = line;
            own[size] = ownEvent;
            loggers[size++] = logger;
        }

        /** How many of the lines of fapilog's own events are of loggers starting with one of {@code leftOut}. */
        int ownLeftOut(String[] leftOut) {
            int left = 0;
            for (int i = 0; i < size; i++) {
                if (own[i] && startsWithAny(loggers[i], leftOut)) {
                    left++;
                }
            }
            return left;
        }

        /** {@code buffer} without the lines of loggers starting with one of {@code leftOut}, copied into {@code into} when there are some. */
        EncodedBatch without(EncodedBatch buffer, String[] leftOut, EncodedBatch into) {
            into.reset();
            int next = 0;
            boolean left = false;
            for (int line = 0; line < buffer.eventCount(); line++) {
                if (next < size && lines[next] == line) {
                    if (startsWithAny(loggers[next++], leftOut)) {
                        left = true;
                        continue;
                    }
                }
                int start = buffer.lineStart(line);
                into.append(buffer.array(), start, buffer.lineEnd(line) + 1 - start);
                into.endEvent(buffer.record(line));
            }
            return left ? into : buffer;
        }

        void clear() {
            java.util.Arrays.fill(loggers, 0, size, null);
            size = 0;
        }
    }

    /**
     * Hands each sink its lines. What a sink logs while it writes lines of events logged by fapilog's
     * own work is a logging loop ({@link #handlingLoggedEvent()}); a hand-off is told, for its thread.
     */
    private void write() {
        activity.processing = true;
        for (int i = 0; i < bufferOfSink.length; i++) {
            EncodedBatch buffer = buffers[bufferOfSink[i]];
            ClientLines client = clientLines[bufferOfSink[i]];
            int own = ownLines[bufferOfSink[i]];
            if (leftOutOfSink[i] != null && client.size > 0) {
                buffer = client.without(buffer, leftOutOfSink[i], withoutClientLines);
                own -= own > 0 ? client.ownLeftOut(leftOutOfSink[i]) : 0;
            }
            if (!buffer.isEmpty()) {
                activity.handlingLoggedEvent = own > 0;
                Sink sink = sinks.get(i).sink();
                try {
                    if (sink instanceof HandOffSink handOff) {
                        handOff.write(buffer, own > 0);
                    } else {
                        sink.write(buffer);
                    }
                } catch (Throwable e) {
                    fault("sink " + sink.name() + " failed", e);
                }
            }
        }
        activity.processing = false;
        java.util.Arrays.fill(ownLines, 0);
        for (EncodedBatch buffer : buffers) {
            buffer.reset();
        }
        for (ClientLines client : clientLines) {
            client.clear();
        }
    }

    private void fault(String what, Throwable error) {
        faults.incrementAndGet();
        InternalErrors.report(what, pipeline.describe(error));
    }

    /**
     * At the end of a drain. A sink's own hand-off is not waited for here: closing it, after every
     * worker is done, waits for it, bounded by the shutdown timeout, and flushes the sink.
     */
    private void flushSinks() {
        for (SinkBinding binding : sinks) {
            if (binding.sink() instanceof HandOffSink) {
                continue;
            }
            try {
                binding.sink().flush();
            } catch (Throwable e) {
                fault("sink " + binding.sink().name() + " failed to flush", e);
            }
        }
    }

    long processed() {
        return processed.get();
    }

    /** The queue index below which every event was handled (written, dropped or filtered). */
    long handledInQueue() {
        return handledInQueue.get();
    }

    /** Events taken straight from the waiting line and handled. */
    long handledFromLine() {
        return handledFromLine.get();
    }

    long filtered() {
        return filtered.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** Events dropped because processing them threw. */
    long failed() {
        return failed.get();
    }

    /** Late events dropped because a write of the late writer logged more than a batch's worth of them. */
    long overflowed() {
        return overflowed.get();
    }

    long faults() {
        return faults.get();
    }

    long restarts() {
        return restarts.get();
    }

    /**
     * Whether a thread is running this worker's loop (false before start, after the drain, after an
     * abnormal end, and while its loop is being restarted after a failure).
     */
    boolean alive() {
        return running;
    }

    /** How long the batch in progress has been running at {@code now}, zero between batches. */
    long batchNanos(long now) {
        long since = batchSince.get();
        return since == NO_BATCH ? 0 : Math.max(0, now - since);
    }

    /** Marks the worker running from the moment a thread is asked for, so health never sees a starting worker as dead. */
    void launching() {
        running = true;
    }

    /** Counts a restart on a new thread after the previous one ended abnormally. */
    void restarted() {
        restarts.incrementAndGet();
    }

    /** The thread running this worker, once started. */
    Thread thread() {
        return thread;
    }

    CompletableFuture<Void> finished() {
        return finished;
    }
}
