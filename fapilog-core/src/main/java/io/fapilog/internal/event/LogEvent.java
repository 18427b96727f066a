package io.fapilog.internal.event;

import io.fapilog.spi.MutableLogEvent;
import io.fapilog.Level;

import java.util.function.UnaryOperator;

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

    private static final Level[] LEVELS = Level.values();

    // Every log call allocates an event, so its fields are kept to 48 bytes: the logger's name and
    // bound context share one reference (the origin), the level is held as its ordinal, and the
    // throwable, call context and tags, which most events lack, share another (see rare).
    /** For {@link #placeholderArguments(int)}: every argument may fill a {@code {}}, as in a plain call. */
    public static final int ALL_ARGUMENTS = Integer.MAX_VALUE;

    private long timestampMicros;
    private byte level;
    /**
     * {@link #RESOLVED} once the message's {@code {}}s are filled; before, how many arguments, first,
     * they may take (fewer than all when a fluent builder added pairs after them). A short: an int
     * would make every event 8 bytes larger.
     */
    private short placeholderArguments = Short.MAX_VALUE;
    private static final short RESOLVED = -1;
    /** A null level, a caller's slip, is held as INFO with this bit, which its diagnostics tell (no field: 8 bytes an event). */
    private static final int NULL_LEVEL_BIT = 0x40;
    private static final int LEVEL_BITS = NULL_LEVEL_BIT - 1;
    private static final byte NULL_LEVEL = (byte) (NULL_LEVEL_BIT | Level.INFO.ordinal());
    /** Set on an event logged on a worker while it handled another event (no field: 8 bytes an event). */
    private static final int LOGGED_WHILE_HANDLING_BIT = 0x80;
    private EventOrigin origin; // replaced only by a redactor that masks the logger's name
    private String message;
    private String threadName;
    private Object[] arguments;
    /**
     * The throwable, the call context, the tags and the weight: null when the event has none, the
     * throwable's or the call context's own reference when it has only that one, else a {@link Rare}
     * holding all four (one field for four keeps every event at 48 bytes).
     */
    private Object rare;

    private static final class Rare {
        Throwable throwable;
        Object[] callContext;
        java.util.List<String> tags = java.util.List.of();
        /** What the event's large values hold ({@link #weigh}): only heavy events have one. */
        int weight;
    }

    static {
        // Loaded and initialized with the event class: a web application's late event, logged after its
        // stopped loader refuses classes it has not loaded yet, must not need them. A throwable's
        // weighing, both ways (read frames, an unread stack), resolves the classes it needs.
        new Rare();
        ThrowableFootprint.weight(new io.fapilog.spi.RemoteThrowable(null, null, null, new Throwable()));
    }

    /** The event's fields: lent by the worker while it processes the event, else made on first read. */
    private Parts parts;

    /**
     * The three field sets of an event, in one object so that an event carries one reference for
     * them (the event is what every log call allocates). A worker keeps one and lends it to each
     * event it processes.
     */
    public static final class Parts {
        Fields context;
        Fields diagnostics;
        Fields data;

        /** Reusable fields for a worker to lend. */
        public static Parts reusable() {
            Parts parts = new Parts();
            parts.context = new Fields(4);
            parts.diagnostics = new Fields(8);
            parts.data = new Fields(4);
            return parts;
        }
    }

    private Parts parts() {
        if (parts == null) {
            parts = new Parts();
        }
        return parts;
    }

    /**
     * @param boundContext the logger's bound context: alternating valid String keys and values, shared, never modified
     * @param arguments the caller's alternating key/value arguments, unchecked (may be null)
     */
    public LogEvent(long timestampMillis, Level level, String loggerName, String message, Throwable throwable,
                    String threadName, Object[] boundContext, Object[] arguments) {
        this(timestampMillis * 1000, level, new EventOrigin(loggerName, boundContext), message, throwable, threadName,
                arguments);
    }

    private LogEvent(long timestampMicros, Level level, EventOrigin origin, String message, Throwable throwable,
                     String threadName, Object[] arguments) {
        this.timestampMicros = timestampMicros;
        this.level = level == null ? NULL_LEVEL : (byte) level.ordinal();
        this.origin = origin;
        this.message = message;
        this.rare = throwable;
        this.threadName = threadName;
        this.arguments = arguments;
    }

    /** An event made at a call by the logger of {@code origin}, timed in microseconds since the epoch. */
    public static LogEvent atMicros(long epochMicros, Level level, EventOrigin origin, String message,
                                    Throwable throwable, String threadName, Object[] arguments) {
        return new LogEvent(epochMicros, level, origin, message, throwable, threadName, arguments);
    }

    /** An event with the given structured parts, for tests and sinks that replay events. */
    public static LogEvent of(long timestampMillis, Level level, String loggerName, String message,
                              Object... arguments) {
        return new LogEvent(timestampMillis, level, loggerName, message, null,
                ThreadNames.current(), null, arguments);
    }

    public long timestampMillis() {
        return Math.floorDiv(timestampMicros, 1000);
    }

    @Override
    public long timestampMicros() {
        return timestampMicros;
    }

    /** Sets the time of the call in microseconds since the epoch; before the event is submitted. */
    public LogEvent timestampMicros(long epochMicros) {
        this.timestampMicros = epochMicros;
        return this;
    }

    /**
     * Weighs the event's message and captured values as {@link CallSnapshot#weight} does, for the
     * queue's memory budget, and keeps the weight for the worker that takes the event out; before
     * the event is queued. 0 for an event holding no large value.
     */
    public int weigh() {
        return weighWith(ThrowableFootprint.weight(storedThrowable()));
    }

    /**
     * Weighs the event again as {@link #weigh} does, its throwable by its stacks' frames
     * ({@link ThrowableFootprint#weightRead}): for an event whose framework read them at the call
     * (Logback's), which then hold three times what an unread stack holds; before the event is queued.
     * Never throws, as {@link #captureCall} does not: if reading the stacks fails (the heap spent as
     * they are copied), the event keeps the weight it had.
     */
    public int weighStacks() {
        try {
            return weighWith(ThrowableFootprint.weightRead(storedThrowable()));
        } catch (Throwable failure) {
            return weight();
        }
    }

    /** Weighs the message and the captured values, from what the throwable weighs, and keeps the weight. */
    private int weighWith(long throwableBytes) {
        int weight = CallSnapshot.weight(messageWeight() + throwableBytes, arguments);
        weighed(weight);
        return weight;
    }

    /** Whether the event carries a throwable of its own. */
    public boolean hasThrowable() {
        return storedThrowable() != null;
    }

    /** What the message and the throwable weigh (see {@link ThrowableFootprint#weight}), before the arguments. */
    private long ownWeight() {
        return messageWeight() + ThrowableFootprint.weight(storedThrowable());
    }

    private long messageWeight() {
        return message == null ? 0 : message.length();
    }

    /**
     * Takes the call's message and arguments as the call has them ({@link CallSnapshot#message},
     * {@link CallSnapshot#of(Object[], int)}: cut, copied) and weighs the event in the same pass
     * ({@link #weigh}); on the caller's thread, before the event is submitted. Never throws: if the
     * capture fails (a web application's stopped class loader refusing a class it needs, the heap
     * spent), the event keeps the call's values as they are, for the worker to write or count.
     */
    public LogEvent captureCall(int maxChars) {
        try {
            message = CallSnapshot.message(message, maxChars);
            arguments = CallSnapshot.weighed(this, ownWeight(), arguments, maxChars);
        } catch (Throwable failure) {
            // the values as they are: the worker writes them or counts the event as failed
        }
        return this;
    }

    void weighed(int weight) {
        if (weight != 0 || rare instanceof Rare) {
            allRare().weight = weight;
        }
    }

    /** The weight {@link #weigh} found, 0 when it was not called. */
    public int weight() {
        return rare instanceof Rare all ? all.weight : 0;
    }

    /**
     * Cuts the event's large values further, its text near {@code keepChars}, its structures to
     * {@code maxElements} elements (see {@link CallSnapshot#trimmed}), its throwables' stack traces to
     * as many frames (see {@link ThrowableFootprint#trimmed}), and weighs it again: for an
     * event the queue's memory budget has no room for; before it is queued. A message whose
     * {@code {}}s are still to be filled is kept whole: cut, it would lose them, and its arguments
     * their places.
     */
    public void trim(int keepChars, int maxElements) {
        if (placeholderArguments == RESOLVED || message == null || message.indexOf("{}") < 0) {
            message = CallSnapshot.trimmedMessage(message, keepChars);
        }
        arguments = CallSnapshot.trimmed(arguments, keepChars, maxElements);
        Throwable error = storedThrowable();
        if (error != null) {
            throwable(ThrowableFootprint.trimmed(error, maxElements, keepChars));
        }
        weigh();
    }

    /**
     * Marks this event as logged by fapilog's own work, before it is queued: on a worker while it
     * handled or wrote other events (a filter, enricher or redactor, a value's getter, an encoder, a
     * sink), or on another of fapilog's threads (a library inside a sink's hand-off).
     */
    public void markLoggedWhileHandling() {
        level |= (byte) LOGGED_WHILE_HANDLING_BIT;
    }

    /** Whether {@link #markLoggedWhileHandling()} was called. */
    public boolean loggedWhileHandling() {
        return (level & LOGGED_WHILE_HANDLING_BIT) != 0;
    }

    public Level level() {
        return LEVELS[level & LEVEL_BITS];
    }

    public String loggerName() {
        return origin.loggerName();
    }

    public String message() {
        if (placeholderArguments != RESOLVED) {
            resolvePlaceholders();
        }
        return message;
    }

    /** Replaces the message by its redacted form; called by redactors on the worker. */
    public void message(String redacted) {
        this.message = redacted;
    }

    public Throwable throwable() {
        if (placeholderArguments != RESOLVED) {
            resolvePlaceholders();
        }
        return storedThrowable();
    }

    /** Replaces the throwable by its redacted copy; called by redactors on the worker. */
    public void throwable(Throwable redacted) {
        if (rare == null || rare instanceof Throwable) {
            rare = redacted;
        } else if (redacted != null || rare instanceof Rare) {
            allRare().throwable = redacted;
        }
    }

    private Throwable storedThrowable() {
        Object held = rare;
        return held instanceof Throwable throwable ? throwable : held instanceof Rare all ? all.throwable : null;
    }

    private Object[] storedCallContext() {
        Object held = rare;
        return held instanceof Object[] pairs ? pairs : held instanceof Rare all ? all.callContext : null;
    }

    private Rare allRare() {
        Object held = rare;
        if (held instanceof Rare all) {
            return all;
        }
        Rare all = new Rare();
        if (held instanceof Throwable throwable) {
            all.throwable = throwable;
        } else if (held instanceof Object[] pairs) {
            all.callContext = pairs;
        }
        rare = all;
        return all;
    }

    public String threadName() {
        return threadName;
    }

    /** Replaces the thread's name by its masked text; called by redactors on the worker. */
    public void threadName(String redacted) {
        this.threadName = redacted;
    }

    /** Replaces the logger's name, as a redactor masked it (a name can be any text, a URL with its password). */
    public void loggerName(String redacted) {
        this.origin = new EventOrigin(redacted, origin.boundContext());
    }

    /**
     * Sets what was captured on the caller's thread at call time (MDC values, the scoped context,
     * trace ids): a context array (see {@code ContextPairs}), written after the bound context so its
     * keys win. Call before the event is submitted.
     */
    public LogEvent callContext(Object[] pairs) {
        if (rare == null || rare instanceof Object[]) {
            rare = pairs;
        } else if (pairs != null || rare instanceof Rare) {
            allRare().callContext = pairs;
        }
        return this;
    }

    /**
     * Says that the event's arguments are all fields (a {@code Map}, a fluent builder's
     * {@code add}s, a bridged event's key/value pairs) and its message final text: a {@code {}} in
     * it takes none of them. Call before the event is submitted.
     */
    public LogEvent argumentsAreFields() {
        placeholderArguments = RESOLVED;
        return this;
    }

    /**
     * Says that only the first {@code count} arguments may fill the message's {@code {}}s, the
     * rest being pairs (a fluent call with fewer arguments than {@code {}}s, after {@code add}s):
     * the last {@code {}}s stay as they are. Call before the event is submitted.
     */
    public LogEvent placeholderArguments(int count) {
        placeholderArguments = (short) Math.min(count, Short.MAX_VALUE); // past 32,766, all: no message has as many
        return this;
    }

    /** Sets the event's tags (SLF4J markers, {@code LogBuilder.tag}); call before the event is submitted. */
    public LogEvent tags(java.util.List<String> tags) {
        if (tags != null && !tags.isEmpty()) {
            allRare().tags = tags;
        } else if (rare instanceof Rare all) {
            all.tags = java.util.List.of();
        }
        return this;
    }

    @Override
    public java.util.List<String> tags() {
        return rare instanceof Rare all ? all.tags : java.util.List.of();
    }

    /** Request-scoped values: the logger's bound context, then the call context, then what enrichers add. */
    public Fields context() {
        Parts own = parts();
        if (own.context == null) {
            own.context = new Fields(0);
            fillContext(own.context);
        }
        return own.context;
    }

    private void fillContext(Fields fields) {
        Object[] boundContext = origin.boundContext();
        Object[] callContext = storedCallContext();
        if (boundContext == null && callContext != null) {
            fields.reuse(callContext, callContext.length / 2);
            return;
        }
        fields.reuse(boundContext, boundContext == null ? 0 : boundContext.length / 2);
        if (callContext != null) {
            for (int i = 0; i + 1 < callContext.length; i += 2) {
                fields.put((String) callContext[i], callContext[i + 1]);
            }
        }
    }

    /** Facts about where the event was produced: service, env, host, pid, thread, exception. */
    public Fields diagnostics() {
        Parts own = parts();
        if (own.diagnostics == null) {
            own.diagnostics = new Fields(0);
            // Normalising the arguments may add an argument_error here: do it before anyone reads.
            data();
        }
        return own.diagnostics;
    }

    /** The caller's key/value arguments. Malformed arguments never throw: see {@link #ARGUMENT_ERROR_KEY}. */
    public Fields data() {
        Parts own = parts();
        if (own.data == null) {
            own.data = new Fields(0);
            resolvePlaceholders();
            fill(own.data, arguments);
        }
        return own.data;
    }

    /**
     * Lends this event a worker's reusable fields, filled as {@link #context()}, {@link #diagnostics()}
     * and {@link #data()} would be, so processing it allocates nothing unless a stage writes. The
     * worker calls {@link #release()} before lending them to the next event. The placeholders are
     * resolved here, a {@code byte[]} one takes written as {@code placeholderBytes} makes it.
     */
    public void lend(Parts lent, UnaryOperator<byte[]> placeholderBytes) {
        fillContext(lent.context);
        lent.diagnostics.reuse(null, 0);
        this.parts = lent;
        resolvePlaceholders(placeholderBytes);
        fill(lent.data, arguments);
    }

    /** Gives the lent fields back: later reads of this event get fields of its own. */
    public void release() {
        parts = null;
    }

    /**
     * SLF4J-style messages: each {@code {}} of the message takes the next leading argument; the
     * arguments left over are key/value pairs as usual, except a lone Throwable, which becomes the
     * event's exception when it has none. Once per event, on the worker.
     */
    private void resolvePlaceholders() {
        resolvePlaceholders(UnaryOperator.identity());
    }

    /** @param bytes what a {@code byte[]} a placeholder takes is written as (see {@link Placeholders#format(String, Object[], int, UnaryOperator)}) */
    private void resolvePlaceholders(UnaryOperator<byte[]> bytes) {
        int limit = placeholderArguments;
        if (limit == RESOLVED) {
            return;
        }
        placeholderArguments = RESOLVED;
        Object[] args = arguments;
        if (args == null || args.length == 0) {
            return;
        }
        int used = Math.min(limit == Short.MAX_VALUE ? Placeholders.count(message)
                : Math.min(Placeholders.count(message), limit), args.length);
        if (used == 0) {
            return;
        }
        message = Placeholders.format(message, args, used, bytes);
        Object[] rest = used == args.length ? null : java.util.Arrays.copyOfRange(args, used, args.length);
        if (rest != null && rest.length == 1 && rest[0] instanceof Throwable error && storedThrowable() == null) {
            throwable(error);
            rest = null;
        }
        arguments = rest;
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
        if ((level & NULL_LEVEL_BIT) != 0) {
            Object earlier = diagnostics().get(ARGUMENT_ERROR_KEY);
            diagnostics().put(ARGUMENT_ERROR_KEY, (earlier == null ? "" : earlier + "; ") + "null level, logged at INFO");
        }
    }

    /**
     * Whether the caller passed an odd number of key/value arguments: every pair after the missing or
     * extra one is shifted, a value of each pair being the key of the pair it was meant for.
     */
    public boolean oddArguments() {
        data(); // resolves the placeholders, which take the leading arguments
        return arguments != null && arguments.length % 2 != 0;
    }

    /** Pairs up to which duplicate keys are looked for by comparing each with the earlier ones. */
    private static final int SMALL_PAIRS = 16;

    private static boolean isWellFormed(Object[] args) {
        if (args.length % 2 != 0) {
            return false;
        }
        if (args.length > 2 * SMALL_PAIRS) {
            return isWellFormedLarge(args);
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

    /** The same check in linear time, for events with many fields. */
    private static boolean isWellFormedLarge(Object[] args) {
        java.util.HashSet<String> keys = new java.util.HashSet<>(args.length);
        for (int i = 0; i < args.length; i += 2) {
            if (!(args[i] instanceof String key) || !keys.add(key)) {
                return false;
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
                fields.put(keyName(key), args[i * 2 + 1]);
                diagnostics().put(ARGUMENT_ERROR_KEY, "non-String key at argument " + (i * 2));
            }
        }
        if (args.length % 2 != 0) {
            fields.put(UNPAIRED_VALUE_KEY, args[args.length - 1]);
            diagnostics().put(ARGUMENT_ERROR_KEY, "odd number of key/value arguments (" + args.length + ")");
        }
    }

    /**
     * A non-String key's string form, never null ({@code "null"} for a {@code toString()} that returns
     * null, so it meets a {@code "null"} key as one name); a key whose {@code toString()} throws gets a
     * placeholder, not the event's loss.
     */
    private static String keyName(Object key) {
        try {
            String name = String.valueOf(key);
            return name != null ? name : "null";
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError error && !(failure instanceof StackOverflowError)) {
                throw error;
            }
            return "[unserializable key " + key.getClass().getName() + ": " + failure.getClass().getName() + "]";
        }
    }

    @Override
    public String toString() {
        return level() + " " + loggerName() + " " + message + " " + data();
    }
}
