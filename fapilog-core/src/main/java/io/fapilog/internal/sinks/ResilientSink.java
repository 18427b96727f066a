package io.fapilog.internal.sinks;

import io.fapilog.CircuitState;
import io.fapilog.SinkHealth;
import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.internal.encoding.Failures;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;
import io.fapilog.spi.SinkErrorListener;
import io.fapilog.spi.SinkWriteException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps a sink so that its failures (any {@link Throwable}, an {@code Error} too) are retried, counted and, past a threshold, isolated by a
 * circuit breaker ({@link CircuitBreakerSettings}). Never throws an exception; thread-safe.
 *
 * <ul>
 *   <li>{@link CircuitState#CLOSED}: a batch is written to the wrapped sink; a failed write is
 *       retried {@code retries} times, waiting {@code retryBackoff}, then twice as long each time,
 *       with jitter (half to one and a half times that), and at least the {@code Retry-After} a
 *       {@link SinkWriteException} asks for. A failure the sink calls permanent (an HTTP 4xx) is
 *       not retried, nor is a batch whose attempts would pass {@code maxFailureTime}. A batch
 *       still failing goes to the fallback, and {@code failureThreshold} such batches in a row, or
 *       failed batches in a row that spent {@code maxFailureTime} together, open the circuit.
 *       Any successful write resets the count (and closes the circuit).</li>
 *   <li>{@link CircuitState#OPEN}: batches go straight to the fallback for {@code openDuration};
 *       the wrapped sink is not called. A {@code Retry-After} longer than a batch may wait opens it
 *       too, for as long as it asks (at most five minutes).</li>
 *   <li>{@link CircuitState#HALF_OPEN}: the next batch is a single trial write, without retries:
 *       success closes the circuit, failure opens it again. Batches arriving meanwhile go to the fallback.</li>
 * </ul>
 *
 * <p>A {@link SinkWriteException} is final: the sink already retried, so the batch is not retried
 * again; the events it names (all when it names none) go to the fallback and the failure counts
 * towards the circuit breaker, while the other events of the batch count as written.
 *
 * <p>The fallback is used when {@code fallbackToStderr} is set: standard error unless another sink
 * is given. Without one, or when it fails too, the batch is dropped and counted.
 *
 * <p>Counting: {@link #errorCount()} counts every failed attempt on the wrapped sink (each retry
 * and trial, and failed flushes and closes), so that it matches the {@code fapilog.sink.errors}
 * metric fed by the {@link SinkErrorListener}, which hears of each of them under the wrapped
 * sink's name and of each fallback failure under the fallback's name. Every event of a batch ends
 * up in exactly one of: the wrapped sink ({@link #writtenEventCount()}), {@link #fallbackEventCount()},
 * {@link #droppedEventCount()}; an abandoned write that returns after all, in the first two.
 */
public final class ResilientSink implements Sink {

    /** Waits between retries; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {

        Sleeper SYSTEM = delay -> TimeUnit.NANOSECONDS.sleep(delay.toNanos());

        void sleep(Duration delay) throws InterruptedException;
    }

    private enum Permit { WRITE, TRIAL, REJECTED }

    private final Sink delegate;
    private final Sink fallback;
    private final int retries;
    private final Duration backoff;
    private final int threshold;
    private final Duration openDuration;
    private final SinkErrorListener listener;
    /** Where an operator is told that the sink failed and that it writes again; null: nowhere. */
    private final SinkFailureNotices notices;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration maxFailureTime;
    private final DoubleSupplier jitter;

    private final LongAdder errors = new LongAdder();
    /** The latest write, for {@link #abandonWriteInProgress()} (its hand-off's, then the only writer). */
    private volatile WriteInProgress inProgress;
    private final LongAdder fallbackEvents = new LongAdder();
    private final LongAdder droppedEvents = new LongAdder();
    private final LongAdder writtenEvents = new LongAdder();
    private volatile String lastError;
    private final java.util.function.UnaryOperator<String> errorText;
    private volatile boolean retrying = true;
    /** Set by {@link #close()}: later batches go through {@link #writeAfterClose}. */
    private volatile boolean closed;
    private final Object pauses = new Object();

    private CircuitState state = CircuitState.CLOSED; // guarded by this
    private int consecutiveFailures;                  // guarded by this
    private Duration consecutiveFailureTime = Duration.ZERO; // guarded by this
    /** While open: when a trial may be made, {@code openDuration} after it opened, or the end of a pause the destination asked for. */
    private Instant openUntil;                        // guarded by this

    /** The longest pause a {@code Retry-After} holds the circuit open for. */
    static final Duration MAX_ASKED_PAUSE = Duration.ofMinutes(5);

    private ResilientSink(Builder b) {
        this.delegate = b.delegate;
        this.fallback = b.settings.fallbackToStderr()
                ? (b.fallback != null ? b.fallback : StreamSink.stderr("stderr")) : null;
        this.retries = Math.max(0, b.settings.retries());
        this.backoff = Objects.requireNonNull(b.settings.retryBackoff(), "retryBackoff");
        this.threshold = Math.max(1, b.settings.failureThreshold());
        this.openDuration = Objects.requireNonNull(b.settings.openDuration(), "openDuration");
        this.listener = b.listener;
        this.notices = b.notices;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.maxFailureTime = b.settings.maxFailureTime();
        this.jitter = b.jitter;
        this.errorText = b.errorText;
        if (delegate instanceof SideFailureReporting reporting) {
            reporting.reportSideFailuresTo((sinkName, error) -> recordFailure(error));
        }
    }

    /** Starts wrapping {@code sink}, with {@link CircuitBreakerSettings#DEFAULT} unless told otherwise. */
    public static Builder builder(Sink sink) {
        return new Builder(sink);
    }

    /** The wrapped sink's name. */
    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void write(EncodedBatch batch) {
        if (batch.length() == 0) {
            return;
        }
        if (closed) {
            writeAfterClose(batch);
            return;
        }
        Permit permit = acquire();
        if (permit == Permit.REJECTED) {
            toFallback(batch);
            return;
        }
        Instant started = clock.instant();
        WriteInProgress current = new WriteInProgress(batch);
        inProgress = current;
        EncodedBatch unwritten;
        try {
            unwritten = attempt(batch, permit == Permit.TRIAL ? 0 : retries, started);
        } finally {
            inProgress = null;
        }
        writtenEvents.add(batch.eventCount() - (unwritten == null ? 0 : unwritten.eventCount()));
        if (unwritten == null) {
            succeeded();
            if (notices != null) {
                notices.succeeded(delegate.name());
            }
            return;
        }
        if (unwritten.eventCount() < batch.eventCount()) {
            // The sink wrote the others and rejected these (a record too large for the broker): it works,
            // so its breaker counts no failed write, which would send every later event to the fallback;
            // unless the batch took the breaker's whole failure time (a partition without a leader, whose
            // records expired while the others were acknowledged).
            partlyFailed(Duration.between(started, clock.instant()));
            if (notices != null) {
                notices.rejected(delegate.name(), lastError, unwritten.eventCount());
            }
        } else {
            failed(permit == Permit.TRIAL, Duration.between(started, clock.instant()));
        }
        if (current.compareAndSet(false, true)) { // else it is in the fallback already
            toFallback(unwritten);
        }
    }

    /**
     * Sends the batch of the write in progress to the fallback now, once: its hand-off (then the
     * only writer) can wait for it no longer and the JVM may exit before it ends. If the write then
     * fails, its batch does not go to the fallback a second time; if it succeeds, it was written
     * twice (at least once). Without a fallback its events are counted dropped (once). Returns
     * whether there was such a write.
     */
    public boolean abandonWriteInProgress() {
        WriteInProgress current = inProgress;
        if (current == null || !current.compareAndSet(false, true)) {
            return false;
        }
        toFallback(current.batch); // without a fallback: counted dropped, the drain gave up on it
        return true;
    }

    /** A write's batch; set once its fallback is taken care of (by its abandonment or its failure, whichever comes first). */
    private static final class WriteInProgress extends java.util.concurrent.atomic.AtomicBoolean {
        private static final long serialVersionUID = 1L;
        final transient EncodedBatch batch;

        WriteInProgress(EncodedBatch batch) {
            this.batch = batch;
        }
    }

    @Override
    public void flush() {
        try {
            delegate.flush();
        } catch (Throwable e) {
            recordFailure(e);
        }
        flushFallback();
    }

    @Override
    public boolean remote() {
        return delegate.remote();
    }

    @Override
    public List<String> clientLoggers() {
        return delegate.clientLoggers();
    }

    private static final String CLOSED_BY_THE_DRAIN = "it was closed at the end of the drain, and these events were logged"
            + " after it (a bean destroyed later, a shutdown hook, the server's last lines)";

    /** Set when a closed local sink refused a write: it takes no later one. */
    private volatile boolean refusesAfterClose;

    /**
     * An event logged after the drain (a bean destroyed later, the server's own last lines). A remote
     * sink's producer or client is closed: the batch goes to the fallback untried. A local sink is
     * tried once, without retries (the console and file sinks take such writes; one of the
     * application's may have closed its stream): if it fails, the batch and every later one go to the
     * fallback, and that is no failure of the sink's (it was told of at every shutdown, each line
     * retried, a write that hung holding the JVM's exit a minute a line).
     */
    private void writeAfterClose(EncodedBatch batch) {
        if (!delegate.remote() && !refusesAfterClose) {
            try {
                delegate.write(batch);
                writtenEvents.add(batch.eventCount());
                return;
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                refusesAfterClose = true;
            }
        }
        toFallback(batch);
        if (notices != null) {
            notices.closed(delegate.name(), CLOSED_BY_THE_DRAIN);
        }
    }

    /**
     * Closes the wrapped sink and flushes the fallback (which may be shared, so it is not closed); a
     * failure to close is told. Later batches go through {@link #writeAfterClose}.
     */
    @Override
    public void close() {
        closed = true;
        try {
            delegate.close();
        } catch (Throwable e) {
            recordFailure(e);
            if (notices != null) {
                notices.closeFailed(delegate.name(), lastError);
            }
        }
        flushFallback();
    }

    /** Whether failed batches go somewhere (standard error, or the fallback given). */
    public boolean hasFallback() {
        return fallback != null;
    }

    /**
     * Sends a batch to the fallback without trying the wrapped sink (one that cannot take it in time),
     * and tells an operator so, at most once a minute; {@code why} says why it could not.
     */
    public void writeToFallback(EncodedBatch batch, String why) {
        if (batch.length() > 0) {
            int events = batch.eventCount();
            toFallback(batch);
            if (notices != null) {
                notices.spilled(delegate.name(), events, why);
            }
        }
    }

    /**
     * From now on a failed write is not retried: the batch goes to the fallback after the attempt
     * in progress (a shutdown that cannot wait for the remote side any longer).
     */
    public void stopRetrying() {
        retrying = false;
        synchronized (pauses) {
            pauses.notifyAll(); // a back-off in progress ends now
        }
    }

    public synchronized CircuitState state() {
        return state;
    }

    /**
     * Failed attempts on the wrapped sink (every retry counts), and the failures it reported beside
     * its writes ({@link SideFailureReporting}: a file sink's roll, compression or clean-up).
     */
    public long errorCount() {
        return errors.sum();
    }

    /** Events the fallback took. */
    public long fallbackEventCount() {
        return fallbackEvents.sum();
    }

    /** Events neither the wrapped sink nor the fallback took. */
    public long droppedEventCount() {
        return droppedEvents.sum();
    }

    /**
     * Events the wrapped sink took: its write returned, or named other events as the failed ones. A
     * write abandoned to the fallback ({@link #abandonWriteInProgress()}) that then returns counts here too.
     */
    public long writtenEventCount() {
        return writtenEvents.sum();
    }

    public SinkHealth health() {
        return new SinkHealth(name(), state(), errorCount(), lastError, droppedEventCount(), fallbackEventCount(),
                writtenEventCount());
    }

    /** The time a failing sink may cost before the circuit opens ({@code maxFailureTime}). */
    public Duration maxFailureTime() {
        return maxFailureTime;
    }

    /**
     * Writes, retrying a failure that may pass: not one the sink calls final ({@link SinkWriteException}
     * that is not retryable: an HTTP 4xx, a client that retried already), nor past {@code maxFailureTime}
     * spent on this batch. The back-off doubles per retry, with jitter (half to one and a half times),
     * and is at least the {@code Retry-After} asked for. Returns the events that were not written
     * (the batch, or the part a sink reported), or null.
     */
    private EncodedBatch attempt(EncodedBatch batch, int retries, Instant started) {
        for (int attempt = 0; ; attempt++) {
            Throwable failure;
            try {
                delegate.write(batch);
                return null;
            } catch (Throwable e) {
                recordFailure(e);
                failure = e;
            }
            int[] failed = failure instanceof SinkWriteException w && !w.retryable() ? w.failedEvents() : null;
            if (failed != null && failed.length < batch.eventCount()) {
                return failed.length == 0 ? null : subBatch(batch, failed); // some rejected: see write
            }
            if (notices != null) {
                notices.failed(delegate.name(), lastError, fallback != null
                        ? "its events go to standard error" : "its events are dropped (fapilog.sink.dropped)");
            }
            if (failure instanceof SinkWriteException w && !w.retryable() || !retrying) {
                return batch;
            }
            Duration retryAfter = failure instanceof SinkWriteException w ? w.retryAfter() : null;
            Duration delay = delay(attempt, failure);
            Duration timeLeft = maxFailureTime.minus(Duration.between(started, clock.instant()));
            if (attempt == retries || delay.compareTo(timeLeft) >= 0) { // not elapsed + delay: a Retry-After may be any length
                if (retryAfter != null && retryAfter.compareTo(timeLeft) >= 0) {
                    pauseAsked(retryAfter); // longer than a batch may wait: the next batches wait for it instead
                }
                return batch;
            }
            if (!pause(delay) || !retrying) {
                return batch;
            }
        }
    }

    /** A copy of the events at {@code indexes}, lines and records. */
    private static EncodedBatch subBatch(EncodedBatch batch, int[] indexes) {
        EncodedBatch part = new EncodedBatch(batch.length());
        for (int index : indexes) {
            if (index >= 0 && index < batch.eventCount()) {
                int start = batch.lineStart(index);
                part.append(batch.array(), start, batch.lineEnd(index) - start);
                part.endEvent(batch.record(index));
            }
        }
        return part;
    }

    private Duration delay(int attempt, Throwable failure) {
        long base = backoff.toNanos() << Math.min(attempt, 20);
        Duration delay = Duration.ofNanos((long) (base * (0.5 + jitter.getAsDouble())));
        if (failure instanceof SinkWriteException w && w.retryAfter() != null && w.retryAfter().compareTo(delay) > 0) {
            return w.retryAfter();
        }
        return delay;
    }

    /** Sleeps before a retry; {@code false} if interrupted (then the batch is not retried). */
    private boolean pause(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            return true;
        }
        try {
            if (sleeper == Sleeper.SYSTEM) {
                pauseUnlessStopped(delay);
            } else {
                sleeper.sleep(delay);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sleeps {@code delay}, or less if {@link #stopRetrying()} is called meanwhile. */
    private void pauseUnlessStopped(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (pauses) {
            for (long left = delay.toNanos(); retrying && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(pauses, left);
            }
        }
    }

    private synchronized Permit acquire() {
        return switch (state) {
            case CLOSED -> Permit.WRITE;
            case HALF_OPEN -> Permit.REJECTED; // a trial is in flight
            case OPEN -> {
                if (clock.instant().isBefore(openUntil)) {
                    yield Permit.REJECTED;
                }
                state = CircuitState.HALF_OPEN;
                yield Permit.TRIAL;
            }
        };
    }

    /**
     * The destination asked for a pause longer than the batch could wait (a {@code Retry-After: 60} on a
     * {@code 429}): the circuit opens until it ends (at most {@link #MAX_ASKED_PAUSE}), rather than the
     * next batches asking again at once, or a trial every {@code openDuration}.
     */
    private synchronized void pauseAsked(Duration pause) {
        open(clock.instant().plus(pause.compareTo(MAX_ASKED_PAUSE) > 0 ? MAX_ASKED_PAUSE : pause));
    }

    /** Opens the circuit, or keeps it open, until {@code until} at least. */
    private void open(Instant until) { // guarded by this
        openUntil = state == CircuitState.OPEN && openUntil.isAfter(until) ? openUntil : until;
        state = CircuitState.OPEN;
    }

    private synchronized void succeeded() {
        consecutiveFailures = 0;
        consecutiveFailureTime = Duration.ZERO;
        state = CircuitState.CLOSED;
    }

    private synchronized void partlyFailed(Duration spent) {
        if (spent.compareTo(maxFailureTime) >= 0) {
            open(clock.instant().plus(openDuration));
        } else {
            succeeded();
        }
    }

    private synchronized void failed(boolean trial, Duration spent) {
        consecutiveFailures++;
        consecutiveFailureTime = consecutiveFailureTime.plus(spent);
        boolean exhausted = consecutiveFailures >= threshold || consecutiveFailureTime.compareTo(maxFailureTime) >= 0;
        if (trial || (state == CircuitState.CLOSED && exhausted)) {
            open(clock.instant().plus(openDuration));
        }
    }

    private void toFallback(EncodedBatch batch) {
        int events = batch.eventCount();
        if (fallback == null) {
            droppedEvents.add(events);
            return;
        }
        try {
            fallback.write(batch);
            fallbackEvents.add(events);
        } catch (Throwable e) {
            droppedEvents.add(events);
            notifyListener(fallback.name(), e);
        }
    }

    private void flushFallback() {
        if (fallback != null) {
            try {
                fallback.flush();
            } catch (Throwable e) {
                notifyListener(fallback.name(), e);
            }
        }
    }

    private void recordFailure(Throwable e) {
        errors.increment();
        lastError = shown(describe(e));
        notifyListener(delegate.name(), e);
    }

    /** {@code error} as health, the endpoint and standard error show it: masked as the runtime's events are. */
    private String shown(String error) {
        try {
            return errorText.apply(error);
        } catch (Throwable failure) {
            return "[error text not shown: masking it failed]"; // not the text unmasked
        }
    }

    /** {@code Type: message}; the class name alone if {@code toString()} throws. */
    private static String describe(Throwable e) {
        try {
            return e.toString();
        } catch (Throwable failure) {
            return e.getClass().getName();
        }
    }

    private void notifyListener(String sinkName, Throwable e) {
        try {
            listener.onError(sinkName, e);
        } catch (Throwable ignored) {
            // a listener must not throw; if it does, the write path still must not
        }
    }

    /** Builds a {@link ResilientSink}. */
    public static final class Builder {

        private final Sink delegate;
        private CircuitBreakerSettings settings = CircuitBreakerSettings.DEFAULT;
        private Sink fallback;
        private SinkErrorListener listener = SinkErrorListener.NONE;
        private SinkFailureNotices notices;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private java.util.function.UnaryOperator<String> errorText = java.util.function.UnaryOperator.identity();

        private Builder(Sink delegate) {
            this.delegate = Objects.requireNonNull(delegate, "sink");
        }

        public Builder settings(CircuitBreakerSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Replaces standard error as the fallback (used only if {@code fallbackToStderr} is set). */
        public Builder fallback(Sink fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        public Builder listener(SinkErrorListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Says on standard error when the sink starts failing (its first failed write, then at most
         * once a minute) and when it writes again: what a runtime's sinks do.
         */
        public Builder noticesOnStandardError() {
            return notices(SinkFailureNotices.toStandardError());
        }

        Builder notices(SinkFailureNotices notices) {
            this.notices = Objects.requireNonNull(notices, "notices");
            return this;
        }

        /**
         * How a failure's text ({@code Type: message}) is shown in the sink's health and notices: the
         * runtime's redaction, since a client's exception may carry a URL with its credentials.
         */
        public Builder errorText(java.util.function.UnaryOperator<String> masker) {
            this.errorText = Objects.requireNonNull(masker, "masker");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Where the back-off's jitter comes from, a value in [0, 1); tests pass a constant (0.5: no jitter). */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        public ResilientSink build() {
            return new ResilientSink(this);
        }
    }
}
