package io.fapilog.spring.logging;

import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The runtime that {@link FapilogBridgeApplicationListener} started as soon as the environment was
 * prepared, so that the SLF4J bridge carries Spring's start-up logs. Registered in the application
 * context (bean {@value #BEAN_NAME}), where the auto-configuration {@linkplain #adopt adopts} it as the
 * application's {@link FapilogRuntime} when the context's configuration is the same.
 *
 * <p>Otherwise (a user-defined runtime bean, or properties that changed after the environment was
 * prepared) it is retired once every singleton exists: detached from the bridge and drained, so the
 * events it took are written and the application keeps exactly one runtime.
 */
public final class FapilogEarlyRuntime implements SmartInitializingSingleton, DisposableBean {

    /** The bean name under which the runtime is registered. */
    public static final String BEAN_NAME = "fapilogEarlyRuntime";

    private final FapilogRuntime runtime;
    private final Runnable detach;
    private final AtomicBoolean adopted = new AtomicBoolean();
    private final AtomicBoolean retired = new AtomicBoolean();

    /**
     * @param detach disconnects the runtime from the SLF4J bridge
     */
    FapilogEarlyRuntime(FapilogRuntime runtime, Runnable detach) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.detach = Objects.requireNonNull(detach, "detach");
    }

    public FapilogRuntime runtime() {
        return runtime;
    }

    /**
     * Hands the runtime over as the application's runtime if it was built from {@code config} and is
     * still running.
     *
     * @return the runtime, or {@code null} if it does not fit (the caller then starts its own)
     */
    public FapilogRuntime adopt(FapilogConfig config) {
        if (!retired.get() && !runtime.isStopped() && runtime.config().equals(config)) {
            adopted.set(true);
            return runtime;
        }
        return null;
    }

    public boolean isAdopted() {
        return adopted.get();
    }

    /**
     * Hands over to {@code successor}, the application's runtime made in its place (its configuration
     * has the application's own beans): connects it to the bridge, then retires this runtime at once, so
     * that its drain writes what it took and lets go of its files before the successor writes to them.
     * Kept until every singleton existed, it held a log file that refused the successor's lines, which
     * went to standard error meanwhile.
     */
    public void replacedBy(FapilogRuntime successor) {
        if (!adopted.get() && !retired.get()) {
            if (successor.config().bridgeSlf4j()) {
                LogBridges.connect(successor);
            }
            retire();
        }
    }

    /** Retires the runtime if the context did not adopt it. */
    @Override
    public void afterSingletonsInstantiated() {
        if (!adopted.get()) {
            retire();
        }
    }

    /**
     * Drains the runtime, unless the application's {@code FapilogLifecycle} drained it already, and
     * then detaches it from the bridge. Not adopted and not retired yet means the context's refresh
     * failed before every singleton existed: retired as after a failure.
     */
    @Override
    public void destroy() {
        if (adopted.get() && runtime.isStopped()) {
            // the lifecycle drained it, or gave up on a drain that ran out of time: waiting again (a worker
            // held by a value's toString) doubled the shutdown's fapilog.shutdown.timeout
            if (retired.compareAndSet(false, true)) {
                detach.run();
            }
        } else if (adopted.get()) {
            drainThenDetach(); // the refresh failed after adopting it: no lifecycle drained it
        } else {
            retireAfterFailure();
        }
    }

    /**
     * After the application failed to start: drains the runtime (bounded by its shutdown timeout) and
     * only then detaches it, so that the bridge keeps it for what is logged next, Spring Boot's failure
     * report among it, written synchronously in the application's format and redacted, where a
     * detached running runtime would hand the console back to Logback's text.
     */
    void retireAfterFailure() {
        if (retired.compareAndSet(false, true)) {
            drainThenDetach();
        }
    }

    private void drainThenDetach() {
        runtime.stopAndDrain(runtime.config().shutdown().timeout());
        detach.run();
    }

    /** Detaches the runtime from the bridge (once) and drains it, bounded by its shutdown timeout. */
    void retire() {
        if (retired.compareAndSet(false, true)) {
            detach.run();
            runtime.stopAndDrain(runtime.config().shutdown().timeout());
        }
    }
}
