package io.fapilog.internal;

/**
 * Fapilog's own threads (workers, sinks' hand-offs and closers, the drain): what is logged on them (a
 * Kafka client inside a sink's write) never waits, for room or for a drain that may be waiting for
 * them, and what they log while writing events that were themselves logged there is dropped (a
 * logging loop). Known by the work they run, not by their name: an application thread named
 * {@code fapilog-importer} is the application's.
 */
public final class FapilogThreads {

    private static final ThreadLocal<Boolean> OWN = new ThreadLocal<>();
    /** The names of the threads running fapilog's work now, for events appended on another thread. */
    private static final java.util.Set<String> OWN_NAMES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FapilogThreads() {
    }

    /**
     * A new, unstarted thread that runs {@code task} as fapilog's own. Its context class loader is
     * fapilog's, not its creator's: a thread kept after its application ended (an ended worker of the
     * drained runtime kept for late events, the JVM's shutdown hook) would keep that application's
     * classes alive (Spring Boot DevTools' restart loader, one per restart). Its priority is the normal one.
     */
    public static Thread newThread(Runnable task, String name) {
        Thread thread = new OwnThread(marked(task), name);
        thread.setContextClassLoader(FapilogThreads.class.getClassLoader());
        thread.setPriority(Thread.NORM_PRIORITY); // not its creator's (a container's deployer runs at the lowest)
        return thread;
    }

    /** {@code task}, run as fapilog's own work on whatever thread runs it (a scheduler's). */
    public static Runnable marked(Runnable task) {
        return () -> {
            String name = Thread.currentThread().getName();
            OWN.set(Boolean.TRUE);
            boolean named = OWN_NAMES.add(name);
            try {
                task.run();
            } finally {
                if (named) {
                    OWN_NAMES.remove(name);
                }
                OWN.remove();
            }
        };
    }

    /**
     * Whether the thread named {@code name} runs fapilog's own work now: for an event that an
     * asynchronous appender hands on from the thread that logged it, known only by that thread's name.
     */
    public static boolean isOwnName(String name) {
        return name != null && OWN_NAMES.contains(name);
    }

    /** Whether the calling thread runs fapilog's own work. */
    public static boolean isCurrent() {
        return OWN.get() != null;
    }

    /**
     * Runs {@code write} on the calling thread (a sink's hand-off) as the write of events of which some
     * were logged on fapilog's own threads, when {@code ownEvents}: what is logged meanwhile on it is a
     * logging loop ({@link OwnThread#writesOwnEvents()}).
     */
    public static <E extends Exception> void write(boolean ownEvents, ThrowingRunnable<E> write) throws E {
        if (!ownEvents || !(Thread.currentThread() instanceof OwnThread own)) {
            write.run();
            return;
        }
        own.writesOwnEvents = true;
        try {
            write.run();
        } finally {
            own.writesOwnEvents = false;
        }
    }

    /** A write that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable<E extends Exception> {
        void run() throws E;
    }

    /** A thread made by {@link #newThread}: the engine tells it from the application's by its type, at no cost to theirs. */
    public static final class OwnThread extends Thread {

        private boolean writesOwnEvents; // read and written on this thread only

        private OwnThread(Runnable task, String name) {
            super(task, name);
        }

        /** Whether this thread writes events of which some were logged on fapilog's own threads; read on it. */
        public boolean writesOwnEvents() {
            return writesOwnEvents;
        }
    }
}
