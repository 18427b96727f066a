package io.fapilog.internal;

/** Whether an optional dependency is on the class path, asked without initialising its class. */
public final class ClassPresence {

    private ClassPresence() {
    }

    /** Whether {@code className} can be loaded by the class loader of {@code asker}. */
    public static boolean isPresent(String className, Class<?> asker) {
        try {
            Class.forName(className, false, asker.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
