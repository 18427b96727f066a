package io.fapilog;

import io.fapilog.engine.DropReason;
import io.fapilog.engine.Engine;
import io.fapilog.engine.LevelGate;
import io.fapilog.event.LogEvent;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@link AsyncLogger} of ASYNC mode. The event is offered at call time; only when the queue is
 * full does it arrange timed retries on Reactor's parallel scheduler, which complete the returned
 * {@code Mono} without ever blocking a thread.
 */
final class EngineAsyncLogger implements AsyncLogger {

    private static final long FIRST_RETRY_NANOS = 50_000;
    private static final long MAX_RETRY_NANOS = 2_000_000;

    private final FapilogRuntime runtime;
    private final Engine engine;
    private final String name;
    private final LevelGate gate;
    private final Object[] context;

    EngineAsyncLogger(FapilogRuntime runtime, String name, Object[] context) {
        this.runtime = runtime;
        this.engine = runtime.engine();
        this.name = name;
        this.gate = runtime.levels().gate(name);
        this.context = context;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecutionMode executionMode() {
        return ExecutionMode.ASYNC;
    }

    @Override
    public boolean isEnabled(Level level) {
        return gate.isEnabled(level);
    }

    @Override
    public Mono<Void> log(Level level, String message, Throwable error, Object[] keyValues) {
        if (!gate.isEnabled(level)) {
            return Mono.empty();
        }
        LogEvent event = new LogEvent(System.currentTimeMillis(), level, name, message, error,
                Thread.currentThread().getName(), context, keyValues);
        if (engine.tryOffer(event) != Engine.Offer.FULL) {
            return Mono.empty();
        }
        if (!engine.waitsWhenFull()) {
            engine.dropped(DropReason.QUEUE_FULL);
            return Mono.empty();
        }
        return Mono.fromFuture(new Retry(engine, event).start(), true);
    }

    @Override
    public AsyncLogger bind(Object... keyValues) {
        return new EngineAsyncLogger(runtime, name, KeyValues.bind(context, keyValues));
    }

    @Override
    public Logger toLogger() {
        return new EngineLogger(runtime, name, ExecutionMode.BOUND_LOOP, context);
    }

    @Override
    public CompletableFuture<DrainResult> stopAndDrain() {
        return runtime.stopAndDrain();
    }

    @Override
    public String toString() {
        return "AsyncLogger[" + name + "]";
    }

    /** Offers a rejected event again with growing pauses until accepted, stopped or out of time. */
    private static final class Retry implements Runnable {
        private final Engine engine;
        private final LogEvent event;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final long deadline;
        private final Scheduler scheduler = Schedulers.parallel();
        private long pauseNanos = FIRST_RETRY_NANOS;

        Retry(Engine engine, LogEvent event) {
            this.engine = engine;
            this.event = event;
            this.deadline = System.nanoTime() + engine.waitTimeout().toNanos();
        }

        CompletableFuture<Void> start() {
            schedule();
            return done;
        }

        @Override
        public void run() {
            if (engine.tryOffer(event) != Engine.Offer.FULL) {
                done.complete(null);
            } else if (System.nanoTime() - deadline >= 0) {
                engine.dropped(DropReason.WAIT_TIMEOUT);
                done.complete(null);
            } else {
                pauseNanos = Math.min(pauseNanos * 2, MAX_RETRY_NANOS);
                schedule();
            }
        }

        private void schedule() {
            try {
                long pause = Math.min(pauseNanos, Math.max(0, deadline - System.nanoTime()));
                scheduler.schedule(this, pause, TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) {
                // The scheduler is shut down (JVM exit): give up now, counted.
                engine.dropped(DropReason.WAIT_TIMEOUT);
                done.complete(null);
            }
        }
    }
}
