package io.fapilog;

import io.fapilog.internal.encoding.Failures;
import io.fapilog.internal.event.CallSnapshot;
import io.fapilog.internal.event.Placeholders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The builder of an enabled level: collects fields, cause and tags, then hands them to its logger once. */
final class EventBuilder implements LogBuilder {

    /** Where a built event goes. */
    @FunctionalInterface
    interface Target {
        /**
         * @param placeholderArguments how many of {@code keyValues}, first, are arguments of the
         *                             message's {@code {}}s, to be formatted off the caller's thread;
         *                             the rest are pairs, and no pair fills a {@code {}} (with too few
         *                             arguments, the last {@code {}}s stay as they are)
         */
        void log(Level level, String message, Throwable error, Object[] keyValues, List<String> tags,
                 int placeholderArguments);
    }

    /**
     * The target of a logger that takes arguments and pairs only (not fapilog's own): with fewer
     * arguments than {@code {}}s the message is formatted here, on the caller's thread, so that no
     * pair fills a {@code {}}.
     */
    static Target formattingOnTheCaller(Logger logger) {
        return (level, message, error, keyValues, tags, placeholderArguments) -> {
            if (placeholderArguments == 0 || placeholderArguments >= Placeholders.count(message)) {
                logger.log(level, message, error, keyValues);
            } else {
                logger.log(level, Placeholders.format(message, keyValues, placeholderArguments), error,
                        Arrays.copyOfRange(keyValues, placeholderArguments, keyValues.length));
            }
        };
    }

    private final Target target;
    private final Level level;
    private Object[] pairs;
    private int size;
    private Throwable error;
    private List<String> tags;
    /** The tags as a set, once there are {@value #INDEXED_TAGS}: a scan of the list per tag would make many tags quadratic. */
    private Set<String> tagIndex;
    private static final int INDEXED_TAGS = 16;

    EventBuilder(Target target, Level level) {
        this.target = target;
        this.level = level;
    }

    @Override
    public LogBuilder add(String key, Object value) {
        String name = String.valueOf(key);
        for (int i = 0; i < size; i += 2) {
            if (name.equals(pairs[i])) {
                pairs[i + 1] = value;
                return this;
            }
        }
        if (pairs == null) {
            pairs = new Object[8];
        } else if (size == pairs.length) {
            pairs = Arrays.copyOf(pairs, size * 2);
        }
        pairs[size++] = name;
        pairs[size++] = value;
        return this;
    }

    @Override
    public LogBuilder add(String key, Supplier<?> value) {
        return add(key, CallSnapshot.supplied(value));
    }

    @Override
    public LogBuilder add(String key, int value) {
        return add(key, (Object) value);
    }

    @Override
    public LogBuilder add(String key, long value) {
        return add(key, (Object) value);
    }

    @Override
    public LogBuilder add(String key, double value) {
        return add(key, (Object) value);
    }

    @Override
    public LogBuilder add(String key, boolean value) {
        return add(key, (Object) value);
    }

    @Override
    public LogBuilder addAll(Map<String, ?> fields) {
        Object[] pairs = KeyValues.of(fields); // copied as a Map call's fields are: never throws
        if (pairs != null) {
            for (int i = 0; i < pairs.length; i += 2) {
                add(pairs[i] instanceof String key ? key : Failures.safeToString(pairs[i]), pairs[i + 1]);
            }
        }
        return this;
    }

    @Override
    public LogBuilder cause(Throwable error) {
        this.error = error;
        return this;
    }

    @Override
    public LogBuilder tag(String tag) {
        if (tag != null) {
            if (tags == null) {
                tags = new ArrayList<>(2);
            }
            if (tags.size() < INDEXED_TAGS ? !tags.contains(tag) : tagIndex().add(tag)) {
                tags.add(tag);
            }
        }
        return this;
    }

    @Override
    public void log(String message) {
        target.log(level, message, error, pairs == null ? null : size == pairs.length ? pairs : Arrays.copyOf(pairs, size),
                tags(), 0);
    }

    private Set<String> tagIndex() {
        if (tagIndex == null) {
            tagIndex = new HashSet<>(tags);
        }
        return tagIndex;
    }

    private List<String> tags() {
        return tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public void log(String message, Object arg) {
        log(message, new Object[] {arg});
    }

    @Override
    public void log(String message, Object arg1, Object arg2) {
        log(message, new Object[] {arg1, arg2});
    }

    @Override
    public void log(String message, Object... args) {
        int placeholders = Placeholders.count(message);
        int count = args == null ? 0 : args.length;
        int used = Math.min(placeholders, count);
        if (used < count && error == null && args[count - 1] instanceof Throwable last) {
            error = last; // SLF4J: a Throwable after the placeholders' arguments is the exception
            count--;
        }
        // The placeholders' arguments, then the added fields, then the call's arguments left over:
        // pairs, as a plain call's are (a key given twice keeps the later value). Formatted on the
        // worker, as the plain calls' are: an argument's slow or failing toString() neither holds
        // nor fails the caller.
        int leftOver = count - used;
        Object[] arguments = new Object[used + size + leftOver];
        System.arraycopy(args, 0, arguments, 0, used);
        if (size > 0) {
            System.arraycopy(pairs, 0, arguments, used, size);
        }
        if (leftOver > 0) {
            System.arraycopy(args, used, arguments, used + size, leftOver);
        }
        target.log(level, message, error, arguments, tags(), used);
    }

    @Override
    public void log(Supplier<String> message) {
        Object text = CallSnapshot.supplied(message);
        log(text == null ? null : Failures.safeToString(text));
    }

}
