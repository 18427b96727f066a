package io.fapilog;

import io.fapilog.internal.context.CallContext;
import io.fapilog.internal.engine.Engine;
import io.fapilog.internal.engine.LevelGate;
import io.fapilog.internal.event.EventOrigin;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.internal.event.ThreadNames;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The {@link Logger} of THREAD and BOUND_LOOP modes: a level check, one event, one queue offer. */
final class EngineLogger implements Logger {

    private final FapilogRuntime runtime;
    private final Engine engine;
    private final EventOrigin origin;
    private final LevelGate gate;
    private final ExecutionMode mode;
    private final CallContext callContext;
    private final CallClock clock;
    private final EventBuilder.Target builderTarget = (level, message, error, keyValues, tags, placeholderArguments) ->
            submit(level, message, error, keyValues, tags, placeholderArguments);

    EngineLogger(FapilogRuntime runtime, String name, ExecutionMode mode, Object[] context) {
        this.runtime = runtime;
        this.engine = runtime.engine();
        this.origin = new EventOrigin(name, context);
        this.gate = runtime.levels().gate(name);
        this.mode = mode;
        this.callContext = runtime.callContext();
        this.clock = runtime.clock();
    }

    /** {@code parent} with another context: the same name, so the same level gate (no lookup per bind). */
    private EngineLogger(EngineLogger parent, Object[] context) {
        this.runtime = parent.runtime;
        this.engine = parent.engine;
        this.origin = parent.origin.withBoundContext(context);
        this.gate = parent.gate;
        this.mode = parent.mode;
        this.callContext = parent.callContext;
        this.clock = parent.clock;
    }

    @Override
    public String name() {
        return origin.loggerName();
    }

    @Override
    public ExecutionMode executionMode() {
        return mode;
    }

    @Override
    public boolean isEnabled(Level level) {
        return gate.isEnabled(level);
    }

    @Override
    public void log(Level level, String message, Throwable error, Object[] keyValues) {
        if (gate.isEnabled(level)) {
            submit(level, message, error, keyValues, List.of(), LogEvent.ALL_ARGUMENTS);
        }
    }

    /** The map's entries are fields only: a {@code {}} of the message takes none of them. */
    @Override
    public void log(Level level, String message, Throwable error, Map<String, ?> fields) {
        if (gate.isEnabled(level)) {
            submit(level, message, error, KeyValues.of(fields), List.of(), 0);
        }
    }

    /**
     * One event, its call context captured on this thread (also the fluent form's way in, with
     * tags); {@code placeholderArguments}: how many arguments, first, may fill the message's {@code {}}s.
     */
    private void submit(Level level, String message, Throwable error, Object[] keyValues, List<String> tags,
                        int placeholderArguments) {
        Level written = orInfo(level);
        if (mode == ExecutionMode.BOUND_LOOP && engine.refusesAtOnce(written)) {
            return;  // dropped and counted: not worth building
        }
        LogEvent event = LogEvent.atMicros(clock.nowMicros(), level, origin, message, error, ThreadNames.current(), keyValues)
                .captureCall(runtime.maxStringLength());
        event.callContext(callContext.capture()).tags(tags);
        if (placeholderArguments == 0) {
            event.argumentsAreFields();
        } else if (placeholderArguments != LogEvent.ALL_ARGUMENTS) {
            event.placeholderArguments(placeholderArguments);
        }
        engine.submit(event, mode);
    }

    /** A null level, a caller's slip, is logged at INFO and said so: never dropped without a count. */
    static Level orInfo(Level level) {
        return level == null ? Level.INFO : level;
    }

    @Override
    public LogBuilder atLevel(Level level) {
        return gate.isEnabled(level) ? new EventBuilder(builderTarget, level) : NoOpLogBuilder.INSTANCE;
    }

    @Override
    public Logger bind(Object... keyValues) {
        return new EngineLogger(this, KeyValues.bind(origin.boundContext(), keyValues));
    }

    Object[] context() {
        return origin.boundContext();
    }

    @Override
    public CompletableFuture<DrainResult> stopAndDrain() {
        return runtime.stopAndDrainFromLogger();
    }

    @Override
    public String toString() {
        return "Logger[" + origin.loggerName() + ", " + mode + "]";
    }
}
