package io.fapilog.internal.engine;

import io.fapilog.internal.encoding.StackTraces;

/** Says where a worker held up in one batch is, for health and the drain's notice. */
final class HeldWorker {

    private HeldWorker() {
    }

    /**
     * The innermost frame of the application's code on {@code thread} (a value's {@code toString()}, a
     * custom sink's write), else its innermost frame; {@code null} without a thread or a stack.
     */
    static String where(Thread thread) {
        if (thread == null) {
            return null;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        for (StackTraceElement frame : stack) {
            if (!isPlatformOrFapilog(frame.getClassName())) {
                return describe(frame);
            }
        }
        return stack.length == 0 ? null : describe(stack[0]);
    }

    private static String describe(StackTraceElement frame) {
        return StackTraces.appendFrame(new StringBuilder(), frame).toString();
    }

    private static boolean isPlatformOrFapilog(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.") || className.startsWith("io.fapilog.internal.")
                || className.startsWith("io.fapilog.sinks.")
                || className.startsWith("tools.jackson.") || className.startsWith("reactor.");
    }
}
