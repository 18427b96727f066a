package io.fapilog.internal.engine;

import io.fapilog.internal.FapilogThreads;

import io.fapilog.internal.ClassPresence;

/**
 * The engine's only doorway to Reactor, which is optional: every method checks for it first, and
 * Reactor classes are referenced from nested classes that load only when Reactor is present.
 */
public final class ReactorSupport {

    private static final boolean PRESENT = ClassPresence.isPresent("reactor.core.scheduler.Schedulers", ReactorSupport.class);

    private ReactorSupport() {
    }

    public static boolean isPresent() {
        return PRESENT;
    }

    /** Whether the current thread is a Reactor non-blocking thread (an event loop or parallel worker). */
    public static boolean isInNonBlockingThread() {
        return PRESENT && Present.isInNonBlockingThread();
    }

    /**
     * Reactor's parallel scheduler as a {@link SweepTimer}, or null without Reactor: for telling
     * callers that did not block, whose code (a {@code Mono}'s subscribers) runs there.
     */
    public static SweepTimer sweepTimer() {
        return PRESENT ? Present.SWEEP_TIMER : null;
    }

    /**
     * A thread of fapilog's own as a {@link SweepTimer} ({@code fapilog-expiry}, a daemon Reactor
     * non-blocking thread shared by every engine), or null without Reactor: for expiring the events
     * of callers that did not block. Not Reactor's parallel scheduler, which the application may keep
     * busy: a wait must end at its timeout even then.
     */
    public static SweepTimer expiryTimer() {
        return PRESENT ? Expiry.TIMER : null;
    }

    /** Whether {@code timer} is the shared expiry thread's: an engine using it holds it until its drain. */
    static boolean isSharedExpiryTimer(SweepTimer timer) {
        return PRESENT && timer == Expiry.TIMER;
    }

    /** An engine that keeps deadlines on the shared expiry thread is built. */
    static void holdExpiryThread() {
        Expiry.hold();
    }

    /**
     * An engine that kept deadlines on the shared expiry thread is drained: with none left, the thread
     * ends (the deadlines it still holds are of drained engines) and the next deadline makes another.
     */
    static void releaseExpiryThread() {
        Expiry.release();
    }

    /** Throws a clear error when Reactor is missing, naming {@code feature} and the dependency to add. */
    /**
     * On the module path fapilog reads Reactor only as an optional module ({@code requires static}):
     * an application's module that has reactor-core must also require it, or Reactor is not there for fapilog.
     */
    public static final String ON_THE_MODULE_PATH = "; on the module path, also 'requires reactor.core;' in your module";

    public static void require(String feature) {
        if (!PRESENT) {
            throw new IllegalStateException(feature + " needs Project Reactor on the classpath: add the dependency "
                    + "io.projectreactor:reactor-core (managed by the Spring Boot BOM" + ON_THE_MODULE_PATH + "). Without it only "
                    + "ExecutionMode.THREAD is available.");
        }
    }

    /** Loaded by the first engine built with Reactor present ({@link #sweepTimer()}). */
    private static final class Present {
        static {
            // Reactor's Schedulers initialised with the engine, not under the first caller: on a virtual
            // thread its class initialisation (84 ms measured on Java 25) holds the carrier pinned.
            reactor.core.scheduler.Schedulers.isInNonBlockingThread();
        }

        static final SweepTimer SWEEP_TIMER = (task, delayNanos) -> reactor.core.scheduler.Schedulers.parallel()
                .schedule(task, delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS);

        static boolean isInNonBlockingThread() {
            return reactor.core.scheduler.Schedulers.isInNonBlockingThread();
        }
    }

    /**
     * A plain executor rather than a Reactor scheduler, so that a scheduler factory set for a while (a
     * test's virtual time) is never captured for good. Its one thread is a daemon and a Reactor
     * {@code NonBlocking} one: what runs there must not block, and BlockHound checks it. Made at the
     * first deadline to keep, and ended once every engine that held it is drained: a thread that
     * outlived its runtimes kept fapilog's class loader, a stopped web application's, with everything
     * the application had loaded. (An engine never drained holds it for good.)
     */
    private static final class Expiry {
        private static java.util.concurrent.ScheduledThreadPoolExecutor executor; // guarded by Expiry.class
        private static int engines;                                                // guarded by Expiry.class
        static final SweepTimer TIMER = Expiry::schedule;

        static synchronized void schedule(Runnable task, long delayNanos) {
            if (executor == null) {
                executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, ExpiryThread::new);
            }
            executor.schedule(task, delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        static synchronized void hold() {
            engines++;
        }

        static synchronized void release() {
            if (--engines <= 0 && executor != null) {
                executor.shutdownNow();
                executor = null;
            }
        }
    }

    private static final class ExpiryThread extends Thread implements reactor.core.scheduler.NonBlocking {
        ExpiryThread(Runnable task) {
            super(FapilogThreads.marked(task), "fapilog-expiry");
            setDaemon(true);
            setPriority(NORM_PRIORITY);
            setContextClassLoader(ExpiryThread.class.getClassLoader());
        }
    }
}
