package io.fapilog.spring.disabled;

import io.fapilog.DrainResult;
import io.fapilog.ExecutionMode;
import io.fapilog.Level;
import io.fapilog.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Logger} a controller gets with {@code fapilog.enabled=false}: it hands each event to
 * the plain logging system through SLF4J, its key/value pairs (bound ones first) as SLF4J key/value
 * pairs. CRITICAL, AUDIT and SECURITY become ERROR. No engine: {@link #stopAndDrain()} has nothing to drain.
 */
public final class Slf4jLogger implements Logger {

    private static final Object[] NONE = new Object[0];

    private final org.slf4j.Logger delegate;
    private final Object[] bound;

    public Slf4jLogger(String name) {
        this(LoggerFactory.getLogger(name), NONE);
    }

    private Slf4jLogger(org.slf4j.Logger delegate, Object[] bound) {
        this.delegate = delegate;
        this.bound = bound;
    }

    @Override
    public String name() {
        return delegate.getName();
    }

    @Override
    public ExecutionMode executionMode() {
        return ExecutionMode.THREAD;
    }

    @Override
    public boolean isEnabled(Level level) {
        return delegate.isEnabledForLevel(slf4jLevel(level));
    }

    @Override
    public void log(Level level, String message, Throwable error, Object[] keyValues) {
        try {
            if (!isEnabled(level)) {
                return;
            }
            LoggingEventBuilder event = delegate.atLevel(slf4jLevel(level)).setMessage(message);
            if (error != null) {
                event = event.setCause(error);
            }
            event = pairs(event, bound);
            event = pairs(event, keyValues);
            event.log();
        } catch (RuntimeException ignored) {
            // logging never throws into the caller
        }
    }

    private static LoggingEventBuilder pairs(LoggingEventBuilder event, Object[] keyValues) {
        if (keyValues == null) {
            return event;
        }
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            event = event.addKeyValue(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        return event;
    }

    @Override
    public Logger bind(Object... keyValues) {
        if (keyValues == null || keyValues.length == 0) {
            return this;
        }
        Object[] all = Arrays.copyOf(bound, bound.length + keyValues.length);
        System.arraycopy(keyValues, 0, all, bound.length, keyValues.length);
        return new Slf4jLogger(delegate, all);
    }

    @Override
    public CompletableFuture<DrainResult> stopAndDrain() {
        return CompletableFuture.completedFuture(new DrainResult(0, 0, 0, 0, 0, Duration.ZERO));
    }

    static org.slf4j.event.Level slf4jLevel(Level level) {
        if (level == null) {
            return org.slf4j.event.Level.INFO; // as fapilog logs a null level
        }
        return switch (level) {
            case TRACE -> org.slf4j.event.Level.TRACE;
            case DEBUG -> org.slf4j.event.Level.DEBUG;
            case INFO -> org.slf4j.event.Level.INFO;
            case WARN -> org.slf4j.event.Level.WARN;
            case ERROR, CRITICAL, AUDIT, SECURITY -> org.slf4j.event.Level.ERROR;
        };
    }
}
