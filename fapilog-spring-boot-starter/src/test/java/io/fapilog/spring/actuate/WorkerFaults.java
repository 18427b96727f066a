package io.fapilog.spring.actuate;

import io.fapilog.FapilogRuntime;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Ends a worker's thread on a failure its supervision cannot contain, through fapilog-core's
 * package-private fault seam ({@code Engine.injectFaults}, as core's {@code EngineFaults} uses it):
 * reached by reflection, since core's test classes are not shared with this module.
 */
final class WorkerFaults {

    private WorkerFaults() {
    }

    /** Every batch fails after it was taken from the queue, while {@code failing} is set: the loop restarts at each one. */
    static void failEveryBatchWhile(FapilogRuntime runtime, AtomicBoolean failing) throws ReflectiveOperationException {
        Consumer<Object> injection = point -> {
            if (point.toString().equals("AFTER_DRAIN") && failing.get()) {
                throw new IllegalStateException("injected: the loop fails");
            }
        };
        inject(runtime, injection);
    }

    /** The next batch fails after it was taken from the queue, and so does the recovery: the thread ends. */
    static void endTheThreadAtTheNextBatch(FapilogRuntime runtime) throws ReflectiveOperationException {
        AtomicBoolean loopFailed = new AtomicBoolean();
        AtomicBoolean recoveryFailed = new AtomicBoolean();
        Consumer<Object> injection = point -> {
            if (point.toString().equals("AFTER_DRAIN") && loopFailed.compareAndSet(false, true)) {
                throw new NoClassDefFoundError("injected: the loop fails");
            }
            if (point.toString().equals("RECOVERY") && recoveryFailed.compareAndSet(false, true)) {
                throw new OutOfMemoryError("injected: recovering fails too, the thread ends");
            }
        };
        inject(runtime, injection);
    }

    private static void inject(FapilogRuntime runtime, Consumer<Object> injection) throws ReflectiveOperationException {
        Method engineOf = FapilogRuntime.class.getDeclaredMethod("engine");
        engineOf.setAccessible(true);
        Object engine = engineOf.invoke(runtime);
        Method inject = engine.getClass().getDeclaredMethod("injectFaults", Consumer.class);
        inject.setAccessible(true);
        inject.invoke(engine, injection);
    }
}
