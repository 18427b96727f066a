package io.fapilog.internal;

/** Whether an optional dependency is on the class path, asked without initialising its class. */
public final class ClassPresence {

    private ClassPresence() {
    }

    /**
     * Whether {@code className} can be loaded by the class loader of {@code asker}. On the module path,
     * fapilog's module is made to read the class's module (a Reactor or SLF4J jar left on the class
     * path, the unnamed module, which a named module does not read unless told): found, it is usable.
     */
    public static boolean isPresent(String className, Class<?> asker) {
        try {
            Class<?> found = Class.forName(className, false, asker.getClassLoader());
            Module fapilog = ClassPresence.class.getModule();
            if (fapilog.isNamed() && !fapilog.canRead(found.getModule())) {
                fapilog.addReads(found.getModule());
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
