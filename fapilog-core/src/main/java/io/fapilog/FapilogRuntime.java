package io.fapilog;

import io.fapilog.internal.engine.Engine;
import io.fapilog.EngineStats;
import io.fapilog.internal.engine.LevelGates;
import io.fapilog.internal.engine.ReactorSupport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running engine and the loggers that write to it. Closing it drains: use it in
 * try-with-resources in CLI tools and batch jobs so that nothing logged is lost at exit.
 *
 * <pre>{@code
 * try (FapilogRuntime runtime = Fapilog.runtime(config)) {
 *     Logger log = runtime.getLogger("batch");
 *     log.info("Batch started", "items", 1200);
 * }
 * }</pre>
 */
public final class FapilogRuntime implements AutoCloseable {

    private final FapilogConfig config;
    private final Engine engine;
    private final LevelGates levels;

    FapilogRuntime(FapilogConfig config) {
        this.config = config;
        this.levels = new LevelGates(config.level(), config.levels());
        this.engine = EngineAssembler.assemble(config).start();
        if (config.shutdownHook() && !ShutdownHook.register(this)) {
            // Started while the JVM shuts down: nothing would drain it, so drain it now; its events
            // are then written synchronously on the caller's thread.
            engine.stopAndDrain().join();
        }
    }

    public FapilogConfig config() {
        return config;
    }

    /** The engine's queue and counters, for metrics and health. */
    public Engine engine() {
        return engine;
    }

    /** The level thresholds, changeable at run time. */
    public LevelGates levels() {
        return levels;
    }

    public EngineStats stats() {
        return engine.stats();
    }

    /**
     * A synchronous logger. Its mode is {@code fapilog.mode} when set, else detected now:
     * BOUND_LOOP on a Reactor non-blocking thread, THREAD anywhere else.
     */
    public Logger getLogger(String name) {
        return new EngineLogger(this, name, syncMode(), null);
    }

    /** An ASYNC logger; needs Reactor on the classpath. */
    public AsyncLogger getAsyncLogger(String name) {
        ReactorSupport.require("AsyncLogger");
        return new EngineAsyncLogger(this, name, null);
    }

    private ExecutionMode syncMode() {
        return switch (config.mode()) {
            case THREAD -> ExecutionMode.THREAD;
            case BOUND_LOOP, ASYNC -> ExecutionMode.BOUND_LOOP;
            case AUTO -> ReactorSupport.isInNonBlockingThread() ? ExecutionMode.BOUND_LOOP : ExecutionMode.THREAD;
        };
    }

    /** Stops intake and drains; idempotent. */
    public CompletableFuture<DrainResult> stopAndDrain() {
        ShutdownHook.unregister(this);
        Fapilog.forget(this);
        return engine.stopAndDrain();
    }

    /**
     * Drains, waiting at most {@code timeout}. Returns null and says so on standard error when the
     * sinks could not take everything in time.
     */
    public DrainResult stopAndDrain(Duration timeout) {
        try {
            return stopAndDrain().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            System.err.println("fapilog: drain did not finish within " + timeout + "; stats " + engine.stats());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            System.err.println("fapilog: drain failed: " + e.getCause());
            return null;
        }
    }

    public boolean isStopped() {
        return engine.isStopped();
    }

    /** Drains, bounded by {@code shutdown.timeout}. */
    @Override
    public void close() {
        stopAndDrain(config.shutdownTimeout());
    }

    @Override
    public String toString() {
        return "FapilogRuntime[preset=" + config.preset().id() + ", stopped=" + isStopped() + "]";
    }
}
