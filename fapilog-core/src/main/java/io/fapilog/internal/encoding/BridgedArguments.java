package io.fapilog.internal.encoding;

/**
 * The classes of a framework's message arguments (an SLF4J call's) that fapilog formats itself, on
 * the worker, rather than leaving them to the framework's text on the caller's thread: Kafka's
 * records and headers and Spring Security's authentications, whose text hides from redaction what
 * their fields show; Hibernate's lazy values, whose text loads them; a web server's objects, a
 * cookie's text being its value. Asked for every argument of every bridged call, so known once per class.
 */
public final class BridgedArguments {

    /** A {@code Boolean} holds no class of fapilog's loader (see {@code CallSnapshot}). */
    private static final ClassValue<Boolean> FORMATTED_ON_WORKER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return MessageValues.textHidesSecrets(type) || HibernateLazyValues.isLazyType(type) || WebObjects.isWebObject(type);
        }
    };

    private BridgedArguments() {
    }

    /** Whether arguments of {@code type} are formatted by fapilog. */
    public static boolean formattedOnWorker(Class<?> type) {
        return FORMATTED_ON_WORKER.get(type);
    }
}
