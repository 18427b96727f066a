package io.fapilog.spi;

import io.fapilog.FapilogRuntime;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The runtimes a logging framework's appender hands its events to (the Logback and Log4j2
 * bridges): those connected, newest last, and the drained one kept for the events logged once none
 * is connected (a bean destroyed after the drain, a JVM shutdown hook), which writes them
 * synchronously through its redaction and encoders. The appender's threads read it while the
 * bridge connects and disconnects: each change replaces the whole, so that a reader never finds
 * one half changed (no runtime for an instant, and the event went to the appenders the bridge
 * replaced, raw).
 */
public final class BridgedRuntimes {

    private record State(FapilogRuntime[] connected, FapilogRuntime drained) {
    }

    private volatile State state = new State(new FapilogRuntime[0], null);

    /** Makes {@code runtime} the newest connected one. */
    public synchronized void connect(FapilogRuntime runtime) {
        Objects.requireNonNull(runtime, "runtime");
        FapilogRuntime[] rest = without(runtime);
        FapilogRuntime[] next = Arrays.copyOf(rest, rest.length + 1);
        next[rest.length] = runtime;
        // the one kept for late events is forgotten: its application, and that one's class loader, may be gone (a DevTools restart)
        state = new State(next, null);
    }

    /**
     * Stops handing events to {@code runtime}; the previously connected one takes over.
     *
     * @return whether none is connected any more
     */
    public synchronized boolean disconnect(FapilogRuntime runtime) {
        FapilogRuntime[] rest = without(runtime);
        state = new State(rest, state.drained());
        return rest.length == 0;
    }

    /**
     * {@link #disconnect} for a drained runtime: when none is left, it is {@linkplain #keepForLateEvents
     * kept for late events}.
     *
     * @return whether none is connected any more
     */
    public synchronized boolean disconnectDrained(FapilogRuntime runtime) {
        FapilogRuntime[] rest = without(runtime);
        state = new State(rest, rest.length == 0 ? runtime : state.drained());
        return rest.length == 0;
    }

    /** Keeps {@code runtime}, drained and disconnected, as the target of the events logged while none is connected. */
    public synchronized void keepForLateEvents(FapilogRuntime runtime) {
        state = new State(state.connected(), runtime);
    }

    /** The drained runtime kept for late events, or null. */
    public FapilogRuntime keptForLateEvents() {
        return state.drained();
    }

    /** The connected runtimes, oldest first. */
    public List<FapilogRuntime> connected() {
        return List.of(state.connected());
    }

    public boolean isConnected(FapilogRuntime runtime) {
        return Arrays.asList(state.connected()).contains(runtime);
    }

    /** Whether no runtime is connected nor kept for late events. */
    public boolean isEmpty() {
        State current = state;
        return current.connected().length == 0 && current.drained() == null;
    }

    /**
     * The runtime events go to now: the newest connected one that runs, else the newest connected
     * one even if drained (it writes late events synchronously, redacted, as JSON: a
     * {@code @PreDestroy} logging after the drain), else the one kept for late events, else null.
     */
    public FapilogRuntime target() {
        State current = state;
        FapilogRuntime[] connected = current.connected();
        for (int i = connected.length - 1; i >= 0; i--) {
            if (!connected[i].isStopped()) {
                return connected[i];
            }
        }
        return connected.length > 0 ? connected[connected.length - 1] : current.drained();
    }

    private FapilogRuntime[] without(FapilogRuntime runtime) {
        return Arrays.stream(state.connected()).filter(r -> r != runtime).toArray(FapilogRuntime[]::new);
    }
}
