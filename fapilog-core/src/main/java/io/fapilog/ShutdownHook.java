package io.fapilog;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One JVM shutdown hook that drains every runtime nobody stopped, each bounded by its shutdown timeout. */
final class ShutdownHook {

    private static final Set<FapilogRuntime> RUNTIMES = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    private ShutdownHook() {
    }

    static void register(FapilogRuntime runtime) {
        install();
        RUNTIMES.add(runtime);
    }

    static void unregister(FapilogRuntime runtime) {
        RUNTIMES.remove(runtime);
    }

    private static synchronized void install() {
        if (!installed) {
            installed = true;
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHook::drainAll, "fapilog-shutdown"));
        }
    }

    private static void drainAll() {
        for (FapilogRuntime runtime : RUNTIMES.toArray(FapilogRuntime[]::new)) {
            runtime.close();
        }
    }
}
