package io.fapilog;

import io.fapilog.config.ModeSelection;
import io.fapilog.internal.context.CallContext;
import io.fapilog.internal.engine.Engine;
import io.fapilog.internal.engine.LevelGate;
import io.fapilog.internal.event.EventOrigin;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.internal.event.ThreadNames;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link AsyncLogger} of ASYNC mode. The event is offered at call time; when the queue is full
 * (or others wait for room) it waits its turn in the engine's waiting line, and the returned
 * {@code Mono} completes when it is in the queue or at the wait timeout. No thread ever blocks.
 */
final class EngineAsyncLogger implements AsyncLogger {

    private final FapilogRuntime runtime;
    private final Engine engine;
    private final EventOrigin origin;
    private final LevelGate gate;
    private final CallContext callContext;
    private final CallClock clock;

    EngineAsyncLogger(FapilogRuntime runtime, String name, Object[] context) {
        this.runtime = runtime;
        this.engine = runtime.engine();
        this.origin = new EventOrigin(name, context);
        this.gate = runtime.levels().gate(name);
        this.callContext = runtime.callContext();
        this.clock = runtime.clock();
    }

    /** {@code parent} with another context: the same name, so the same level gate (no lookup per bind). */
    private EngineAsyncLogger(EngineAsyncLogger parent, Object[] context) {
        this.runtime = parent.runtime;
        this.engine = parent.engine;
        this.origin = parent.origin.withBoundContext(context);
        this.gate = parent.gate;
        this.callContext = parent.callContext;
        this.clock = parent.clock;
    }

    @Override
    public String name() {
        return origin.loggerName();
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
        return submit(level, message, error, keyValues, false);
    }

    /** The map's entries are fields only: a {@code {}} of the message takes none of them. */
    @Override
    public Mono<Void> log(Level level, String message, Throwable error, Map<String, ?> fields) {
        return gate.isEnabled(level) ? submit(level, message, error, KeyValues.of(fields), true) : Mono.empty();
    }

    private Mono<Void> submit(Level level, String message, Throwable error, Object[] keyValues, boolean fieldsOnly) {
        Level written = EngineLogger.orInfo(level);
        if (!gate.isEnabled(written) || engine.refusesAtOnce(written)) {
            return Mono.empty();  // off, or dropped and counted: not worth building
        }
        LogEvent event = LogEvent.atMicros(clock.nowMicros(), level, origin, message, error, ThreadNames.current(), keyValues)
                .captureCall(runtime.maxStringLength());
        event.callContext(callContext.capture());
        if (fieldsOnly) {
            event.argumentsAreFields();
        }
        WaitingLog waiting = engine.submitAsync(event, WaitingLog::new);
        return waiting == null ? Mono.empty() : waiting.mono();
    }

    @Override
    public AsyncLogger bind(Object... keyValues) {
        return new EngineAsyncLogger(this, KeyValues.bind(origin.boundContext(), keyValues));
    }

    /** BOUND_LOOP, the event loop's mode, unless {@code fapilog.mode} forces another. */
    @Override
    public Logger toLogger() {
        ExecutionMode mode = runtime.config().mode() == ModeSelection.AUTO ? ExecutionMode.BOUND_LOOP : runtime.syncMode();
        return new EngineLogger(runtime, origin.loggerName(), mode, origin.boundContext());
    }

    @Override
    public CompletableFuture<DrainResult> stopAndDrain() {
        return runtime.stopAndDrainFromLogger();
    }

    @Override
    public String toString() {
        return "AsyncLogger[" + origin.loggerName() + "]";
    }
}
