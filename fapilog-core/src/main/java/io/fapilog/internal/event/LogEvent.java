package io.fapilog.internal.event;

import io.fapilog.spi.MutableLogEvent;
import io.fapilog.Level;

/**
 * One log event. The caller captures only what it must (time, level, names, the raw key/value
 * arguments and a reference to the logger's bound context); the worker turns the raw arguments
 * into {@link Fields} on first access, so that work stays off the caller's thread.
 *
 * <p>An event is created on the caller's thread and afterwards owned by exactly one worker;
 * the pipeline mutates its fields in place.
 */
public final class LogEvent implements MutableLogEvent {

    /** Data key that receives a value without a key (odd number of key/value arguments). */
    public static final String UNPAIRED_VALUE_KEY = "_unpaired";
    /** Diagnostics key that explains malformed key/value arguments. */
    public static final String ARGUMENT_ERROR_KEY = "argument_error";

    private final long timestampMillis;
    private final Level level;
    private final String loggerName;
    private String message;
    private Throwable throwable;
    private final String threadName;
    private final Object[] boundContext;
    private final Object[] arguments;

    private Fields context;
    private Fields diagnostics;
    private Fields data;

    /**
     * @param boundContext the logger's bound context: alternating valid String keys and values, shared, never modified
     * @param arguments the caller's alternating key/value arguments, unchecked (may be null)
     */
    public LogEvent(long timestampMillis, Level level, String loggerName, String message, Throwable throwable,
                    String threadName, Object[] boundContext, Object[] arguments) {
        this.timestampMillis = timestampMillis;
        this.level = level;
        this.loggerName = loggerName;
        this.message = message;
        this.throwable = throwable;
        this.threadName = threadName;
        this.boundContext = boundContext;
        this.arguments = arguments;
    }

    /** An event with the given structured parts, for tests and sinks that replay events. */
    public static LogEvent of(long timestampMillis, Level level, String loggerName, String message,
                              Object... arguments) {
        return new LogEvent(timestampMillis, level, loggerName, message, null,
                Thread.currentThread().getName(), null, arguments);
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    public Level level() {
        return level;
    }

    public String loggerName() {
        return loggerName;
    }

    public String message() {
        return message;
    }

    /** Replaces the message by its redacted form; called by redactors on the worker. */
    public void message(String redacted) {
        this.message = redacted;
    }

    public Throwable throwable() {
        return throwable;
    }

    /** Replaces the throwable by its redacted copy; called by redactors on the worker. */
    public void throwable(Throwable redacted) {
        this.throwable = redacted;
    }

    public String threadName() {
        return threadName;
    }

    /** Request-scoped values: the logger's bound context, then trace ids and MDC values added by enrichers. */
    public Fields context() {
        if (context == null) {
            context = new Fields(0);
            context.reuse(boundContext, boundContext == null ? 0 : boundContext.length / 2);
        }
        return context;
    }

    /** Facts about where the event was produced: service, env, host, pid, thread, exception. */
    public Fields diagnostics() {
        if (diagnostics == null) {
            diagnostics = new Fields(0);
            // Normalising the arguments may add an argument_error here: do it before anyone reads.
            data();
        }
        return diagnostics;
    }

    /** The caller's key/value arguments. Malformed arguments never throw: see {@link #ARGUMENT_ERROR_KEY}. */
    public Fields data() {
        if (data == null) {
            data = new Fields(0);
            fill(data, arguments);
        }
        return data;
    }

    /**
     * Lends this event a worker's reusable fields, filled as {@link #context()}, {@link #diagnostics()}
     * and {@link #data()} would be, so processing it allocates nothing unless a stage writes. The
     * worker calls {@link #release()} before lending them to the next event.
     */
    public void lend(Fields context, Fields diagnostics, Fields data) {
        context.reuse(boundContext, boundContext == null ? 0 : boundContext.length / 2);
        diagnostics.reuse(null, 0);
        this.context = context;
        this.diagnostics = diagnostics;
        this.data = data;
        fill(data, arguments);
    }

    /** Gives the lent fields back: later reads of this event get fields of its own. */
    public void release() {
        context = null;
        diagnostics = null;
        data = null;
    }

    /** Shares well-formed arguments as they are; copies and repairs malformed ones. */
    private void fill(Fields fields, Object[] args) {
        if (args == null || args.length == 0) {
            fields.reuse(null, 0);
        } else if (isWellFormed(args)) {
            fields.reuse(args, args.length / 2);
        } else {
            fields.reuse(null, 0);
            normalize(fields, args);
        }
    }

    private static boolean isWellFormed(Object[] args) {
        if (args.length % 2 != 0) {
            return false;
        }
        for (int i = 0; i < args.length; i += 2) {
            if (!(args[i] instanceof String key)) {
                return false;
            }
            for (int j = 0; j < i; j += 2) {
                if (key.equals(args[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    private void normalize(Fields fields, Object[] args) {
        int pairs = args.length / 2;
        for (int i = 0; i < pairs; i++) {
            Object key = args[i * 2];
            if (key instanceof String name) {
                fields.put(name, args[i * 2 + 1]);
            } else {
                fields.put(String.valueOf(key), args[i * 2 + 1]);
                diagnostics().put(ARGUMENT_ERROR_KEY, "non-String key at argument " + (i * 2));
            }
        }
        if (args.length % 2 != 0) {
            fields.put(UNPAIRED_VALUE_KEY, args[args.length - 1]);
            diagnostics().put(ARGUMENT_ERROR_KEY, "odd number of key/value arguments (" + args.length + ")");
        }
    }

    @Override
    public String toString() {
        return level + " " + loggerName + " " + message + " " + data();
    }
}
