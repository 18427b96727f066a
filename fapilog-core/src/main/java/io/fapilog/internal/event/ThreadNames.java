package io.fapilog.internal.event;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The name an event records for the thread that logged it: the thread's own name, or, for a
 * thread without one (a virtual thread from {@code Executors.newVirtualThreadPerTaskExecutor()}
 * has an empty name), {@code virtual-<id>} or {@code unnamed-<id>}, as Logback 1.5 prints it.
 */
public final class ThreadNames {

    /** {@code Thread.isVirtual()} on Java 21 and later; null on Java 17, which has no virtual threads. */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    /**
     * The names made for unnamed threads, by id: a virtual thread that logs many events is given its
     * name once, not once an event (56 B each). A slot holds the latest thread whose id falls there;
     * an entry is immutable and matched by id, which alone determines the name, so races are benign.
     */
    private static final Unnamed[] RECENT = new Unnamed[256];

    private record Unnamed(long id, String name) {
    }

    private ThreadNames() {
    }

    /** The calling thread's name, never empty. */
    public static String current() {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        return name.isEmpty() ? unnamed(thread) : name;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number
    static String unnamed(Thread thread) {
        long id = thread.getId();
        int slot = (int) id & (RECENT.length - 1);
        Unnamed recent = RECENT[slot];
        if (recent != null && recent.id == id) {
            return recent.name;
        }
        String name = (isVirtual(thread) ? "virtual-" : "unnamed-") + id;
        RECENT[slot] = new Unnamed(id, name);
        return name;
    }

    private static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
