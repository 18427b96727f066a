package io.fapilog.spi;

/**
 * A throwable known by its text only, as another process or a framework's serialised event carries
 * it (a Logback {@code LoggingEventVO} from a socket receiver): the encoders write its type name,
 * message, frames, cause and suppressed throwables as they would the original's.
 */
public class RemoteThrowable extends Throwable {

    private static final long serialVersionUID = 1L;

    private final String typeName;

    /**
     * @param typeName the original's class name
     * @param message its message (may be null)
     * @param frames its stack trace
     * @param cause its cause, a {@code RemoteThrowable} too (may be null)
     */
    public RemoteThrowable(String typeName, String message, StackTraceElement[] frames, Throwable cause) {
        super(message, cause, true, true);
        this.typeName = typeName == null ? RemoteThrowable.class.getName() : typeName;
        setStackTrace(frames == null ? new StackTraceElement[0] : frames);
    }

    /**
     * For a subclass whose cause is set after it is made ({@link #initCause}, once): a copy in a
     * cause chain that loops back to it, whose cause can only be made after it.
     *
     * @param typeName the original's class name
     * @param message its message (may be null)
     * @param frames its stack trace
     */
    protected RemoteThrowable(String typeName, String message, StackTraceElement[] frames) {
        super(message);
        this.typeName = typeName == null ? RemoteThrowable.class.getName() : typeName;
        setStackTrace(frames == null ? new StackTraceElement[0] : frames);
    }

    /** The original's class name, written where the class name would be. */
    public String typeName() {
        return typeName;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // the original's frames are set instead
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? typeName : typeName + ": " + message;
    }
}
