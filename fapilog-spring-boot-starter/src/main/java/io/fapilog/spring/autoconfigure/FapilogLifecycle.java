package io.fapilog.spring.autoconfigure;

import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.SinkHealth;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

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
 * <p>A context nobody closes (Spring's shutdown hook turned off, {@code spring.main.register-shutdown-hook=false}
 * or {@link org.springframework.boot.SpringApplication#setRegisterShutdownHook}, and {@code main}
 * returns or calls {@link System#exit}) is drained at JVM exit all the same: while it runs, the
 * lifecycle holds a JVM shutdown hook of its own. That hook first waits for Spring's
 * ({@value #SPRING_SHUTDOWN_HOOK}), if it runs, so that the beans it destroys log before the drain,
 * as on an ordinary close; the engine's own hook stays off in Spring applications for that reason.
 * The JVM starts its hooks one after another in no set order, so when the context was started by
 * {@code SpringApplication} with its hook on ({@code spring.main.register-shutdown-hook}, the
 * default), the lifecycle's hook waits for Spring's to start, up to {@value #SPRING_HOOK_STARTS_WITHIN_MILLIS} ms.
 *
 * <p>Only the context's close drains: a running context stopped on its own
 * ({@link ConfigurableApplicationContext#stop()}, as CRaC's checkpoint does) has what was logged
 * before the stop written, within the same timeout, and keeps the engine running, so that events go
 * on being written and a later {@code start()} resumes. A drained engine cannot be restarted.
 */
public class FapilogLifecycle implements SmartLifecycle, DisposableBean, ApplicationContextAware {

    /** Just above Spring Boot's logging cleanup, far below the web server. */
    public static final int DEFAULT_PHASE = Integer.MIN_VALUE + 1024;

    /** The name of Spring Boot's JVM shutdown hook thread ({@code SpringApplicationShutdownHook}). */
    static final String SPRING_SHUTDOWN_HOOK = "SpringApplicationShutdownHook";

    /** How long the JVM-exit drain waits for Spring's hook to start, when Spring registered one. */
    static final long SPRING_HOOK_STARTS_WITHIN_MILLIS = 2000;

    private final FapilogRuntime runtime;
    private final Duration timeout;
    private final DrainReport report;
    private volatile boolean running;
    private volatile boolean drained;
    private volatile DrainResult drainResult;
    private final Thread jvmExitDrain = new Thread(this::drainAtJvmExit, "fapilog-context-shutdown");
    private boolean jvmExitDrainRegistered;  // guarded by this
    /** Whether Spring Boot's shutdown hook closes this lifecycle's context at JVM exit. */
    private volatile boolean springHookExpected;
    /** The context, whose close drains; null outside one (then a stop drains). */
    private volatile ConfigurableApplicationContext context;

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

    /**
     * Learns whether {@code SpringApplication} started the context with its shutdown hook on: it
     * registers the {@code springApplicationArguments} bean in every context it starts.
     */
    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context instanceof ConfigurableApplicationContext configurable ? configurable : null;
        springHookExpected = context.containsBean("springApplicationArguments")
                && context.getEnvironment().getProperty("spring.main.register-shutdown-hook", Boolean.class, true);
    }

    boolean expectsSpringShutdownHook() {
        return springHookExpected;
    }

    /** Test seam: as if {@code SpringApplication} had started the context with its shutdown hook. */
    void expectSpringShutdownHook() {
        springHookExpected = true;
    }

    /** Starts the engine's workers (if not yet) and makes the runtime {@link Fapilog}'s default. */
    @Override
    public void start() {
        if (!runtime.isStopped()) {
            Fapilog.setDefaultRuntime(runtime);
            running = true;
            registerJvmExitDrain();
        }
    }

    /**
     * Drains the engine when the context closes, waiting at most the shutdown timeout, and reports the
     * result; at a stop of a context that stays open, writes what was logged before it.
     */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        ConfigurableApplicationContext current = context;
        if (current != null && !current.isClosed()) {
            awaitFlush();
        } else {
            drain();
        }
    }

    private void awaitFlush() {
        try {
            runtime.flush().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // what is still queued is written later: the engine goes on running
        }
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
        unregisterJvmExitDrain();
        long start = System.nanoTime();
        DrainResult result = runtime.stopAndDrain(timeout);
        drainResult = result;
        long toFallback = runtime.sinkHealth().stream().mapToLong(SinkHealth::fallbackEvents).sum();
        report.print(result, runtime.stats(), toFallback, timeout, Duration.ofNanos(System.nanoTime() - start));
    }

    private synchronized void registerJvmExitDrain() {
        if (drained || jvmExitDrainRegistered) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(jvmExitDrain);
            jvmExitDrainRegistered = true;
        } catch (IllegalStateException jvmShuttingDown) {
            // started while the JVM exits: whoever stops the context drains it
        }
    }

    private void unregisterJvmExitDrain() {
        if (jvmExitDrainRegistered && Thread.currentThread() != jvmExitDrain) {
            jvmExitDrainRegistered = false;
            try {
                Runtime.getRuntime().removeShutdownHook(jvmExitDrain);
            } catch (IllegalStateException jvmShuttingDown) {
                // the hook runs, or will: it finds the engine drained
            }
        }
    }

    /** At JVM exit: after Spring's shutdown hook closed the contexts (if it runs), drain what nobody drained. */
    void drainAtJvmExit() {
        Thread springHook = springHookExpected ? awaitSpringHook() : runningThread(SPRING_SHUTDOWN_HOOK);
        if (springHook != null) {
            try {
                springHook.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
        drain();
    }

    /** Spring's hook thread once it runs; null if it did not start in time, or closed the context already. */
    private Thread awaitSpringHook() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SPRING_HOOK_STARTS_WITHIN_MILLIS);
        Thread springHook;
        while ((springHook = runningThread(SPRING_SHUTDOWN_HOOK)) == null && !drained && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return springHook;
    }

    private static Thread runningThread(String name) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            if (name.equals(threads[i].getName()) && threads[i] != Thread.currentThread()) {
                return threads[i];
            }
        }
        return null;
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
