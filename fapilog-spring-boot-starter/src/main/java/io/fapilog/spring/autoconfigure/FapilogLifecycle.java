package io.fapilog.spring.autoconfigure;

import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * Starts the application's Fapilog engine with the context and drains it when the context closes.
 *
 * <p>Phase {@link #DEFAULT_PHASE}: lifecycles stop in descending phase order, so the drain runs
 * after the web server's graceful shutdown and stop ({@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE}
 * and {@code START_STOP_LIFECYCLE_PHASE}, near {@code Integer.MAX_VALUE}) and after every component
 * in an ordinary phase, so that requests still in flight and components shutting down get their
 * events written; and before Spring Boot's logging system cleans up ({@code Integer.MIN_VALUE + 1}).
 *
 * <p>The drain is bounded by {@code fapilog.shutdown.timeout}. Its {@link DrainResult} cannot go
 * through the engine it describes, so it is printed as one JSON line by {@link DrainReport}: on
 * standard output when the engine writes there, else on standard error. Events logged after the
 * drain (beans destroyed later, JVM shutdown hooks, also through the SLF4J bridge) are written
 * synchronously by the drained runtime, through its redaction and encoders, and counted.
 *
 * <p>A drained engine cannot be restarted: the lifecycle is not pauseable, and starting it again
 * after a stop does nothing.
 */
public class FapilogLifecycle implements SmartLifecycle, DisposableBean {

    /** Just above Spring Boot's logging cleanup, far below the web server. */
    public static final int DEFAULT_PHASE = Integer.MIN_VALUE + 1024;

    private final FapilogRuntime runtime;
    private final Duration timeout;
    private final DrainReport report;
    private volatile boolean running;
    private volatile boolean drained;
    private volatile DrainResult drainResult;

    /**
     * @param timeout the longest the drain may take ({@code fapilog.shutdown.timeout})
     */
    public FapilogLifecycle(FapilogRuntime runtime, Duration timeout) {
        this(runtime, timeout, DrainReport.forRuntime(runtime));
    }

    FapilogLifecycle(FapilogRuntime runtime, Duration timeout, DrainReport report) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.report = report;
    }

    /** Starts the engine's workers (if not yet) and makes the runtime {@link Fapilog}'s default. */
    @Override
    public void start() {
        if (!runtime.isStopped()) {
            Fapilog.setDefaultRuntime(runtime);
            running = true;
        }
    }

    /** Drains the engine, waiting at most the shutdown timeout, and reports the result. */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        drain();
    }

    /**
     * Drains the engine if the lifecycle did not (a context that failed before it started): a
     * drain that timed out at stop is not waited for a second time.
     */
    @Override
    public void destroy() {
        running = false;
        drain();
    }

    private synchronized void drain() {
        if (drained) {
            return;
        }
        drained = true;
        long start = System.nanoTime();
        DrainResult result = runtime.stopAndDrain(timeout);
        drainResult = result;
        report.print(result, runtime.stats(), timeout, Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    @Override
    public boolean isPauseable() {
        return false;
    }

    /** The result of the drain at stop, or {@code null} before it (or when it timed out). */
    public DrainResult getDrainResult() {
        return drainResult;
    }
}
