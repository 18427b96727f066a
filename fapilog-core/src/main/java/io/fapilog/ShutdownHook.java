package io.fapilog;

import io.fapilog.internal.FapilogThreads;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One JVM shutdown hook that drains every runtime nobody stopped, each bounded by its shutdown timeout. */
final class ShutdownHook {

    private static final Set<FapilogRuntime> RUNTIMES = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;
    private static volatile boolean draining;

    private ShutdownHook() {
    }

    /**
     * Drains {@code runtime} at JVM exit.
     *
     * @return false when the JVM is shutting down already (no hook can be added any more): the
     *         caller then drains the runtime itself, so that its events are written synchronously
     */
    static boolean register(FapilogRuntime runtime) {
        if (!install()) {
            return false;
        }
        RUNTIMES.add(runtime);
        return true;
    }

    /** Whether the JVM is running its shutdown hooks (ours, or anyone's). */
    static boolean jvmShuttingDown() {
        if (draining) {
            return true;
        }
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    static void unregister(FapilogRuntime runtime) {
        RUNTIMES.remove(runtime);
    }

    private static synchronized boolean install() {
        if (draining) {
            return false;
        }
        if (!installed) {
            try {
                Runtime.getRuntime().addShutdownHook(FapilogThreads.newThread(ShutdownHook::drainAll, "fapilog-shutdown"));
            } catch (IllegalStateException shutdownInProgress) {
                return false;
            }
            installed = true;
        }
        return true;
    }

    private static void drainAll() {
        draining = true;
        for (FapilogRuntime runtime : RUNTIMES.toArray(FapilogRuntime[]::new)) {
            runtime.close();
        }
    }
}
